import type { FastifyInstance } from 'fastify';
import { emailsQueuedFor } from '../messaging/testing.ts';
import { mergeCookies, submitForm } from '../testing/forms.ts';
import type { TestContext } from '../testing/harness.ts';
import { SIGN_IN_TEMPLATE } from './sign-in.template.ts';

/** Test helpers for the sign-in pages: ask for a link, read it from the outbox, use it. */

/**
 * The sign-in emails queued for an address, newest first and rendered, once the work each request
 * started after its answer has finished. They need not be delivered: the link is in the outbox row.
 */
export async function outboxFor(t: TestContext, address: string) {
  await t.app.backgroundWork.settled();
  return emailsQueuedFor(t.platform, address, SIGN_IN_TEMPLATE);
}

/** The path and query of the sign-in link in an email's text. */
export function linkIn(text: string, baseUrl: string): string {
  const escaped = baseUrl.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  const match = new RegExp(`${escaped}(/connexion/lien\\?\\S+)`).exec(text);
  if (!match) throw new Error(`no sign-in link in: ${text}`);
  return match[1]!;
}

/** Posts a form from a given client address (inject's default is 127.0.0.1), CSRF included. */
export async function submitFormFrom(
  app: FastifyInstance,
  remoteAddress: string,
  options: { page: string; action?: string; fields: Record<string, string>; cookie?: string },
) {
  const page = await app.inject({
    url: options.page,
    remoteAddress,
    headers: options.cookie ? { cookie: options.cookie } : {},
  });
  const token = /name="_csrf" value="([^"]+)"/.exec(page.body)?.[1];
  if (!token) throw new Error(`no CSRF token on ${options.page} (status ${page.statusCode})`);
  const cookie = mergeCookies(options.cookie, page.headers['set-cookie']);
  const response = await app.inject({
    method: 'POST',
    url: options.action ?? options.page,
    remoteAddress,
    headers: { cookie, 'content-type': 'application/x-www-form-urlencoded' },
    payload: new URLSearchParams({ _csrf: token, ...options.fields }).toString(),
  });
  return { response, cookie: mergeCookies(cookie, response.headers['set-cookie']) };
}

/**
 * Opens an emailed link like a browser: GET shows the confirmation, then "Me connecter" posts the
 * token (and `suite`, as the page's hidden fields carry them).
 */
export async function confirmLink(app: FastifyInstance, linkPath: string, cookie?: string) {
  const query = new URL(linkPath, 'http://x').searchParams;
  const fields: Record<string, string> = { jeton: query.get('jeton') ?? '' };
  const suite = query.get('suite');
  if (suite) fields.suite = suite;
  return submitForm(app, { page: linkPath, action: '/connexion/lien', fields, cookie });
}

/** The whole email sign-in, through the form and the outbox; returns the session's Cookie header. */
export async function signInByEmail(t: TestContext, address: string): Promise<string> {
  const request = await submitForm(t.app, { page: '/connexion', fields: { email: address } });
  if (request.response.statusCode !== 303) throw new Error(`sign-in request: ${request.response.statusCode}`);
  const [email] = await outboxFor(t, address.toLowerCase());
  if (!email) throw new Error(`no email for ${address}`);
  const { response, cookie } = await confirmLink(t.app, linkIn(email.text, t.platform.config.baseUrl));
  if (response.statusCode !== 303) throw new Error(`link confirmation: ${response.statusCode}`);
  return cookie;
}
