import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, expect, test } from 'vitest';
import { expectAccessible } from './axe.ts';
import { launchBrowser, openPage } from './browser.ts';
import { newestSignInLink, openSignInFromHome, signOut, submitSignInForm } from './flows.ts';
import { type RunningServer, startServer } from './server.ts';

const agent = { email: 'admin.insertion@var.tremplin.demo', name: 'Hélène Garnier' };

let server: RunningServer;
let browser: Browser;

beforeAll(async () => {
  server = await startServer({ postgresAdminUrl: process.env.E2E_DATABASE_URL });
  browser = await launchBrowser();
});

afterAll(async () => {
  await browser?.close();
  await server?.stop();
});

async function confirmLink(page: Page, link: string): Promise<void> {
  await page.goto(link);
  await Promise.all([page.waitForNavigation(), page.getByRole('button', { name: 'Me connecter' }).click()]);
}

test('a demo agent signs in by emailed link, sees the dashboard, then signs out', async () => {
  const page = await openPage(browser);
  const { baseUrl } = server;
  await openSignInFromHome(page, baseUrl);
  await submitSignInForm(page, agent.email);
  expect(new URL(page.url()).pathname).toBe('/connexion/envoye');
  await expectAccessible(page);

  const link = await newestSignInLink(page, baseUrl, agent.email);
  await page.goto(link);
  await expectAccessible(page);
  await Promise.all([page.waitForNavigation(), page.getByRole('button', { name: 'Me connecter' }).click()]);

  expect(new URL(page.url()).pathname).toBe('/tableau-de-bord');
  expect(await page.locator('body').textContent()).toContain(agent.name);
  await expectAccessible(page);

  await signOut(page);
  expect(new URL(page.url()).pathname).toBe('/');
  expect(await page.getByRole('link', { name: 'Se connecter', exact: true }).count()).toBeGreaterThan(0);

  await page.goto(`${baseUrl}/tableau-de-bord`);
  expect(new URL(page.url()).pathname).toBe('/connexion');
  await page.context().close();
});

test('a sign-in link works only once', async () => {
  const page = await openPage(browser);
  await openSignInFromHome(page, server.baseUrl);
  await submitSignInForm(page, agent.email);
  const link = await newestSignInLink(page, server.baseUrl, agent.email);
  await confirmLink(page, link);
  expect(new URL(page.url()).pathname).toBe('/tableau-de-bord');
  await signOut(page);

  const again = await page.goto(link);
  expect(again?.status()).toBe(410);
  expect(await page.getByRole('heading', { level: 1 }).textContent()).toMatch(/plus valable/);
  await expectAccessible(page);
  await page.context().close();
});

/**
 * A visitor whose very first page is /connexion (a bookmark, a link in an email) has no CSRF cookie
 * yet: the form on that page must still be accepted.
 */
test('the sign-in form works on the first page a visitor opens', async () => {
  const page = await openPage(browser);
  await page.goto(`${server.baseUrl}/connexion`);
  await submitSignInForm(page, agent.email);
  expect(new URL(page.url()).pathname).toBe('/connexion/envoye');
  await page.context().close();
});
