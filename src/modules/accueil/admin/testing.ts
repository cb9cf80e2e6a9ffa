import type { FastifyInstance } from 'fastify';
import { submitForm } from '../../../platform/testing/forms.ts';

/** Test helpers for the admin's forms: read a form's fields as a browser would send them, change some, post. */

function decode(value: string): string {
  return value
    .replaceAll('&quot;', '"')
    .replaceAll('&#39;', "'")
    .replaceAll('&#x27;', "'")
    .replaceAll('&lt;', '<')
    .replaceAll('&gt;', '>')
    .replaceAll('&amp;', '&');
}

function attributes(tag: string): Record<string, string> {
  const found: Record<string, string> = {};
  for (const match of tag.matchAll(/([\w-]+)(?:="([^"]*)")?/g)) found[match[1]!] = decode(match[2] ?? '');
  return found;
}

/** The HTML of the form that posts to `action` (the first one when several do). */
export function formHtml(html: string, action: string): string {
  for (const match of html.matchAll(/<form\b([^>]*)>([\s\S]*?)<\/form>/g)) {
    if (attributes(match[1]!).action === action) return match[2]!;
  }
  throw new Error(`no form posting to ${action}`);
}

/**
 * The fields a browser would send for a form: text-like and hidden inputs, ticked boxes, the selected
 * option of each select, text areas (submit buttons and the CSRF token left out).
 */
export function formFields(html: string, action: string): Record<string, string> {
  const form = formHtml(html, action);
  const fields: Record<string, string> = {};
  for (const match of form.matchAll(/<input\b([^>]*)>/g)) {
    const a = attributes(match[1]!);
    if (!a.name || a.name === '_csrf') continue;
    if ((a.type === 'checkbox' || a.type === 'radio') && !('checked' in a)) continue;
    fields[a.name] = a.value ?? '';
  }
  for (const match of form.matchAll(/<select\b([^>]*)>([\s\S]*?)<\/select>/g)) {
    const name = attributes(match[1]!).name;
    if (!name) continue;
    const options = [...match[2]!.matchAll(/<option\b([^>]*)>/g)].map((o) => attributes(o[1]!));
    fields[name] = (options.find((o) => 'selected' in o) ?? options[0])?.value ?? '';
  }
  for (const match of form.matchAll(/<textarea\b([^>]*)>([\s\S]*?)<\/textarea>/g)) {
    const name = attributes(match[1]!).name;
    if (name) fields[name] = decode(match[2]!);
  }
  return fields;
}

/**
 * Loads `page`, takes the fields of its form posting to `action`, applies `changes` (null removes a
 * field: an unticked box) and posts the form the way a browser does.
 */
export async function changeForm(
  app: FastifyInstance,
  options: { page: string; action?: string; cookie: string; changes?: Record<string, string | null> },
) {
  const action = options.action ?? options.page;
  const page = await app.inject({ url: options.page, headers: { cookie: options.cookie } });
  if (page.statusCode !== 200) throw new Error(`${options.page} answered ${page.statusCode}`);
  const fields = formFields(page.body, action);
  for (const [name, value] of Object.entries(options.changes ?? {})) {
    if (value === null) delete fields[name];
    else fields[name] = value;
  }
  return submitForm(app, { page: options.page, action, cookie: options.cookie, fields });
}
