import type { Page } from 'playwright-core';

/** The sign-in link the development outbox shows for the newest email sent to `email`. */
export async function newestSignInLink(page: Page, baseUrl: string, email: string): Promise<string> {
  const deadline = Date.now() + 10_000;
  while (Date.now() < deadline) {
    await page.goto(`${baseUrl}/outils/messages`);
    const link = findSignInLink(await page.content(), email);
    if (link) return new URL(link, baseUrl).toString();
    await page.waitForTimeout(250);
  }
  throw new Error(`no sign-in link for ${email} in /outils/messages`);
}

/**
 * The outbox lists the newest email first; each sign-in email holds one link. The link taken is the
 * first one after the first mention of the address, so another agent's email cannot be mistaken for it.
 */
export function findSignInLink(html: string, email: string): string | undefined {
  const decoded = html.replaceAll('&amp;', '&');
  const from = decoded.toLowerCase().indexOf(email.toLowerCase());
  const pattern = /(?:https?:\/\/[^\s"'<>]+)?\/connexion\/lien\?jeton=[A-Za-z0-9_\-.~%]+/;
  return pattern.exec(from >= 0 ? decoded.slice(from) : decoded)?.[0];
}

/**
 * Home → the first visible link to /connexion, as a visitor arrives at the sign-in form. On a phone
 * the header's "Se connecter" sits in the collapsed menu, so the home page's own button is taken.
 */
export async function openSignInFromHome(page: Page, baseUrl: string): Promise<void> {
  await page.goto(`${baseUrl}/`);
  await Promise.all([
    page.waitForURL(/\/connexion/),
    page.locator('a[href="/connexion"]:visible').first().click(),
  ]);
}

/** Home → /connexion → address → outbox → the link → "Me connecter". Leaves the page on what follows. */
export async function signIn(page: Page, baseUrl: string, email: string): Promise<void> {
  await openSignInFromHome(page, baseUrl);
  await submitSignInForm(page, email);
  const link = await newestSignInLink(page, baseUrl, email);
  await page.goto(link);
  await Promise.all([page.waitForNavigation(), page.getByRole('button', { name: 'Me connecter' }).click()]);
}

/** Types the address into the sign-in form of the current page and sends it. */
export async function submitSignInForm(page: Page, email: string): Promise<void> {
  const form = page.locator('main form').filter({ has: page.locator('input[name="email"]') });
  await form.locator('input[name="email"]').fill(email);
  await Promise.all([
    page.waitForNavigation(),
    form.locator('button[type="submit"], button:not([type])').first().click(),
  ]);
}

export async function signOut(page: Page): Promise<void> {
  await Promise.all([page.waitForNavigation(), page.getByRole('button', { name: 'Se déconnecter' }).click()]);
}

/** How many CSS pixels the page is wider than the viewport (> 0: a phone would scroll sideways). */
export async function horizontalOverflow(page: Page): Promise<number> {
  return page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
}
