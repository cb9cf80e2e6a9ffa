import { mkdir } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, expect, test } from 'vitest';
import { formatViolations, seriousViolations } from './axe.ts';
import { launchBrowser, openPage } from './browser.ts';
import { horizontalOverflow, signIn } from './flows.ts';
import { knownIssueFor, reportKnownIssues } from './known-issues.ts';
import { type RunningServer, startServer } from './server.ts';

/** A small phone (360 × 740 CSS pixels): pages must fit its width, with no sideways scrolling. */
const screenshots = path.join(path.dirname(fileURLToPath(import.meta.url)), 'screenshots');
const phone = { viewport: { width: 360, height: 740 }, isMobile: true, hasTouch: true };

let server: RunningServer;
let browser: Browser;
let page: Page;

beforeAll(async () => {
  server = await startServer({ postgresAdminUrl: process.env.E2E_DATABASE_URL });
  browser = await launchBrowser();
  page = await openPage(browser, phone);
  await mkdir(screenshots, { recursive: true });
});

afterAll(async () => {
  reportKnownIssues();
  await browser?.close();
  await server?.stop();
});

/** Sideways scrolling and axe findings on the current page, minus the known issues (printed instead). */
async function phoneProblems(): Promise<string[]> {
  const where = new URL(page.url()).pathname;
  const problems: string[] = [];
  const overflow = await horizontalOverflow(page);
  if (overflow > 0 && !knownIssueFor('overflow', where)) problems.push(`${where}: ${overflow} px too wide`);
  const violations = (await seriousViolations(page)).filter((v) => !knownIssueFor(`axe:${v.id}`, where));
  if (violations.length) problems.push(formatViolations(violations));
  return problems;
}

test('the home page fits a phone screen', async () => {
  await page.goto(`${server.baseUrl}/`);
  await page.screenshot({ path: path.join(screenshots, 'accueil-360.png'), fullPage: true });
  expect(await horizontalOverflow(page)).toBeLessThanOrEqual(0);
  expect(await phoneProblems()).toEqual([]);
});

test('the dashboard fits a phone screen, and sign-out is reachable through the menu', async () => {
  await signIn(page, server.baseUrl, 'admin.insertion@var.tremplin.demo');
  expect(new URL(page.url()).pathname).toBe('/tableau-de-bord');
  await page.screenshot({ path: path.join(screenshots, 'tableau-de-bord-360.png'), fullPage: true });
  expect(await horizontalOverflow(page)).toBeLessThanOrEqual(0);
  expect(await phoneProblems()).toEqual([]);

  for (const where of ['/compte', '/admin', '/admin/organisations/var-direction-insertion']) {
    await page.goto(`${server.baseUrl}${where}`);
    expect(await phoneProblems(), where).toEqual([]);
  }

  await page.getByRole('button', { name: 'Menu' }).click();
  const signOut = page.locator('button:has-text("Se déconnecter"):visible').first();
  await signOut.waitFor();
  await Promise.all([page.waitForNavigation(), signOut.click()]);
  expect(new URL(page.url()).pathname).toBe('/');
});

/** DSFR hides the header's tool links on small screens and shows them in the menu, for everyone. */
test('on a phone, a public page offers a way to sign in', async () => {
  const fresh = await openPage(browser, phone);
  await fresh.goto(`${server.baseUrl}/mentions-legales`);
  const menu = fresh.getByRole('button', { name: 'Menu' });
  if ((await menu.count()) > 0) await menu.click();
  await fresh.locator('a[href^="/connexion"]:visible').first().waitFor({ timeout: 3000 });
  await fresh.context().close();
});
