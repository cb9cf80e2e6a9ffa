import type { FastifyInstance } from 'fastify';
import { submitForm } from '../../testing/forms.ts';

/** Helpers for the public pages' tests: follow links as a person without JavaScript would. */

/** Every href of the page starting with `prefix`, decoded as a browser reads it. */
export function hrefsIn(html: string, prefix: string): string[] {
  const found: string[] = [];
  for (const match of html.matchAll(/href="([^"]+)"/g)) {
    const href = match[1]!.replaceAll('&amp;', '&');
    if (href.startsWith(prefix)) found.push(href);
  }
  return found;
}

export function firstHref(html: string, prefix: string): string {
  const href = hrefsIn(html, prefix)[0];
  if (!href) throw new Error(`no link to ${prefix} in the page:\n${html.slice(0, 3000)}`);
  return href;
}

/** The text of the page without tags, spaces collapsed: what a reader sees. */
export function textOf(html: string): string {
  return html
    .replace(/<script[\s\S]*?<\/script>/g, '')
    .replace(/<[^>]+>/g, ' ')
    .replaceAll('&amp;', '&')
    .replaceAll('&#39;', "'")
    .replaceAll('&quot;', '"')
    .replace(/\s+/g, ' ');
}

export async function get(app: FastifyInstance, url: string, cookie?: string) {
  return app.inject({ method: 'GET', url, headers: cookie ? { cookie } : {} });
}

/**
 * From the commune's types page to the contact form, through links only: the first type, the
 * first place, the first free time. Returns the contact page's address.
 */
export async function walkToContactPage(app: FastifyInstance, typesPage: string, typeName: string) {
  const types = await get(app, typesPage);
  const typeLink = hrefsIn(types.body, '/rdv/lieux').find((href) =>
    types.body.includes(`href="${href.replaceAll('&', '&amp;')}">${typeName}`),
  );
  if (!typeLink) throw new Error(`no link to ${typeName} on ${typesPage}`);
  const places = await get(app, typeLink);
  const week = await get(app, firstHref(places.body, '/rdv/creneaux'));
  return firstHref(week.body, '/rdv/coordonnees');
}

export async function submitContact(
  app: FastifyInstance,
  contactPage: string,
  fields: Record<string, string>,
  cookie?: string,
) {
  return submitForm(app, { page: contactPage, fields, cookie });
}
