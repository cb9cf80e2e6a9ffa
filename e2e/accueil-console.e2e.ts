import { eq } from 'drizzle-orm';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, expect, test } from 'vitest';
import { newCall, newTicket, newVoicemail } from '../src/modules/accueil/console/testing.ts';
import { ticketEvents, tickets } from '../src/modules/accueil/tables.ts';
import { accueilWorld } from '../src/modules/accueil/testing.ts';
import { formatViolations } from './axe.ts';
import { launchBrowser, openPage } from './browser.ts';
import { horizontalOverflow } from './flows.ts';
import { follow, mainText, pageChecks } from './pages.ts';
import { type SeedDatabase, seedDatabase } from './seed-database.ts';
import { type RunningServer, startServer } from './server.ts';

/**
 * The phone reception console in a browser, on the real server: a line of the UTS La Seyne with
 * callback tickets (one late, one due later, one done), a voicemail and a few calls (one lost) is
 * written to the database before the server starts. An agent opens /accueil and the console at
 * 1280 px and at 375 px (the voicemail player is there and has loaded nothing), takes the late
 * ticket from the list, records a call attempt and opens the caller's history. The refresh script
 * announces a ticket reopened meanwhile by a colleague (the page's clock is moved 30 s on). Without
 * JavaScript the console is complete. axe scans each page (serious and critical violations fail);
 * screenshots go to e2e/screenshots/accueil-console-*.png.
 */
const phone = { viewport: { width: 375, height: 812 }, isMobile: true, hasTouch: true };
const desktop = { viewport: { width: 1280, height: 900 } };
const HOUR = 3_600_000;

let server: RunningServer;
let browser: Browser;
let seed: SeedDatabase;
let consolePath: string;
const ids = { late: '', later: '', done: '', voicemail: '' };
const sessions = { agent: '', admin: '' };
const { check, found } = pageChecks('accueil-console');

