import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Db } from '../../../platform/db/client.ts';
import { textOf } from '../../../platform/scheduling/public/testing.ts';
import { auditTrail, fieldError, get, organisationWithStaff } from '../../../platform/tenancy/testing.ts';
import { mergeCookies, submitForm } from '../../../platform/testing/forms.ts';
import { startTestApp, type TestContext } from '../../../platform/testing/harness.ts';
import { rsaModule } from '../index.ts';
import { newBeneficiary } from '../orientation/testing.ts';
import { beneficiaries } from '../tables.ts';
import { DEFAULT_RSA_SETTINGS, rsaSettingsOf } from './settings.repository.ts';

type Staffed = Awaited<ReturnType<typeof organisationWithStaff>>;

describe('RSA settings', () => {
  let t: TestContext;
  let db: Db;
  let staff: Staffed;

  beforeAll(async () => {
    t = await startTestApp({}, [rsaModule]);
    db = t.platform.database.db;
    staff = await organisationWithStaff(db);
  });
  afterAll(() => t.close());

  const save = (fields: Record<string, string>, cookie = staff.admin.cookie) =>
    submitForm(t.app, { page: '/rsa/parametres', cookie, fields });

  it('answers the defaults for an organisation that never saved any', async () => {
    expect(await rsaSettingsOf(db, staff.organisation.id)).toEqual(DEFAULT_RSA_SETTINGS);
    const page = await get(t, '/rsa/parametres', staff.admin.cookie);
    expect(page.statusCode).toBe(200);
    expect(page.body).toMatch(/name="validite"[^>]*value="10"/);
    expect(page.body).toMatch(/name="rappels"[^>]*value="3, 7"/);
    expect(page.body).toMatch(/name="conservation"[^>]*value="24"/);
    expect(page.body).not.toMatch(/name="nir"[^>]*checked/);
    expect(textOf(page.body)).toContain('aucun NIR n’est enregistré');
  });

  it('is for the organisation’s admins only (404 for its agents, denial audited)', async () => {
    expect((await get(t, '/rsa/parametres', staff.agent.cookie)).statusCode).toBe(404);
    expect((await get(t, '/rsa/parametres', staff.readonly.cookie)).statusCode).toBe(404);
    const denials = await auditTrail(db, { action: 'denied', resourceType: 'rsa_settings' });
    expect(denials.map((d) => d.actorId)).toEqual([staff.agent.id, staff.readonly.id]);
    expect((await get(t, '/rsa/parametres')).statusCode).toBe(303);
  });

  it('refuses values out of bounds with a message per field, and saves nothing', async () => {
    const { response } = await save({ validite: '0', rappels: '3', conservation: '24' });
    expect(response.statusCode).toBe(400);
    expect(fieldError(response.body, 'validite')).toBe('Indiquez un nombre de jours entre 1 et 60.');
    const late = await save({ validite: '10', rappels: '3, 12', conservation: '24' });
    expect(fieldError(late.response.body, 'rappels')).toBe(
      'Chaque rappel doit partir avant la fin de l’invitation (moins de 10 jours).',
    );
    const words = await save({ validite: '10', rappels: 'lundi', conservation: '24' });
    expect(fieldError(words.response.body, 'rappels')).toBe(
      'Écrivez des nombres de jours séparés par des virgules, par exemple « 3, 7 ».',
    );
    const short = await save({ validite: '10', rappels: '3', conservation: '3' });
    expect(fieldError(short.response.body, 'conservation')).toBe(
      'Indiquez un nombre de mois entre 6 et 120.',
    );
    expect(short.response.body).toMatch(/name="conservation"[^>]*value="3"/);
    expect(await rsaSettingsOf(db, staff.organisation.id)).toEqual(DEFAULT_RSA_SETTINGS);
  });

  it('saves valid settings (reminders read as a list, sorted, without duplicates) and audits the change', async () => {
    const { response } = await save({ validite: '14', rappels: '7 et 3; 10, 3', conservation: '36' });
    expect(response.statusCode).toBe(303);
    expect(response.headers.location).toBe('/rsa/parametres');
    expect(await rsaSettingsOf(db, staff.organisation.id)).toEqual({
      invitationValidityDays: 14,
      reminderDays: [3, 7, 10],
      retentionMonths: 36,
      nirEnabled: false,
    });
    const none = await save({ validite: '14', rappels: '', conservation: '36' });
    expect(none.response.statusCode).toBe(303);
    expect((await rsaSettingsOf(db, staff.organisation.id)).reminderDays).toEqual([]);
    const trail = await auditTrail(db, { action: 'update', resourceType: 'rsa_settings' });
    expect(trail[0]).toMatchObject({
      actorId: staff.admin.id,
      organisationId: staff.organisation.id,
      details: {
        before: DEFAULT_RSA_SETTINGS,
        after: {
          invitationValidityDays: 14,
          reminderDays: [3, 7, 10],
          retentionMonths: 36,
          nirEnabled: false,
        },
        erasedNirs: 0,
      },
    });
  });

  it('switching the NIR off erases the organisation’s NIRs, after a confirmation that says how many', async () => {
    const other = await organisationWithStaff(db);
    await save({ validite: '10', rappels: '3, 7', conservation: '24', nir: 'on' });
    expect((await rsaSettingsOf(db, staff.organisation.id)).nirEnabled).toBe(true);
    const withNir = [
      await newBeneficiary(db, { organisationId: staff.organisation.id, nir: '1850578006084' }),
      await newBeneficiary(db, { organisationId: staff.organisation.id, nir: '285057800608412' }),
    ];
    const elsewhere = await newBeneficiary(db, {
      organisationId: other.organisation.id,
      nir: '1850578006084',
    });
    const page = await get(t, '/rsa/parametres', staff.admin.cookie);
    expect(page.body).toMatch(/name="nir"[^>]*checked/);
    expect(textOf(page.body)).toContain('2 numéros sont enregistrés.');

    const { response, cookie } = await save({ validite: '10', rappels: '3, 7', conservation: '24' });
    expect(response.statusCode).toBe(200);
    expect(textOf(response.body)).toContain('vous effacez 2 numéros enregistrés');
    expect((await rsaSettingsOf(db, staff.organisation.id)).nirEnabled).toBe(true);
    const nirOf = async (id: string) =>
      (await db.select({ nir: beneficiaries.nir }).from(beneficiaries).where(eq(beneficiaries.id, id)))[0]!
        .nir;
    expect(await nirOf(withNir[0]!.id)).toBe('1850578006084');

    // The confirmation page's own form, as a browser posts it.
    const token = /name="_csrf" value="([^"]+)"/.exec(response.body)![1]!;
    const hidden = Object.fromEntries(
      [...response.body.matchAll(/<input type="hidden" name="([^"]+)" value="([^"]*)"/g)].map((m) => [
        m[1]!,
        m[2]!,
      ]),
    );
    expect(hidden).toMatchObject({ validite: '10', rappels: '3, 7', conservation: '24', confirmer: 'oui' });
    const confirmed = await t.app.inject({
      method: 'POST',
      url: '/rsa/parametres',
      headers: { cookie, 'content-type': 'application/x-www-form-urlencoded' },
      payload: new URLSearchParams({ ...hidden, _csrf: token }).toString(),
    });
    expect(confirmed.statusCode).toBe(303);
    expect((await rsaSettingsOf(db, staff.organisation.id)).nirEnabled).toBe(false);
    for (const b of withNir) expect(await nirOf(b.id)).toBeNull();
    expect(await nirOf(elsewhere.id)).toBe('1850578006084');
    const trail = await auditTrail(db, { action: 'update', resourceType: 'rsa_settings' });
    expect(trail.at(-1)?.details).toMatchObject({ erasedNirs: 2, after: { nirEnabled: false } });
    const after = await get(t, '/rsa/parametres', mergeCookies(cookie, confirmed.headers['set-cookie']));
    expect(textOf(after.body)).toContain('Paramètres enregistrés. 2 NIR effacés.');
  });
});
