import { mkdir } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, expect, test } from 'vitest';
import { formatViolations, seriousViolations } from './axe.ts';
import { launchBrowser, openPage } from './browser.ts';
import { horizontalOverflow } from './flows.ts';
import { follow } from './pages.ts';
import { type RunningServer, startServer } from './server.ts';

/**
 * The person-facing booking journey of the demo on a phone (375 × 812): from /rdv to the confirmation
 * of « Premier rendez-vous d’orientation RSA » at La Seyne-sur-Mer, the confirmation email in the
 * development outbox, then the cancellation from the manage link. Every page is scanned with axe
 * (serious and critical violations fail), must not scroll sideways, and is saved as a screenshot
 * in e2e/screenshots/ (git-ignored) to be looked at. A second run books with JavaScript disabled.
 */
const screenshots = path.join(path.dirname(fileURLToPath(import.meta.url)), 'screenshots');
const phone = { viewport: { width: 375, height: 812 }, isMobile: true, hasTouch: true };
const ORIENTATION = 'Premier rendez-vous d’orientation RSA';

let server: RunningServer;
let browser: Browser;

beforeAll(async () => {
  server = await startServer({ postgresAdminUrl: process.env.E2E_DATABASE_URL });
  browser = await launchBrowser();
  await mkdir(screenshots, { recursive: true });
});

afterAll(async () => {
  await browser?.close();
  await server?.stop();
});

/** axe, sideways scrolling, one h1, and a screenshot of the whole page. */
async function check(page: Page, name: string, options: { axe?: boolean } = {}): Promise<void> {
  await page.screenshot({ path: path.join(screenshots, `rdv-${name}-375.png`), fullPage: true });
  expect(await page.locator('h1').count(), `${name}: one h1`).toBe(1);
  expect(await horizontalOverflow(page), `${name}: no sideways scrolling`).toBeLessThanOrEqual(0);
  if (options.axe === false) return;
  const violations = await seriousViolations(page);
  expect(violations, formatViolations(violations)).toEqual([]);
}

