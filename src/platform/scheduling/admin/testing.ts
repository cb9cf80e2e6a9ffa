import type { Db } from '../../db/client.ts';
import { mergeCookies } from '../../testing/forms.ts';
import type { TestContext } from '../../testing/harness.ts';
import { appointmentTypes, places } from '../tables.ts';

/** Small factories for the settings tests: a place and an appointment type of an organisation. */

export async function newPlace(
  db: Db,
  organisationId: string,
  values: Partial<typeof places.$inferInsert> = {},
) {
  const [row] = await db
    .insert(places)
    .values({
      organisationId,
      name: 'Maison des solidarités',
      address: '1 rue de la République',
      communeCode: '83126',
      ...values,
    })
    .returning();
  return row!;
}

export async function newAppointmentType(
  db: Db,
  organisationId: string,
  values: Partial<typeof appointmentTypes.$inferInsert> = {},
) {
  const [row] = await db
    .insert(appointmentTypes)
    .values({ organisationId, name: 'Premier rendez-vous d’orientation RSA', durationMinutes: 45, ...values })
    .returning();
  return row!;
}

/**
 * Posts a form the way a browser does, repeated fields included (a checkbox group sends one value per
 * ticked box): loads `page` for the CSRF token and cookie first.
 */
export async function postFields(
  t: TestContext,
  options: { page: string; action: string; cookie: string; fields: Record<string, string | string[]> },
) {
  const page = await t.app.inject({ url: options.page, headers: { cookie: options.cookie } });
  const token = /name="_csrf" value="([^"]+)"/.exec(page.body)?.[1];
  if (!token) throw new Error(`no CSRF token on ${options.page} (${page.statusCode})`);
  const body = new URLSearchParams({ _csrf: token });
  for (const [name, value] of Object.entries(options.fields)) {
    for (const one of [value].flat()) body.append(name, one);
  }
  return t.app.inject({
    method: 'POST',
    url: options.action,
    headers: {
      cookie: mergeCookies(options.cookie, page.headers['set-cookie']),
      'content-type': 'application/x-www-form-urlencoded',
    },
    payload: body.toString(),
  });
}
