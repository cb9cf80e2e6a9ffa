import { findSignInLink } from '../e2e/flows.ts';
import { mergeCookies } from '../src/platform/testing/forms.ts';
import { findForm } from './html-form.ts';

/**
 * Signs a demo agent in through the real flow, over HTTP: the sign-in form (with its CSRF token and
 * cookie), the link in the development outbox, the confirmation form. Returns the Cookie header.
 */
export async function signInOverHttp(baseUrl: string, email: string): Promise<string> {
  let cookie = '';
  const request = async (url: string, body?: Record<string, string>) => {
    const response = await fetch(new URL(url, baseUrl), {
      method: body ? 'POST' : 'GET',
      redirect: 'manual',
      headers: {
        cookie,
        accept: 'text/html',
        ...(body ? { 'content-type': 'application/x-www-form-urlencoded' } : {}),
      },
      body: body ? new URLSearchParams(body).toString() : undefined,
    });
    cookie = mergeCookies(cookie, response.headers.getSetCookie());
    return { status: response.status, html: await response.text() };
  };
  const post = async (pageUrl: string, marker: string, extra: Record<string, string> = {}) => {
    const page = await request(pageUrl);
    const form = findForm(page.html, marker, new URL(pageUrl, baseUrl).toString());
    if (!form) throw new Error(`no form with "${marker}" on ${pageUrl} (HTTP ${page.status})`);
    const answer = await request(form.action, { ...form.fields, ...extra });
    if (answer.status >= 400)
      throw new Error(`posting the form of ${pageUrl} answered HTTP ${answer.status}`);
  };

  await request('/'); // as a visitor does: the home page, then its link to the sign-in form
  await post('/connexion', 'name="email"', { email });
  // The email goes out just after the answer: look again for a few seconds.
  let link: string | undefined;
  for (let tries = 0; !link && tries < 40; tries++) {
    if (tries > 0) await new Promise((resolve) => setTimeout(resolve, 250));
    link = findSignInLink((await request('/outils/messages')).html, email);
  }
  if (!link) throw new Error(`no sign-in link for ${email} in /outils/messages`);
  await post(link, 'Me connecter');

  const dashboard = await request('/tableau-de-bord');
  if (dashboard.status !== 200)
    throw new Error(`signed in, but /tableau-de-bord answered HTTP ${dashboard.status}`);
  return cookie;
}
