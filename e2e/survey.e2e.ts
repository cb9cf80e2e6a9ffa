import { eq } from 'drizzle-orm';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, expect, test } from 'vitest';
import { surveyWorld } from '../src/modules/programme/surveys/testing.ts';
import { createForm, openForm, updateFormTexts } from '../src/platform/forms/forms.service.ts';
import { addQuestion } from '../src/platform/forms/questions.service.ts';
import { formResponses } from '../src/platform/forms/tables.ts';
import { receptionSurvey } from '../src/platform/forms/testing.ts';
import { formatViolations } from './axe.ts';
import { launchBrowser, openPage } from './browser.ts';
import { horizontalOverflow } from './flows.ts';
import { follow, pageChecks } from './pages.ts';
import { type SeedDatabase, seedDatabase } from './seed-database.ts';
import { type RunningServer, startServer } from './server.ts';

/**
 * A project's field survey answered on a phone (360 × 740), end to end on the real server: the
 * survey is seeded in the database before the server starts (a project with its team, a form with a
 * question shown only after « Oui »); the person opens the public link, sends it empty (error
 * summary), answers — the conditional question appears once « Oui » is chosen — and sees the thanks.
 * A team member then reads the results (charts and tables). axe scans the form, its errors and the
 * results (serious and critical violations fail). Without JavaScript the conditional question is on
 * the page with its « Répondez si … » hint. Finally the stored response is read from the database.
 */
const phone = { viewport: { width: 360, height: 740 }, isMobile: true, hasTouch: true };

let server: RunningServer;
let browser: Browser;
let seed: SeedDatabase;
let formId: string;
let publicPath: string;
let resultsPath: string;
let teamSession: string;
const { check, found } = pageChecks('survey');

beforeAll(async () => {
  seed = await seedDatabase('survey');
  const database = await seed.open();
  try {
    await database.migrate();
    const { db } = database;
    const world = await surveyWorld(db);
    const now = new Date();
    const form = await createForm(db, {
      module: 'programme',
      ownerRef: `project:${world.project.id}`,
      title: 'Votre accueil au téléphone',
      createdBy: world.varAgent.id,
    });
    for (const question of receptionSurvey) await addQuestion(db, form.id, question, now);
    await updateFormTexts(
      db,
      form.id,
      {
        title: 'Votre accueil au téléphone',
        intro: 'Trois minutes pour nous aider à mieux vous répondre. Vos réponses sont anonymes.',
        thanks: 'Merci ! Les résultats seront présentés à l’équipe de l’UTS.',
      },
      now,
    );
    await openForm(db, form.id, now);
    formId = form.id;
    publicPath = `/questionnaire/${form.publicToken}`;
    resultsPath = `/programme/espace/projets/${world.project.slug}/enquetes/${form.id}/resultats`;
    teamSession = world.varAgent.cookie.replace(/^tremplin_session=/, '');
  } finally {
    await database.close();
  }
  server = await startServer({
    env: {
      SEED_DEMO: 'false',
      ...seed.serverEnv,
    },
  });
  browser = await launchBrowser();
});

afterAll(async () => {
  await browser?.close();
  await server?.stop();
  await seed?.drop();
});

const conditional = (page: Page) => page.locator('[data-condition-question="appele"]');

