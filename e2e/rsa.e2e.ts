import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, expect, test } from 'vitest';
import { formatViolations } from './axe.ts';
import { launchBrowser, openPage } from './browser.ts';
import { horizontalOverflow, signIn } from './flows.ts';
import { follow, mainText, pageChecks } from './pages.ts';
import { type RunningServer, startServer } from './server.ts';

/**
 * RSA orientation end to end, on the demo: the Var's insertion admin imports a new beneficiary from
 * a CAF file, invites her by SMS; she opens her link on a phone, answers the questionnaire and books
 * her first meeting herself; the agent sees « RDV pris ». Then a meeting that took place (a demo
 * person « RDV à statuer ») is marked « vu » and the référent records the orientation. Every page is
 * scanned with axe (serious and critical violations fail) and saved in e2e/screenshots/.
 */
const phone = { viewport: { width: 375, height: 812 }, isMobile: true, hasTouch: true };
const agentEmail = 'admin.insertion@var.tremplin.demo';

let server: RunningServer;
let browser: Browser;
const { check, found } = pageChecks('rsa');

beforeAll(async () => {
  server = await startServer({ postgresAdminUrl: process.env.E2E_DATABASE_URL });
  browser = await launchBrowser();
});

afterAll(async () => {
  await browser?.close();
  await server?.stop();
});

