import axe from 'axe-core';
import type { Page } from 'playwright-core';

/** WCAG 2.0 and 2.1, levels A and AA: the criteria the RGAA is built on. */
const tags = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'];

export type Violation = { page: string; id: string; impact: string; help: string; targets: string[] };

/**
 * Runs axe-core in the page as it stands and returns its serious and critical violations.
 * axe is evaluated through the DevTools protocol, which the page's Content-Security-Policy
 * (scripts from 'self' only) does not apply to, so the page under test is not loosened.
 */
export async function seriousViolations(page: Page): Promise<Violation[]> {
  await page.evaluate(axe.source);
  const results = await page.evaluate(
    (runTags) =>
      (globalThis as unknown as { axe: typeof axe }).axe.run(document, {
        runOnly: { type: 'tag', values: runTags },
        resultTypes: ['violations'],
      }),
    tags,
  );
  const url = new URL(page.url());
  return results.violations
    .filter((v) => v.impact === 'serious' || v.impact === 'critical')
    .map((v) => ({
      page: url.pathname + url.search,
      id: v.id,
      impact: v.impact ?? '',
      help: v.help,
      targets: v.nodes.map((n) => `${n.target.join(' ')} → ${n.html.slice(0, 160)}`),
    }));
}

export function formatViolations(violations: Violation[]): string {
  return violations
    .map((v) => `[${v.impact}] ${v.page} ${v.id}: ${v.help}\n${v.targets.map((t) => `    ${t}`).join('\n')}`)
    .join('\n');
}

/** Fails the current test, printing every serious or critical violation found on the page. */
export async function expectAccessible(page: Page): Promise<void> {
  const violations = await seriousViolations(page);
  if (violations.length > 0) {
    console.error(formatViolations(violations));
    throw new Error(
      `axe-core: ${violations.length} serious or critical violation(s)\n${formatViolations(violations)}`,
    );
  }
}
