import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, expect, test } from 'vitest';
import { formatViolations, seriousViolations, type Violation } from './axe.ts';
import { launchBrowser, openPage } from './browser.ts';
import { horizontalOverflow, signIn } from './flows.ts';
import { type RunningServer, startServer } from './server.ts';

/**
 * An agent of the demo (Samia Benali, référente RSA at La Seyne) creates her private calendar feed,
 * copies the URL shown once, checks that it serves her appointments, revokes it; then reads her
 * organisation's statistics. Every page is scanned with axe, on a desktop and on a phone.
 */
let server: RunningServer;
let browser: Browser;
const found: Violation[] = [];
const agent = 'referente@var.tremplin.demo';

beforeAll(async () => {
  server = await startServer({ postgresAdminUrl: process.env.E2E_DATABASE_URL });
  browser = await launchBrowser();
});

afterAll(async () => {
  await browser?.close();
  await server?.stop();
});

async function scan(page: Page): Promise<void> {
  found.push(...(await seriousViolations(page)));
}

test('private calendar feed: create, subscribe, revoke', async () => {
  const page = await openPage(browser, { viewport: { width: 1280, height: 900 } });
  await signIn(page, server.baseUrl, agent);
  await page.goto(`${server.baseUrl}/rendez-vous/agenda-prive`);
  await scan(page);
  await Promise.all([
    page.waitForNavigation(),
    page.getByRole('button', { name: 'Créer mon lien d’abonnement' }).click(),
  ]);
  await scan(page);
  const url = await page.getByLabel('Lien d’abonnement').inputValue();
  expect(url).toMatch(/\/agenda\/[A-Za-z0-9_-]+\.ics$/);
  const feed = await page.request.get(url);
  expect(feed.status()).toBe(200);
  expect(feed.headers()['content-type']).toBe('text/calendar; charset=utf-8');
  const text = await feed.text();
  expect(text).toContain('BEGIN:VCALENDAR');
  expect(text).toContain('BEGIN:VEVENT');

  await Promise.all([
    page.waitForNavigation(),
    page.getByRole('link', { name: 'J’ai copié le lien : retour' }).click(),
  ]);
  await scan(page);
  expect(await page.locator('main').textContent()).not.toContain(url);
  await Promise.all([
    page.waitForNavigation(),
    page.getByRole('button', { name: 'Révoquer ce lien' }).click(),
  ]);
  await expect(page.getByRole('status').first().textContent()).resolves.toContain('Lien révoqué');
  expect((await page.request.get(url)).status()).toBe(404);
  await page.close();
});

test('statistics of the organisation, on a desktop and on a phone', async () => {
  for (const viewport of [
    { width: 1280, height: 900 },
    { width: 375, height: 812 },
  ]) {
    const page = await openPage(browser, { viewport });
    await signIn(page, server.baseUrl, agent);
    await page.goto(`${server.baseUrl}/rendez-vous/statistiques`);
    await page.getByLabel('Période').selectOption('365');
    await Promise.all([page.waitForNavigation(), page.getByRole('button', { name: 'Afficher' }).click()]);
    expect(new URL(page.url()).searchParams.get('periode')).toBe('365');
    await expect(page.getByRole('heading', { level: 1 }).textContent()).resolves.toBe(
      'Statistiques des rendez-vous',
    );
    await scan(page);
    expect(await horizontalOverflow(page), `overflow at ${viewport.width} px`).toBeLessThanOrEqual(0);
    await page.goto(`${server.baseUrl}/rendez-vous/agenda-prive`);
    expect(await horizontalOverflow(page), `feed page at ${viewport.width} px`).toBeLessThanOrEqual(0);
    await page.close();
  }
  expect(formatViolations(found)).toBe('');
});