test('a person books on a phone from /rdv to the confirmation, then cancels from the manage link', async () => {
  const page = await openPage(browser, phone);

  // 1. The commune, by postal code.
  await page.goto(`${server.baseUrl}/rdv`);
  await expect(page.locator('.fr-stepper__state').textContent()).resolves.toContain('Étape 1 sur 6');
  await check(page, '1-commune');
  await page.getByLabel('Votre commune').fill('83500');
  await follow(page, () => page.getByRole('button', { name: 'Rechercher' }).click());
  expect(new URL(page.url()).pathname).toBe('/rdv/motifs');

  // 2. The type.
  await check(page, '2-motifs');
  await follow(page, () => page.getByRole('link', { name: ORIENTATION }).click());

  // 3. The place: La Seyne first (the person's commune), with its first free time.
  expect(new URL(page.url()).pathname).toBe('/rdv/lieux');
  await check(page, '3-lieux');
  const firstPlace = page.locator('main .fr-card').first();
  await expect(firstPlace.textContent()).resolves.toContain('La Seyne-sur-Mer');
  await follow(page, () => firstPlace.locator('a').click());

  // 4. The week, then the next one (far enough ahead to be cancelled online): its first time.
  expect(new URL(page.url()).pathname).toBe('/rdv/creneaux');
  await check(page, '4-creneaux');
  await follow(page, () => page.getByRole('link', { name: 'Semaine suivante' }).first().click());
  await follow(page, () => page.locator('main a[href^="/rdv/coordonnees"]').first().click());

  // 5. Contact details: sent empty first, the messages are shown and accessible, then filled in.
  expect(new URL(page.url()).pathname).toBe('/rdv/coordonnees');
  await check(page, '5-coordonnees');
  await follow(page, () => page.getByRole('button', { name: 'Confirmer le rendez-vous' }).click());
  await expect(page.locator('#resume-erreurs').textContent()).resolves.toContain('Saisissez votre prénom.');
  await check(page, '5-coordonnees-erreurs');
  await page.locator('#champ-prenom').fill('Camille');
  await page.locator('#champ-nom').fill('Rivière');
  await page.locator('#champ-telephone').fill('06 45 67 89 01');
  await page.locator('#champ-email').fill('camille.riviere@exemple.demo');
  await follow(page, () => page.getByRole('button', { name: 'Confirmer le rendez-vous' }).click());

  // 6. Confirmation.
  expect(new URL(page.url()).pathname).toMatch(/^\/rdv\/confirmation\//);
  await expect(page.locator('h1').textContent()).resolves.toContain('Votre rendez-vous est confirmé');
  await expect(page.locator('main').textContent()).resolves.toContain(ORIENTATION);
  await check(page, '6-confirmation');
  const manageLink = await page.getByRole('link', { name: 'Gérer mon rendez-vous' }).getAttribute('href');
  expect(manageLink).toMatch(/^\/rdv\/gerer\/[0-9a-f-]{36}\?exp=\d+&sig=/);

  // The confirmation email is in the outbox (the development outbox renders it).
  const outbox = await openPage(browser, phone);
  await outbox.goto(`${server.baseUrl}/outils/messages`);
  const outboxText = (await outbox.locator('main').textContent()) ?? '';
  expect(outboxText).toContain('camille.riviere@exemple.demo');
  expect(outboxText).toContain(ORIENTATION);
  expect(outboxText).toContain('/rdv/gerer/');
  await outbox.context().close();

  // The manage link: move to another time (week, confirmation step, POST), then cancel.
  await page.goto(`${server.baseUrl}${manageLink}`);
  await check(page, '7-gerer');
  const before = await page.locator('main dd').nth(1).textContent();
  await follow(page, () => page.getByRole('link', { name: 'Déplacer le rendez-vous' }).click());
  await check(page, '8-deplacer');
  await follow(page, () => page.locator('main a[href*="/deplacer/confirmer"]').nth(1).click());
  await check(page, '8-deplacer-confirmer');
  await follow(page, () => page.getByRole('button', { name: 'Déplacer mon rendez-vous' }).click());
  await expect(page.locator('main').textContent()).resolves.toContain('Votre rendez-vous est déplacé');
  expect(await page.locator('main dd').nth(1).textContent()).not.toBe(before);
  await check(page, '8-deplace');
  await follow(page, () => page.getByRole('link', { name: 'Annuler le rendez-vous' }).click());
  await check(page, '9-annuler');
  await follow(page, () => page.getByRole('button', { name: 'Oui, annuler le rendez-vous' }).click());
  await expect(page.locator('main').textContent()).resolves.toContain('Ce rendez-vous est annulé');
  await check(page, '9-annule');
  await page.context().close();
}, 300_000);

test('the journey needs no JavaScript: links and plain form posts book an appointment', async () => {
  const page = await openPage(browser, { ...phone, javaScriptEnabled: false });
  await page.goto(`${server.baseUrl}/rdv`);
  await page.getByLabel('Votre commune').fill('Toulon');
  await follow(page, () => page.getByRole('button', { name: 'Rechercher' }).click());
  // « Toulon » is one commune's exact name: straight to its types.
  expect(new URL(page.url()).pathname).toBe('/rdv/motifs');
  await follow(page, () => page.getByRole('link', { name: ORIENTATION }).click());
  await follow(page, () => page.locator('main .fr-card a').first().click());
  await follow(page, () => page.locator('main a[href^="/rdv/coordonnees"]').nth(1).click());
  await page.locator('#champ-prenom').fill('Yanis');
  await page.locator('#champ-nom').fill('Morel');
  await page.locator('#champ-email').fill('yanis.morel@exemple.demo');
  await follow(page, () => page.getByRole('button', { name: 'Confirmer le rendez-vous' }).click());
  expect(new URL(page.url()).pathname).toMatch(/^\/rdv\/confirmation\//);
  await check(page, 'sans-js-confirmation', { axe: false });
  await page.context().close();
}, 180_000);