beforeAll(async () => {
  seed = await seedDatabase('accueil');
  const database = await seed.open();
  try {
    await database.migrate();
    const { db } = database;
    const world = await accueilWorld(db);
    const { line } = world;
    const now = Date.now();
    ids.late = (
      await newTicket(db, line, {
        callerNumber: '+33612345678',
        createdAt: new Date(now - 6 * HOUR),
        dueAt: new Date(now - 2 * HOUR),
      })
    ).id;
    ids.later = (
      await newTicket(db, line, {
        callerNumber: '+33698765432',
        serviceKey: 'ase',
        reason: 'raccroche',
        createdAt: new Date(now - HOUR),
        dueAt: new Date(now + 3 * HOUR),
      })
    ).id;
    ids.done = (
      await newTicket(db, line, {
        callerNumber: '+33611223344',
        createdAt: new Date(now - 30 * HOUR),
        dueAt: new Date(now - 26 * HOUR),
        status: 'fait',
        closedAt: new Date(now - 25 * HOUR),
      })
    ).id;
    ids.voicemail = (
      await newVoicemail(db, line, {
        callerNumber: '+33612345678',
        recordedAt: new Date(now - 3 * HOUR),
        durationMs: 12_000,
      })
    ).id;
    await newCall(db, line, {
      callerNumber: '+33655443322',
      startedAt: new Date(now - 20 * 60_000),
      outcome: null,
      outcomeAt: null,
      menuPath: ['principal'],
      serviceKey: null,
    });
    await newCall(db, line, {
      callerNumber: '+33677889900',
      startedAt: new Date(now - 10 * 60_000),
      outcome: 'transfere_repondu',
      menuPath: ['principal', '3', 'pole-accueil'],
      serviceKey: 'pole-accueil',
    });
    consolePath = `/accueil/lignes/${line.id}`;
    sessions.agent = world.agent.cookie.replace(/^tremplin_session=/, '');
    sessions.admin = world.admin.cookie.replace(/^tremplin_session=/, '');
  } finally {
    await database.close();
  }
  server = await startServer({
    env: {
      SEED_DEMO: 'false',
      SIP_ENABLED: 'false',
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

async function signedIn(who: keyof typeof sessions, options: Parameters<typeof openPage>[1]): Promise<Page> {
  const page = await openPage(browser, options);
  await page.context().addCookies([{ name: 'tremplin_session', value: sessions[who], url: server.baseUrl }]);
  return page;
}

const ticketRow = (page: Page, id: string) => page.locator(`tr[data-ticket-id="${id}"]`);

test('the agent’s home lists the line with what waits on it', async () => {
  const page = await signedIn('agent', desktop);
  await page.goto(`${server.baseUrl}/accueil`);
  expect(await page.locator('h1').textContent()).toBe('Accueil téléphonique');
  const text = await mainText(page);
  expect(text).toContain('Accueil UTS La Seyne');
  expect(text).toContain('2 rappels à faire, dont 1 en retard');
  expect(text).toContain('1 message vocal non traité');
  expect(text).toMatch(/\d+ appels aujourd’hui, dont 1 perdu/);
  await check(page, '1-accueil');
  await follow(page, () =>
    page.getByRole('link', { name: 'Console de la ligne Accueil UTS La Seyne' }).click(),
  );
  expect(new URL(page.url()).pathname).toBe(consolePath);
  await page.context().close();
});

for (const [name, options] of [
  ['1280', desktop],
  ['375', phone],
] as const) {
  test(`the console at ${name} px: tickets by due time, the late one flagged, the player loads nothing`, async () => {
    const page = await signedIn('agent', options);
    const audioRequests: string[] = [];
    page.on('request', (request) => {
      if (request.url().endsWith('.wav')) audioRequests.push(request.url());
    });
    await page.goto(`${server.baseUrl}${consolePath}`);
    expect(await page.locator('h1').textContent()).toBe('Console : Accueil UTS La Seyne');
    expect(await horizontalOverflow(page)).toBeLessThanOrEqual(0);
    const rows = page.locator('#rappels-liste tr[data-ticket-id]');
    expect(await rows.evaluateAll((trs) => trs.map((tr) => tr.getAttribute('data-ticket-id')))).toEqual([
      ids.late,
      ids.later,
    ]);
    expect(await ticketRow(page, ids.late).textContent()).toContain('En retard');
    expect(await ticketRow(page, ids.later).textContent()).not.toContain('En retard');
    expect(await ticketRow(page, ids.late).textContent()).toContain('06 12 34 56 78');

    const audio = page.locator('#messages audio');
    expect(await audio.count()).toBe(1);
    expect(await audio.getAttribute('preload')).toBe('none');
    expect(await audio.getAttribute('controls')).not.toBeNull();
    expect(await audio.getAttribute('src')).toBe(`${consolePath}/messages/${ids.voicemail}.wav`);
    expect(await audio.evaluate((a: HTMLAudioElement) => a.readyState)).toBe(0); // HAVE_NOTHING
    expect(audioRequests).toEqual([]);
    const download = page.locator('#messages a', { hasText: 'Télécharger le message (WAV)' });
    expect(await download.getAttribute('href')).toBe(
      `${consolePath}/messages/${ids.voicemail}.wav?telecharger=1`,
    );
    // The file itself, fetched with the agent's session.
    const wav = await page.request.get(`${server.baseUrl}${consolePath}/messages/${ids.voicemail}.wav`);
    expect(wav.status()).toBe(200);
    expect(wav.headers()['content-type']).toBe('audio/wav');
    expect((await wav.body()).subarray(0, 4).toString('ascii')).toBe('RIFF');

    const calls = await page.locator('#appels').textContent();
    expect(calls).toContain('Appel perdu');
    expect(calls).toContain('principal › touche 3 › Pôle Accueil');
    expect(calls).toContain('Transféré, répondu');
    await check(page, `2-console-${name}`);
    await page.context().close();
  });
}

test('the agent takes the late ticket, records an attempt and opens the caller’s history', async () => {
  const page = await signedIn('agent', phone);
  await page.goto(`${server.baseUrl}${consolePath}`);
  await follow(page, () =>
    ticketRow(page, ids.late)
      .getByRole('button', { name: /Je prends/ })
      .click(),
  );
  expect(new URL(page.url()).pathname).toBe(`${consolePath}/rappels/${ids.late}`);
  expect(await page.locator('h1').textContent()).toBe('Rappeler le 06 12 34 56 78');
  expect(await mainText(page)).toContain('Ce rappel est à vous');
  expect(await page.locator('.tp-details').textContent()).toContain('Attribué àvous');
  expect(await horizontalOverflow(page)).toBeLessThanOrEqual(0);
  await check(page, '3-rappel-pris');

  // Sent without a result: the error summary.
  await follow(page, () => page.getByRole('button', { name: 'Enregistrer la tentative' }).click());
  expect(await page.locator('#resume-erreurs').textContent()).toContain('Choisissez le résultat de l’appel.');
  await check(page, '4-tentative-erreur');

  await page.locator('label', { hasText: 'Pas de réponse' }).click();
  await page.getByLabel('Note sur l’appel').fill('Sonnerie dans le vide, rappeler cet après-midi.');
  await follow(page, () => page.getByRole('button', { name: 'Enregistrer la tentative' }).click());
  const text = await mainText(page);
  expect(text).toContain('Tentative enregistrée (pas de réponse) : 1 sur 3.');
  expect(text).toContain('Sonnerie dans le vide, rappeler cet après-midi.');
  expect(await page.locator('.tp-details').textContent()).toContain('1/3');
  // The caller's history on the ticket: this ticket, its call and the voicemail of the same number.
  const history = await page
    .locator('[aria-label="Historique de l’appelant, du plus récent au plus ancien"]')
    .textContent();
  expect(history).toContain('Message vocal');
  expect(history).toContain('Rappel');
  await check(page, '5-tentative');

  const booking = page.getByRole('link', { name: 'Prendre rendez-vous' });
  expect(await booking.getAttribute('href')).toMatch(
    /^\/rendez-vous\/prendre\?organisation=[^&]+&q=%2B33612345678$/,
  );

  await follow(page, () => page.getByRole('link', { name: 'Historique de l’appelant' }).click());
  expect(decodeURIComponent(new URL(page.url()).pathname)).toBe(`${consolePath}/appelants/+33612345678`);
  expect(await page.locator('h1').textContent()).toBe('Appelant : 06 12 34 56 78');
  await check(page, '6-appelant');
  await page.context().close();
});

test('the ticket list refreshes itself and announces a ticket that came back', async () => {
  const page = await signedIn('agent', desktop);
  await page.clock.install();
  await page.goto(`${server.baseUrl}${consolePath}`);
  expect(await ticketRow(page, ids.done).count()).toBe(0);
  expect(await page.locator('#rappels-annonce').textContent()).toBe('');

  // A colleague reopens the ticket done yesterday.
  const colleague = await signedIn('admin', desktop);
  await colleague.goto(`${server.baseUrl}${consolePath}/rappels/${ids.done}`);
  await follow(colleague, () => colleague.getByRole('button', { name: 'Rouvrir le rappel' }).click());
  expect(await mainText(colleague)).toContain('Rappel rouvert');
  await colleague.context().close();

  await page.clock.fastForward(31_000);
  await expect
    .poll(() => page.locator('#rappels-annonce').textContent(), { timeout: 10_000 })
    .toContain('Nouveau rappel : 06 11 22 33 44');
  expect(await ticketRow(page, ids.done).count()).toBe(1);
  await check(page, '7-annonce');
  await page.context().close();
});

test('without JavaScript the console is complete and « je prends » works', async () => {
  const page = await signedIn('admin', { ...phone, javaScriptEnabled: false });
  await page.goto(`${server.baseUrl}${consolePath}`);
  expect(await page.locator('#rappels-liste tr[data-ticket-id]').count()).toBe(3);
  expect(await page.locator('#messages audio').count()).toBe(1);
  await follow(page, () =>
    ticketRow(page, ids.later)
      .getByRole('button', { name: /Je prends/ })
      .click(),
  );
  expect(await mainText(page)).toContain('Ce rappel est à vous');
  await page.context().close();
});

test('no serious or critical accessibility violation', () => {
  expect(found, formatViolations(found)).toEqual([]);
});

test('every change left its event', async () => {
  // PGlite allows one process at a time: the server stops before the test reads its files.
  await server.stop();
  const database = await seed.open();
  try {
    const { db } = database;
    const [late] = await db.select().from(tickets).where(eq(tickets.id, ids.late));
    expect(late).toMatchObject({ status: 'en_cours', attempts: 1 });
    const events = await db.select().from(ticketEvents).where(eq(ticketEvents.ticketId, ids.late));
    expect(events.map((e) => e.kind).sort()).toEqual(['assignation', 'tentative']);
    expect(events.find((e) => e.kind === 'tentative')).toMatchObject({
      result: 'pas_de_reponse',
      note: 'Sonnerie dans le vide, rappeler cet après-midi.',
    });
  } finally {
    await database.close();
  }
});
