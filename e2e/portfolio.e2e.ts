import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, expect, test } from 'vitest';
import {
  addCommittee,
  addKeyFigure,
  addMember,
  addPhase,
  addProblem,
  newProject,
} from '../src/modules/programme/portfolio/testing.ts';
import { programmeWorld } from '../src/modules/programme/testing.ts';
import { type Database, openPglite, openPostgres } from '../src/platform/db/client.ts';
import { formatViolations } from './axe.ts';
import { launchBrowser, openPage } from './browser.ts';
import { horizontalOverflow } from './flows.ts';
import { mainText, pageChecks } from './pages.ts';
import { createFreshDatabase, type FreshDatabase } from './postgres.ts';
import { type RunningServer, startServer } from './server.ts';

/**
 * The public portfolio in a browser, without signing in: /programme, a cohort page and a project page,
 * on a phone (375 px) and on a desktop screen. Each page fits the phone's width, has one h1, and has no
 * serious or critical axe violation; screenshots go to e2e/screenshots/.
 *
 * The programme's rows are written into the database before the server starts (an embedded database
 * admits one process at a time), so the server finds them and skips the demo seed.
 */
const phone = { viewport: { width: 375, height: 812 }, isMobile: true, hasTouch: true };
const desktop = { viewport: { width: 1280, height: 900 } };

let server: RunningServer;
let browser: Browser;
let dataDir: string;
let postgres: FreshDatabase | undefined;
const urls = { cohort: '', project: '', betagouv: '' };
const { check, found } = pageChecks('portfolio');

/** A small season: two partners, problems at every stage, a project that went on and one that stopped. */
async function seedPortfolio(database: Database): Promise<void> {
  const db = database.db;
  const world = await programmeWorld(db);
  const pau = {
    submitterAgentId: world.pauAgent.id,
    organisationId: world.pauCcas.id,
    territoryId: world.pauTerritory.id,
  };
  await addProblem(db, world, 'brouillon');
  await addProblem(db, world, 'soumis');
  await addProblem(db, world, 'non_retenu', pau);
  const phoneProblem = await addProblem(db, world, 'retenu', { title: 'Les appels perdus' });
  const compostProblem = await addProblem(db, world, 'retenu', { ...pau, title: 'Les déchets de cuisine' });

  const accueil = await newProject(db, world, {
    slug: 'accueil-uts',
    title: 'Accueil UTS : plus d’appel perdu',
    mission: 'Que chaque appel à l’unité territoriale trouve une réponse, le jour même.',
    problem:
      'Sept appels sur dix n’aboutissent pas. Plus de la moitié des personnes rappellent cinq fois ou plus.\n\nFaute de réponse, beaucoup se déplacent.',
    solution: 'Un serveur vocal à choix multiples qui oriente vers le bon secrétariat, et des rappels.',
    problemId: phoneProblem.id,
    coachAgentId: world.coach.id,
    sponsors: ['departement-var'],
    usertypes: ['particulier'],
  });
  await addPhase(db, accueil.id, 'investigation', '2019-02-04', '2019-06-05');
  await addPhase(db, accueil.id, 'construction', '2019-06-05');
  await addMember(db, accueil.id, world.varAgent.id);
  await addMember(db, accueil.id, world.varColleague.id);
  await addKeyFigure(db, accueil.id, {
    value: '70 %',
    label: 'des appels entrants perdus',
    source: 'UTS, 2019',
    position: 0,
  });
  await addKeyFigure(db, accueil.id, {
    value: '59 %',
    label: 'des appelants rappellent 5 fois ou plus',
    position: 1,
  });

  const compost = await newProject(db, world, {
    slug: 'compost-mitoyen',
    title: 'Au Compost Mitoyen',
    mission: 'Composter ensemble au pied des immeubles.',
    problemId: compostProblem.id,
    territoryId: world.pauTerritory.id,
    moduleName: 'compost',
  });
  await addPhase(db, compost.id, 'investigation', '2019-02-04', '2019-07-01');
  await addPhase(db, compost.id, 'abandon', '2019-07-01');
  await addMember(db, compost.id, world.pauAgent.id);
  await addCommittee(db, world, new Date('2019-06-05T08:00:00Z'), [
    { projectId: accueil.id, decision: 'go' },
    { projectId: compost.id, decision: 'stop' },
  ]);

  urls.cohort = `/programme/saisons/${world.cohort.slug}`;
  urls.project = `/programme/projets/${accueil.slug}`;
  urls.betagouv = `/programme/projets/${accueil.slug}/betagouv.md`;
}