test('import → invitation by SMS → the person answers and books on a phone → RDV pris', async () => {
  const agent = await openPage(browser, { viewport: { width: 1280, height: 900 } });
  await signIn(agent, server.baseUrl, agentEmail);

  // 1. Import a CAF list of one person (Windows-style headers, French dates).
  await agent.goto(`${server.baseUrl}/rsa/import`);
  await check(agent, '1-import');
  const csv = [
    'N° allocataire;Rôle;Nom;Prénom;Date de naissance;Adresse;Code postal;Commune;Téléphone;Date d’ouverture de droits',
    '7654321;Demandeur;LEFEBVRE;Nadia;14/02/1988;3 rue Jean Jaurès;83500;La Seyne-sur-Mer;06 12 41 11 22;02/11/2026',
  ].join('\r\n');
  await agent.locator('input[type=file]').setInputFiles({
    name: 'caf-novembre.csv',
    mimeType: 'text/csv',
    buffer: Buffer.from(csv, 'utf8'),
  });
  await follow(agent, () => agent.getByRole('button', { name: 'Vérifier le fichier' }).click());
  await check(agent, '2-apercu');
  await follow(agent, () => agent.getByRole('button', { name: /^Confirmer l’import/ }).click());
  // Applied by a background job; the page refreshes itself until done.
  await agent.waitForFunction(() => !document.querySelector('meta[http-equiv="refresh"]'), undefined, {
    timeout: 60_000,
  });
  await check(agent, '3-rapport');

  // 2. Find her in the list and invite her by SMS from her page.
  await agent.goto(`${server.baseUrl}/rsa?q=Lefebvre+Nadia`);
  await check(agent, '4-liste');
  await follow(agent, () => agent.locator('main a', { hasText: 'LEFEBVRE' }).first().click());
  const personUrl = agent.url();
  expect(await mainText(agent)).toContain('Non invité');
  await check(agent, '5-dossier');
  await agent.getByLabel('Inviter à prendre rendez-vous, par').selectOption('sms');
  await follow(agent, () => agent.getByRole('button', { name: 'Inviter', exact: true }).click());
  await agent.goto(personUrl);
  expect(await mainText(agent)).toContain('Invitation envoyée');

  // 3. The SMS in the development outbox (read anonymously from the loopback) holds her link.
  const outbox = await openPage(browser, phone);
  await outbox.goto(`${server.baseUrl}/outils/messages`);
  const link = /\/rsa\/i\/[A-Za-z0-9_-]+\.[0-9a-z]+\.[A-Za-z0-9_-]+/.exec(await outbox.content())?.[0];
  expect(link, 'invitation link in the outbox').toBeDefined();
  await outbox.context().close();

  // 4. On her phone: the landing page, the questionnaire, then the booking.
  const person = await openPage(browser, phone);
  await person.goto(`${server.baseUrl}${link}`);
  await check(person, '6-invitation');
  expect(await horizontalOverflow(person)).toBeLessThanOrEqual(0);
  await follow(person, () => person.getByRole('link', { name: /Répondre à quelques questions/ }).click());
  await check(person, '7-questionnaire');
  await person.locator('label[for=champ-situation-0]').click();
  await person.locator('label', { hasText: 'Hébergé·e chez de la famille ou des amis' }).click();
  expect(await person.getByRole('radio', { name: 'Seul·e' }).isChecked()).toBe(true);
  await follow(person, () => person.getByRole('button', { name: 'Envoyer mes réponses' }).click());
  await check(person, '8-merci');
  await person.goto(`${server.baseUrl}${link}`);
  await follow(person, () => person.getByRole('link', { name: 'Choisir mon rendez-vous' }).click());
  // The booking engine: the type (when several are offered), a place, a time, her contact details.
  if (new URL(person.url()).pathname.startsWith('/rdv/invitation/')) {
    await follow(person, () =>
      person.getByRole('link', { name: 'Premier rendez-vous d’orientation RSA' }).click(),
    );
  }
  expect(new URL(person.url()).pathname).toBe('/rdv/lieux');
  await check(person, '9-lieux');
  await follow(person, () => person.locator('main .fr-card a').first().click());
  await follow(person, () => person.locator('main a[href^="/rdv/coordonnees"]').first().click());
  await check(person, '10-coordonnees');
  await follow(person, () => person.getByRole('button', { name: 'Confirmer le rendez-vous' }).click());
  expect(new URL(person.url()).pathname).toMatch(/^\/rdv\/confirmation\//);
  await check(person, '11-confirmation');
  await person.context().close();

  // 5. The agent sees the booking, made by the person, and her answers.
  await agent.goto(personUrl);
  const text = await mainText(agent);
  expect(text).toContain('RDV pris');
  expect(text).toContain('Questionnaire');
  await check(agent, '12-dossier-rdv-pris');
  await agent.context().close();
}, 300_000);

test('a meeting that took place is marked « vu », then the référent records the orientation', async () => {
  const agent = await openPage(browser, { viewport: { width: 1280, height: 900 } });
  await signIn(agent, server.baseUrl, agentEmail);
  await agent.goto(`${server.baseUrl}/rsa?statut=rdv_a_statuer`);
  await follow(agent, () => agent.locator('main tbody a[href^="/rsa/beneficiaires/"]').first().click());
  const personUrl = agent.url();
  expect(await mainText(agent)).toContain('RDV à statuer');

  // The appointment in the agenda: « Vu ».
  await follow(agent, () =>
    agent.getByRole('link', { name: 'Voir le rendez-vous dans l’agenda' }).first().click(),
  );
  await follow(agent, () => agent.getByRole('button', { name: /^Vu/ }).first().click());
  await agent.goto(personUrl);
  expect(await mainText(agent)).toContain('RDV honoré');

  // The decision.
  await follow(agent, () => agent.getByRole('link', { name: 'Décision d’orientation' }).click());
  await check(agent, '13-orientation');
  await agent.locator('label', { hasText: 'Socio-professionnelle' }).first().click();
  await agent.getByLabel('Structure', { exact: false }).fill('Direction de l’insertion');
  await follow(agent, () => agent.getByRole('button', { name: 'Enregistrer l’orientation' }).click());
  await agent.goto(personUrl);
  expect(await mainText(agent)).toContain('Orienté');
  await check(agent, '14-dossier-oriente');

  // Statistics, for agents and for the public.
  await agent.goto(`${server.baseUrl}/rsa/statistiques`);
  await check(agent, '15-statistiques');
  await agent.goto(`${server.baseUrl}/statistiques/rsa/var`);
  await check(agent, '16-statistiques-publiques');
  await agent.context().close();
  expect(found, formatViolations(found)).toEqual([]);
}, 300_000);
