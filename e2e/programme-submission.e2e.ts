import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, expect, test } from 'vitest';
import { formatViolations } from './axe.ts';
import { launchBrowser, openPage } from './browser.ts';
import { signIn } from './flows.ts';
import { follow, mainText, pageChecks } from './pages.ts';
import { type RunningServer, startServer } from './server.ts';

/**
 * The call for problems end to end, on the demo: the incubator's admin opens a season with the Var
 * and Pau and a call open from today; an agent of the Var's UTS finds it on her programme home,
 * writes a draft, comes back to it, is told what is missing, submits it and finds it on the call
 * page (and her receipt in the outbox); an agent of Pau says « moi aussi ». axe runs on every page
 * (serious and critical violations fail); screenshots go to e2e/screenshots/.
 */
const desktop = { viewport: { width: 1280, height: 900 } };
const phone = { viewport: { width: 375, height: 812 }, isMobile: true, hasTouch: true };

let server: RunningServer;
let browser: Browser;
const { check, found } = pageChecks('programme');

beforeAll(async () => {
  server = await startServer({ postgresAdminUrl: process.env.E2E_DATABASE_URL });
  browser = await launchBrowser();
});

afterAll(async () => {
  await browser?.close();
  await server?.stop();
});

/** A day in Paris, `offset` days from today, as a date input takes it. */
function parisDay(offset: number): string {
  return new Date(Date.now() + offset * 86_400_000).toLocaleDateString('sv-SE', { timeZone: 'Europe/Paris' });
}

const season = 'Saison navigateur Var et Pau';
const callTitle = 'Appel à problèmes du navigateur';
const problemTitle = 'Les familles rappellent dix fois l’accueil social sans réponse';