beforeAll(async () => {
  dataDir = await mkdtemp(path.join(tmpdir(), 'tremplin-e2e-portfolio-'));
  const adminUrl = process.env.E2E_DATABASE_URL;
  if (adminUrl) postgres = await createFreshDatabase(adminUrl, 'tremplin_e2e');
  const database = postgres ? await openPostgres(postgres.url, 2) : await openPglite(dataDir);
  try {
    await database.migrate();
    await seedPortfolio(database);
  } finally {
    await database.close();
  }
  server = await startServer({ env: { DATA_DIR: dataDir, DATABASE_URL: postgres?.url ?? '' } });
  browser = await launchBrowser();
});

afterAll(async () => {
  await browser?.close();
  await server?.stop();
  await rm(dataDir, { recursive: true, force: true });
  await postgres?.drop();
});

for (const [screen, options] of [
  ['telephone', phone],
  ['bureau', desktop],
] as const) {
  test(`the portfolio reads without signing in, on a ${screen === 'telephone' ? 'phone' : 'desktop'}`, async () => {
    const page = await openPage(browser, options);

    await page.goto(`${server.baseUrl}/programme`);
    await check(page, `${screen}-1-accueil`);
    expect(await mainText(page)).toContain('Le programme des startups de territoire');
    expect(await mainText(page)).toContain('Au Compost Mitoyen');
    if (screen === 'telephone') expect(await horizontalOverflow(page)).toBeLessThanOrEqual(0);

    // The season's card leads to its page: the funnel as an image, then as a table.
    await Promise.all([page.waitForNavigation(), page.locator(`main a[href="${urls.cohort}"]`).click()]);
    await check(page, `${screen}-2-saison`);
    expect(await page.getByRole('img', { name: /Entonnoir de la saison/ }).count()).toBe(1);
    expect(await page.getByRole('table', { name: /Entonnoir de la saison/ }).count()).toBe(1);
    if (screen === 'telephone') expect(await horizontalOverflow(page)).toBeLessThanOrEqual(0);

    // The project from the season's table.
    await Promise.all([
      page.waitForNavigation(),
      page.locator(`main a[href="${urls.project}"]`).first().click(),
    ]);
    await check(page, `${screen}-3-projet`);
    const text = await mainText(page);
    expect(text).toContain('Accueil UTS : plus d’appel perdu');
    expect(text).toContain('70 %');
    expect(text).toContain('Valérie ');
    expect(text).not.toContain('@');
    expect(await page.getByRole('link', { name: /Exporter pour beta\.gouv\.fr/ }).count()).toBe(1);
    if (screen === 'telephone') expect(await horizontalOverflow(page)).toBeLessThanOrEqual(0);

    // The stopped project whose module this deployment does not run says so.
    await page.goto(`${server.baseUrl}/programme/projets/compost-mitoyen`);
    await check(page, `${screen}-4-projet-arrete`);
    expect(await mainText(page)).toContain('n’est pas activé');

    await page.context().close();
  });
}

test('the export link gives the beta.gouv.fr Markdown file', async () => {
  const response = await fetch(`${server.baseUrl}${urls.betagouv}`);
  expect(response.status).toBe(200);
  expect(response.headers.get('content-type')).toBe('text/markdown; charset=utf-8');
  expect(response.headers.get('content-disposition')).toBe('attachment; filename="accueil-uts.md"');
  const body = await response.text();
  expect(body).toMatch(/^---\ntitle: "?Accueil UTS : plus d’appel perdu"?\n/);
  expect(body).toContain('## Contexte');
});

test('no serious or critical accessibility violation on the portfolio', () => {
  expect(found, formatViolations(found)).toEqual([]);
});
