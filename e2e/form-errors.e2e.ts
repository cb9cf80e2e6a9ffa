import type { Browser, Locator, Page } from 'playwright-core';
import { afterAll, beforeAll, expect, test } from 'vitest';
import { expectAccessible } from './axe.ts';
import { launchBrowser, openPage } from './browser.ts';
import { openSignInFromHome, signIn } from './flows.ts';
import { type RunningServer, startServer } from './server.ts';

/** Bad input gets a French message on the field itself and in the summary at the top of the form. */
let server: RunningServer;
let browser: Browser;
let page: Page;

beforeAll(async () => {
  server = await startServer({ postgresAdminUrl: process.env.E2E_DATABASE_URL });
  browser = await launchBrowser();
  page = await openPage(browser);
});

afterAll(async () => {
  await browser?.close();
  await server?.stop();
});

/**
 * The browser's own check of required and type="email" fields would stop the form before the server
 * sees it; it is switched off so the test reads the server's answer, which every visitor gets in the end.
 */
async function submitWithoutBrowserChecks(form: Locator): Promise<void> {
  await form.evaluate((element) => {
    (element as HTMLFormElement).noValidate = true;
  });
  await Promise.all([form.page().waitForNavigation(), form.locator('button[type="submit"]').first().click()]);
}

/** The message tied to the field (aria-describedby), and the summary at the top that links to it. */
async function expectFieldError(field: string, message: RegExp): Promise<void> {
  const input = page.locator(`main [name="${field}"]`).first();
  expect(await input.getAttribute('aria-invalid'), `${field} aria-invalid`).toBe('true');
  const describedBy = (await input.getAttribute('aria-describedby')) ?? '';
  const messages = await Promise.all(
    describedBy
      .split(/\s+/)
      .filter(Boolean)
      .map((id) => page.locator(`[id="${id}"]`).textContent()),
  );
  expect(messages.join(' ')).toMatch(message);

  const summary = page.locator('main #resume-erreurs');
  expect(await summary.getAttribute('role')).toBe('alert');
  const summaryLink = summary.locator(`a[href="#${await input.getAttribute('id')}"]`);
  expect(await summaryLink.count(), `summary link to ${field}`).toBe(1);
  expect(await summaryLink.textContent()).toMatch(message);
}

async function expectNoFieldError(field: string): Promise<void> {
  expect(await page.locator(`main [name="${field}"]`).first().getAttribute('aria-invalid')).toBeNull();
}

test('the sign-in form shows a message on the address field and in the summary', async () => {
  await openSignInFromHome(page, server.baseUrl);
  const form = page.locator('main form').filter({ has: page.locator('input[name="email"]') });
  await form.locator('input[name="email"]').fill('pas-une-adresse');
  await submitWithoutBrowserChecks(form);

  await expectFieldError('email', /Saisissez une adresse électronique valide/);
  expect(await page.locator('main input[name="email"]').inputValue()).toBe('pas-une-adresse');
  await expectAccessible(page);
});

test('the invitation form of an organisation admin shows a message per field', async () => {
  await signIn(page, server.baseUrl, 'admin.insertion@var.tremplin.demo');
  await page.goto(`${server.baseUrl}/admin/organisations/var-direction-insertion`);
  const invitation = () => page.locator('main form[action$="/invitations"]');

  // No address at all.
  await invitation().locator('input[name="email"]').fill('');
  await submitWithoutBrowserChecks(invitation());
  await expectFieldError('email', /adresse électronique/i);
  await expectAccessible(page);

  // An address that is not one: the typed value is kept.
  await invitation().locator('input[name="email"]').fill('jean.dupont@');
  await submitWithoutBrowserChecks(invitation());
  await expectFieldError('email', /adresse électronique/i);
  expect(await invitation().locator('input[name="email"]').inputValue()).toBe('jean.dupont@');

  // A valid address of someone without an account: first and last names become necessary.
  await invitation().locator('input[name="email"]').fill('nouvelle.agente@var.tremplin.demo');
  await invitation().locator('input[name="firstName"]').fill('');
  await invitation().locator('input[name="lastName"]').fill('');
  await submitWithoutBrowserChecks(invitation());
  await expectNoFieldError('email');
  await expectFieldError('firstName', /prénom/i);
  await expectFieldError('lastName', /nom/i);
  expect(await page.locator('main #resume-erreurs h2').textContent()).toMatch(/2 erreurs/);
  await expectAccessible(page);
});