test('a season and its call → a draft → submitted → on the call page → « moi aussi »', async () => {
  // 1. The incubator's admin opens a season with the Var and Pau, then its call.
  const admin = await openPage(browser, desktop);
  await signIn(admin, server.baseUrl, 'coach@incubateur.tremplin.demo');
  await admin.goto(`${server.baseUrl}/programme/espace`);
  await check(admin, '1-accueil-incubateur');
  await follow(admin, () => admin.getByRole('link', { name: 'Nouvelle saison' }).click());
  await check(admin, '2-nouvelle-saison');
  await admin.locator('#champ-nom').fill(season);
  await admin.locator('#champ-debut').fill(parisDay(-10));
  await admin.locator('#champ-fin').fill(parisDay(120));
  await admin.locator('label', { hasText: 'Département du Var' }).click();
  await admin.locator('label', { hasText: 'Pau Béarn Pyrénées' }).click();
  await follow(admin, () => admin.getByRole('button', { name: 'Créer la saison' }).click());
  expect(new URL(admin.url()).pathname).toBe('/programme/espace/saisons/saison-navigateur-var-et-pau');
  await check(admin, '3-saison');
  await follow(admin, () => admin.getByRole('link', { name: 'Nouvel appel à problèmes' }).click());
  await check(admin, '4-nouvel-appel');
  await admin.locator('#champ-titre').fill(callTitle);
  await admin
    .locator('#champ-introduction')
    .fill('Racontez-nous ce qui vous empêche de bien servir les usagers.');
  await admin.locator('#champ-ouverture_jour').fill(parisDay(0));
  await admin.locator('#champ-ouverture_heure').fill('00:00');
  await admin.locator('#champ-cloture_jour').fill(parisDay(30));
  await admin.locator('#champ-cloture_heure').fill('23:59');
  await follow(admin, () => admin.getByRole('button', { name: 'Créer l’appel' }).click());
  const callUrl = admin.url();
  expect(new URL(callUrl).pathname).toMatch(/^\/programme\/espace\/appels\/[0-9a-f-]{36}$/);
  expect(await mainText(admin)).toContain('Ouvert');
  await check(admin, '5-appel-equipe');

  // 2. An agent of the Var's UTS finds the call on her home and writes a draft.
  const agent = await openPage(browser, desktop);
  await signIn(agent, server.baseUrl, 'accueil@var.tremplin.demo');
  await agent.goto(`${server.baseUrl}/programme/espace`);
  await check(agent, '6-accueil-agent');
  const card = agent.locator('.fr-card', { hasText: callTitle });
  await follow(agent, () => card.getByRole('link', { name: 'Proposer un problème' }).click());
  await check(agent, '7-formulaire');
  await agent.locator('#champ-titre').fill(problemTitle);
  await agent.locator('#champ-qui').fill('Les familles suivies par l’UTS, souvent sans voiture.');
  await follow(agent, () => agent.getByRole('button', { name: 'Enregistrer le brouillon' }).click());
  expect(await agent.textContent('body')).toContain('Brouillon enregistré');
  expect(await mainText(agent)).toContain('Ce brouillon n’est visible que par vous');
  await check(agent, '8-brouillon');
  const problemUrl = agent.url();

  // 3. She comes back to it, submits too early, is told what is missing, completes it and submits.
  await follow(agent, () => agent.getByRole('link', { name: 'Reprendre le brouillon' }).click());
  expect(await agent.locator('#champ-titre').inputValue()).toBe(problemTitle);
  await follow(agent, () => agent.getByRole('button', { name: 'Soumettre' }).click());
  expect(await mainText(agent)).toContain('Dites à quelle fréquence le problème se pose.');
  expect(await agent.locator('#champ-qui').inputValue()).toContain('souvent sans voiture');
  await check(agent, '9-erreurs');
  await agent.locator('#champ-combien').fill('Environ 300 appels par semaine');
  await agent.locator('#champ-frequence').fill('Tous les jours');
  await agent.locator('#champ-consequences_usagers').fill('Elles se déplacent pour rien, ou renoncent.');
  await agent
    .locator('#champ-consequences_collectivite')
    .fill('Les agents rappellent et reçoivent sans rendez-vous.');
  await agent.locator('#champ-preuves').fill('Comptage sur deux semaines : 70 % des appels perdus.');
  await agent.locator('#champ-disponibilite').fill('Le jeudi, avec l’accord de ma cheffe de service.');
  await follow(agent, () => agent.getByRole('button', { name: 'Soumettre' }).click());
  expect(agent.url()).toBe(problemUrl);
  expect(await agent.textContent('body')).toContain('Problème soumis');
  expect(await mainText(agent)).toContain('Soumis');
  await check(agent, '10-probleme');

  // 4. It is on the call page; her receipt is in the development outbox.
  await agent.goto(callUrl);
  expect(await mainText(agent)).toContain(problemTitle);
  await check(agent, '11-appel');
  // (The development outbox is read anonymously from the loopback, as in rsa.e2e.ts.)
  const outbox = await openPage(browser, desktop);
  await outbox.goto(`${server.baseUrl}/outils/messages`);
  expect(await outbox.content()).toContain(`Problème soumis : ${problemTitle}`);
  await outbox.context().close();

  // 5. An agent of Pau's CCAS, on her phone, says « moi aussi ».
  const colleague = await openPage(browser, phone);
  await signIn(colleague, server.baseUrl, 'benevolat@pau.tremplin.demo');
  await colleague.goto(problemUrl);
  expect(await colleague.locator('#champ-service').inputValue()).toBe('CCAS de Pau');
  await check(colleague, '12-probleme-collegue');
  await colleague
    .locator('#champ-commentaire')
    .fill('Pareil au CCAS : les usagers rappellent plusieurs fois.');
  await follow(colleague, () => colleague.getByRole('button', { name: 'Moi aussi', exact: true }).click());
  expect(await mainText(colleague)).toContain('Vous avez dit « moi aussi » (CCAS de Pau).');
  expect(await mainText(colleague)).toContain('Un autre agent rencontre ce problème.');
  await check(colleague, '13-moi-aussi');

  // The staff see who said it.
  await admin.goto(problemUrl);
  expect(await mainText(admin)).toContain('Jon Larrieu (CCAS de Pau)');
  await check(admin, '14-probleme-equipe');

  expect(found, formatViolations(found)).toEqual([]);
});
