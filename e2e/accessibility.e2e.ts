import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, expect, test } from 'vitest';
import { formatViolations, seriousViolations, type Violation } from './axe.ts';
import { launchBrowser, openPage } from './browser.ts';
import { newestSignInLink, openSignInFromHome, signIn, signOut, submitSignInForm } from './flows.ts';
import { type RunningServer, startServer } from './server.ts';

/**
 * Every page a visitor or an agent reaches is scanned with axe-core (WCAG 2.1 A and AA); the test
 * fails on any serious or critical violation and prints them all, page by page.
 */
let server: RunningServer;
let browser: Browser;
let page: Page;
const found: Violation[] = [];
const scanned: string[] = [];

beforeAll(async () => {
  server = await startServer({ postgresAdminUrl: process.env.E2E_DATABASE_URL });
  browser = await launchBrowser();
  page = await openPage(browser);
});

afterAll(async () => {
  await browser?.close();
  await server?.stop();
});

async function scan(path?: string): Promise<number | undefined> {
  let status: number | undefined;
  if (path) status = (await page.goto(`${server.baseUrl}${path}`))?.status();
  scanned.push(new URL(page.url()).pathname);
  found.push(...(await seriousViolations(page)));
  return status;
}

/** Signs in through the real flow, scanning the confirmation page on the way. */
async function signInScanning(email: string): Promise<void> {
  await openSignInFromHome(page, server.baseUrl);
  await submitSignInForm(page, email);
  await scan(); // the "check your inbox" answer
  await page.goto(await newestSignInLink(page, server.baseUrl, email));
  await scan(); // the confirmation page with "Me connecter"
  await Promise.all([page.waitForNavigation(), page.getByRole('button', { name: 'Me connecter' }).click()]);
}

/** The /admin pages this agent can open, found by following links from /admin (one level). */
async function adminPages(): Promise<string[]> {
  const response = await page.goto(`${server.baseUrl}/admin`);
  if (!response || response.status() >= 400) return [];
  const hrefs = await page
    .locator('main a[href^="/admin"]')
    .evaluateAll((anchors) => anchors.map((a) => new URL((a as HTMLAnchorElement).href).pathname));
  return [...new Set(['/admin', ...hrefs, '/admin/journal'])].slice(0, 20);
}

test('public pages', async () => {
  for (const path of ['/', '/connexion', '/mentions-legales', '/accessibilite', '/donnees-personnelles']) {
    expect(await scan(path), path).toBe(200);
  }
  expect(await scan('/cette-page-n-existe-pas')).toBe(404);
  await scan('/outils/messages');
});

test('pages of an organisation admin', async () => {
  await signInScanning('admin.insertion@var.tremplin.demo');
  for (const path of [
    '/tableau-de-bord',
    '/compte',
    '/messages',
    '/messages/modeles',
    ...(await adminPages()),
  ]) {
    await scan(path);
  }
  await signOut(page);
});

test('pages of the platform operator', async () => {
  await signInScanning('operateur@tremplin.demo');
  for (const path of ['/tableau-de-bord', '/messages', ...(await adminPages())]) await scan(path);
  await signOut(page);
});

test('a territory logo: uploaded by the operator, then in the header of the territory’s agents', async () => {
  const tinyPng = Buffer.from(
    'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAQAAAC1HAwCAAAAC0lEQVR42mNkYAAAAAYAAjCB0C8AAAAASUVORK5CYII=',
    'base64',
  );
  const send = async (file: { name: string; mimeType: string; buffer: Buffer }) => {
    await page.locator('input[name="logo"]').setInputFiles(file);
    await Promise.all([
      page.waitForNavigation(),
      page.getByRole('button', { name: 'Enregistrer le logo' }).click(),
    ]);
  };
  await signIn(page, server.baseUrl, 'operateur@tremplin.demo');
  expect(await scan('/admin/territoires/var')).toBe(200);
  // A refused file: the page again, with the message on the field.
  await send({
    name: 'logo.svg',
    mimeType: 'image/svg+xml',
    buffer: Buffer.from('<svg xmlns="http://www.w3.org/2000/svg"/>'),
  });
  expect(await page.locator('#champ-logo-erreur').textContent()).toContain('SVG');
  await scan();
  await send({ name: 'logo-var.png', mimeType: 'image/png', buffer: tinyPng });
  expect(new URL(page.url()).pathname).toBe('/admin/territoires/var');
  await scan(); // with the preview and "Retirer le logo"
  await signOut(page);

  await signIn(page, server.baseUrl, 'admin.insertion@var.tremplin.demo');
  const logo = page.locator('.fr-header__operator img');
  expect(await logo.getAttribute('alt')).toBe('Département du Var');
  // Loaded under the page's CSP (img-src 'self'): a blocked or broken image has no natural width.
  expect(await logo.evaluate((img) => (img as HTMLImageElement).naturalWidth)).toBe(1);
  await scan('/tableau-de-bord');
  await signOut(page);
});

test('no serious or critical axe violation on any page', () => {
  const pages = [...new Set(scanned)];
  console.info(`axe-core: ${scanned.length} scans of ${pages.length} pages: ${pages.join(', ')}`);
  if (found.length > 0) console.error(formatViolations(found));
  expect(found.map((v) => `${v.page} ${v.id}`)).toEqual([]);
});