test('a person answers the survey on a phone, the conditional question appearing after « Oui »', async () => {
  const person = await openPage(browser, phone);
  await person.goto(`${server.baseUrl}${publicPath}`);
  expect(await person.locator('h1').textContent()).toBe('Votre accueil au téléphone');
  expect(await horizontalOverflow(person)).toBeLessThanOrEqual(0);
  await expect.poll(() => conditional(person).isHidden()).toBe(true);
  await check(person, '1-questionnaire');

  // Sent empty: the error summary, linked to the required question.
  await follow(person, () => person.getByRole('button', { name: 'Envoyer mes réponses' }).click());
  const summary = person.locator('#resume-erreurs');
  expect(await summary.textContent()).toContain(
    'Question 1 (Avez-vous appelé le service ce mois-ci ?) : Choisissez une réponse.',
  );
  await check(person, '2-erreurs');

  await person.locator('label[for="champ-appele-0"]').click(); // Oui
  await expect.poll(() => conditional(person).isVisible()).toBe(true);
  await person.getByLabel('2. Combien de fois avez-vous dû rappeler ? (obligatoire)').fill('3');
  await person.locator('label', { hasText: 'Téléphone' }).click();
  await person.locator('label', { hasText: 'Courriel' }).click();
  await person.locator('label[for="champ-satisfaction-3"]').click(); // note 4
  await person.getByLabel('5. Combien de minutes avez-vous attendu ?').fill('12,5');
  await person
    .getByLabel('6. Une idée pour nous améliorer ?')
    .fill('Un rappel automatique quand ça sonne occupé.');
  await follow(person, () => person.getByRole('button', { name: 'Envoyer mes réponses' }).click());
  expect(new URL(person.url()).pathname).toBe(`${publicPath}/merci`);
  expect(await person.locator('h1').textContent()).toBe('Merci, vos réponses sont enregistrées');
  expect(await person.locator('main').textContent()).toContain(
    'Les résultats seront présentés à l’équipe de l’UTS.',
  );
  await check(person, '3-merci');
  await person.context().close();
});

test('without JavaScript the conditional question is shown with its hint', async () => {
  const person = await openPage(browser, { ...phone, javaScriptEnabled: false });
  await person.goto(`${server.baseUrl}${publicPath}`);
  expect(await conditional(person).isVisible()).toBe(true);
  expect(await conditional(person).textContent()).toContain(
    'Répondez si vous avez choisi « Oui » à la question 1.',
  );
  await person.context().close();
});

test('a team member reads the results (charts followed by their tables) and the survey’s pages', async () => {
  const agent = await openPage(browser, phone);
  await agent.context().addCookies([{ name: 'tremplin_session', value: teamSession, url: server.baseUrl }]);
  await agent.goto(`${server.baseUrl}${resultsPath}`);
  expect(await agent.locator('h1').textContent()).toBe('Résultats : Votre accueil au téléphone');
  expect(await agent.locator('svg[role="img"]').count()).toBe(3); // the two choices and the scale
  const main = (await agent.locator('main').textContent()) ?? '';
  expect(main).toContain('Note moyenne : 4 sur une échelle de 1 à 5.');
  expect(main).toContain('Un rappel automatique quand ça sonne occupé.');
  await check(agent, '4-resultats');
  // The team's other pages of the survey, scanned too.
  const base = resultsPath.replace(/\/resultats$/, '');
  for (const [name, page] of [
    ['5-constructeur', base],
    ['5-liste', base.replace(/\/[^/]+$/, '')],
    ['5-apercu', `${base}/apercu`],
    ['6-question', `${base}/questions/essais`],
    ['7-saisie-papier', `${base}/saisie`],
    ['8-version-papier', `${base}/papier`],
  ] as const) {
    const response = await agent.goto(`${server.baseUrl}${page}`);
    expect(response?.status(), page).toBe(200);
    await check(agent, name);
  }
  await agent.context().close();
});

test('no serious or critical accessibility violation', () => {
  expect(found, formatViolations(found)).toEqual([]);
});

test('the response is stored, anonymous, with the conditional answer', async () => {
  // PGlite allows one process at a time: the server stops before the test reads its files.
  await server.stop();
  const database = await seed.open();
  try {
    const rows = await database.db.select().from(formResponses).where(eq(formResponses.formId, formId));
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({
      source: 'en_ligne',
      enteredBy: null,
      paperRef: null,
      answers: {
        appele: 'oui',
        essais: 3,
        moyens: ['tel', 'mail'],
        satisfaction: 4,
        attente: 12.5,
        idee: 'Un rappel automatique quand ça sonne occupé.',
      },
    });
  } finally {
    await database.close();
  }
});
