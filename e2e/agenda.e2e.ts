import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, expect, test } from 'vitest';
import { addDays, localDayOf, mondayOf } from '../src/platform/scheduling/agenda/week-grid.ts';
import { formatViolations, seriousViolations, type Violation } from './axe.ts';
import { launchBrowser, openPage } from './browser.ts';
import { horizontalOverflow, signIn } from './flows.ts';
import { type RunningServer, startServer } from './server.ts';

/**
 * The agents' agenda in a real browser, on the demo: Samia Benali (référente RSA at La Seyne) signs
 * in, opens the day of last week when Mehdi Bouzid was marked absent, marks him « vu » with the
 * day list's button, then sees the status and its history on the appointment's page. Every agenda
 * page is scanned with axe, at desktop width and on a phone (where nothing may scroll sideways).
 */
let server: RunningServer;
let browser: Browser;
let page: Page;
const found: Violation[] = [];

const agent = 'referente@var.tremplin.demo';
// The demo seeds Mehdi Bouzid's appointment on Tuesday of last week at 10:00, marked absent.
const lastTuesday = addDays(mondayOf(localDayOf(new Date())), -6);

beforeAll(async () => {
  server = await startServer({ postgresAdminUrl: process.env.E2E_DATABASE_URL });
  browser = await launchBrowser();
  page = await openPage(browser, { viewport: { width: 1280, height: 900 } });
});

afterAll(async () => {
  await browser?.close();
  await server?.stop();
});

async function scan(): Promise<void> {
  found.push(...(await seriousViolations(page)));
}

test('an agent marks an appointment « vu » from the day list and sees its history', async () => {
  await signIn(page, server.baseUrl, agent);
  await page.goto(`${server.baseUrl}/rendez-vous`);
  await expect(page.getByRole('heading', { level: 1, name: 'Rendez-vous' }).isVisible()).resolves.toBe(true);
  await scan();

  await page.goto(`${server.baseUrl}/rendez-vous/jour?du=${lastTuesday}`);
  const item = page.locator('li.tp-agenda-item', { hasText: 'Bouzid Mehdi' });
  await expect(item.locator('.fr-badge').textContent()).resolves.toBe('Absent');
  await scan();
  await Promise.all([
    page.waitForNavigation(),
    item.getByRole('button', { name: /^Vu : Bouzid Mehdi/ }).click(),
  ]);
  expect(new URL(page.url()).search).toContain(`du=${lastTuesday}`);
  await expect(page.getByRole('status').first().textContent()).resolves.toContain(
    'Statut du rendez-vous de Mehdi Bouzid : Vu.',
  );
  await expect(
    page.locator('li.tp-agenda-item', { hasText: 'Bouzid Mehdi' }).locator('.fr-badge').textContent(),
  ).resolves.toBe('Vu');

  await Promise.all([page.waitForNavigation(), page.getByRole('link', { name: 'Bouzid Mehdi' }).click()]);
  expect(new URL(page.url()).pathname).toMatch(/^\/rendez-vous\/rdv\/[0-9a-f-]+$/);
  await expect(page.locator('main').textContent()).resolves.toContain('Statut : Vu');
  const history = await page.locator('#historique').textContent();
  expect(history).toMatch(/Vu \(avant : Absent\).*par Samia Benali/);
  await scan();
});

test('the other agenda pages pass axe', async () => {
  for (const path of [
    `/rendez-vous/semaine?du=${lastTuesday}`,
    '/rendez-vous/semaine',
    '/rendez-vous/prendre',
    '/rendez-vous/prendre?q=martin',
    '/rendez-vous/usagers?q=bouzid',
  ]) {
    const response = await page.goto(`${server.baseUrl}${path}`);
    expect(response?.status(), path).toBe(200);
    await scan();
  }
  // A person's page, and the booking steps up to the free slots.
  await page.getByRole('link', { name: /Bouzid Mehdi/ }).click();
  await page.waitForURL(/\/rendez-vous\/usagers\/[0-9a-f-]+$/);
  await scan();
  await Promise.all([
    page.waitForNavigation(),
    page.getByRole('link', { name: 'Prendre un rendez-vous pour cette personne' }).click(),
  ]);
  const motif = page.getByLabel('Motif');
  const orientation = await motif
    .locator('option', { hasText: 'orientation RSA' })
    .first()
    .getAttribute('value');
  await motif.selectOption(orientation!);
  await Promise.all([
    page.waitForNavigation(),
    page.getByRole('button', { name: 'Voir les créneaux libres' }).click(),
  ]);
  await scan();
  expect(formatViolations(found)).toBe('');
});

test('the agenda fits a phone screen', async () => {
  const phone = await openPage(browser, {
    viewport: { width: 375, height: 812 },
    isMobile: true,
    hasTouch: true,
  });
  await signIn(phone, server.baseUrl, agent);
  const problems: string[] = [];
  for (const path of [
    '/rendez-vous',
    `/rendez-vous/jour?du=${lastTuesday}`,
    `/rendez-vous/semaine?du=${lastTuesday}`,
  ]) {
    await phone.goto(`${server.baseUrl}${path}`);
    const overflow = await horizontalOverflow(phone);
    if (overflow > 0) problems.push(`${path}: ${overflow} px too wide`);
    const violations = await seriousViolations(phone);
    if (violations.length) problems.push(formatViolations(violations));
  }
  // On a phone the week is a list per day; the table is hidden.
  await expect(phone.locator('table').isVisible()).resolves.toBe(false);
  await expect(phone.getByRole('heading', { level: 2, name: /mardi/ }).first().isVisible()).resolves.toBe(
    true,
  );
  expect(problems).toEqual([]);
  await phone.context().close();
});
