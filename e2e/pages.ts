import { mkdirSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Page } from 'playwright-core';
import { expect } from 'vitest';
import { seriousViolations, type Violation } from './axe.ts';

/** Pieces every journey test uses on its pages. */

const screenshots = path.join(path.dirname(fileURLToPath(import.meta.url)), 'screenshots');

/** Clicks (or submits) and waits for the page it leads to. */
export async function follow(page: Page, action: () => Promise<unknown>): Promise<void> {
  await Promise.all([page.waitForNavigation(), action()]);
}

export const mainText = async (page: Page) => (await page.locator('main').textContent()) ?? '';

/**
 * `check(page, name)` saves a screenshot of the whole page in e2e/screenshots/<prefix>-<name>.png,
 * expects one h1, and collects axe's serious and critical violations in `found` (the test reports
 * them all at the end, so one run shows every page's problems).
 */
export function pageChecks(prefix: string) {
  mkdirSync(screenshots, { recursive: true });
  const found: Violation[] = [];
  async function check(page: Page, name: string): Promise<void> {
    await page.screenshot({ path: path.join(screenshots, `${prefix}-${name}.png`), fullPage: true });
    expect(await page.locator('h1').count(), `${name}: one h1`).toBe(1);
    found.push(...(await seriousViolations(page)));
  }
  return { check, found };
}
