import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Db } from '../../db/client.ts';
import { auditTrail, get, organisationWithStaff } from '../../tenancy/testing.ts';
import { newAgent, signInAs } from '../../testing/factories.ts';
import { submitForm } from '../../testing/forms.ts';
import { startTestApp, type TestContext } from '../../testing/harness.ts';
import { appointments, openingSlots, openingSlotTypes } from '../tables.ts';
import { localInstant } from './recurrence.ts';
import { openingSlotArrayFields, openingSlotForm, parseSettingsForm } from './schemas.ts';
import { newAppointmentType, newPlace, postFields } from './testing.ts';

const base = {
  agentId: 'a',
  placeId: 'p',
  weekdays: ['2'],
  startTime: '09:00',
  endTime: '12:00',
  firstDay: '2027-01-04',
  lastDay: '',
  everyWeeks: '1',
  appointmentTypeIds: ['t'],
};

describe('opening slot form (schemas.ts)', () => {
  it('reads weekdays and types as lists, days typed by hand and times like « 9h30 »', () => {
    const parsed = parseSettingsForm(
      openingSlotForm,
      { ...base, weekdays: ['4', '2', '2'], startTime: '9h30', firstDay: '04/01/2027', openOnHolidays: 'on' },
      openingSlotArrayFields,
    );
    expect(parsed.ok && parsed.data).toMatchObject({
      weekdays: [2, 4],
      startTime: '09:30',
      firstDay: '2027-01-04',
      lastDay: null,
      openOnHolidays: true,
      appointmentTypeIds: ['t'],
    });
  });

  it.each([
    [{ endTime: '08:00' }, 'endTime', 'L’heure de fin doit être après l’heure de début.'],
    [{ endTime: '09:00' }, 'endTime', 'L’heure de fin doit être après l’heure de début.'],
    [{ startTime: '25:00' }, 'startTime', 'Saisissez une heure valide'],
    [{ lastDay: '2027-01-03' }, 'lastDay', 'Le dernier jour doit être le premier jour ou après.'],
    [{ firstDay: '2027-02-30' }, 'firstDay', 'Saisissez une date valide'],
    [{ firstDay: '' }, 'firstDay', 'Saisissez le premier jour.'],
    [{ weekdays: [] }, 'weekdays', 'Cochez au moins un jour de la semaine.'],
    [{ weekdays: ['9'] }, 'weekdays', 'Choisissez des jours de la semaine.'],
    [{ appointmentTypeIds: [] }, 'appointmentTypeIds', 'Cochez au moins un motif'],
    [{ everyWeeks: '9' }, 'everyWeeks', 'Saisissez un nombre entier entre 1 et 8.'],
    [{ agentId: '' }, 'agentId', 'Choisissez l’agent.'],
  ])('refuses %o', (change, field, message) => {
    const parsed = parseSettingsForm(openingSlotForm, { ...base, ...change }, openingSlotArrayFields);
    expect(parsed.ok).toBe(false);
    if (!parsed.ok) expect(parsed.form.errors[field]).toContain(message);
  });

  it('reports every mistake at once', () => {
    const parsed = parseSettingsForm(
      openingSlotForm,
      { ...base, weekdays: [], endTime: '08:00', lastDay: '2026-01-01' },
      openingSlotArrayFields,
    );
    expect(!parsed.ok && Object.keys(parsed.form.errors).sort()).toEqual(['endTime', 'lastDay', 'weekdays']);
  });
});

async function setting(db: Db) {
  const staff = await organisationWithStaff(db);
  const place = await newPlace(db, staff.organisation.id, { name: 'Maison des solidarités' });
  const type = await newAppointmentType(db, staff.organisation.id);
  return { ...staff, place, type };
}

describe('opening slots (/rendez-vous/parametres/plages)', () => {
  let t: TestContext;
  beforeAll(async () => {
    t = await startTestApp();
  });
  afterAll(() => t.close());
  const db = () => t.platform.database.db;

  const post = (
    s: Awaited<ReturnType<typeof setting>>,
    cookie: string,
    fields: Record<string, string | string[]>,
    action?: string,
  ) => {
    const all = {
      agentId: s.agent.id,
      placeId: s.place.id,
      startTime: '09:00',
      endTime: '12:00',
      firstDay: '2027-01-05',
      lastDay: '',
      everyWeeks: '1',
      weekdays: ['2'],
      appointmentTypeIds: [s.type.id],
      ...fields,
    };
    return postFields(t, {
      page: `/rendez-vous/parametres/plages?organisation=${s.organisation.slug}`,
      action: action ?? `/rendez-vous/parametres/plages/nouvelle?organisation=${s.organisation.slug}`,
      cookie,
      fields: all,
    });
  };

  it('lets an agent add their own opening slot, with its types, audited', async () => {
    const s = await setting(db());
    const form = await get(
      t,
      `/rendez-vous/parametres/plages/nouvelle?organisation=${s.organisation.slug}`,
      s.agent.cookie,
    );
    expect(form.statusCode).toBe(200);
    expect(form.body).toContain(`value="${s.agent.id}" selected`);
    expect(form.body).not.toContain(`value="${s.admin.id}"`);
    const response = await post(s, s.agent.cookie, { weekdays: ['2', '4'] });
    expect(response.statusCode).toBe(303);
    const [slot] = await db().select().from(openingSlots).where(eq(openingSlots.agentId, s.agent.id));
    expect(slot).toMatchObject({
      weekdays: [2, 4],
      startTime: '09:00:00',
      endTime: '12:00:00',
      firstDay: '2027-01-05',
    });
    const types = await db()
      .select()
      .from(openingSlotTypes)
      .where(eq(openingSlotTypes.openingSlotId, slot!.id));
    expect(types.map((x) => x.appointmentTypeId)).toEqual([s.type.id]);
    expect(
      (await auditTrail(db(), { resourceType: 'opening_slot', resourceId: slot!.id })).map((a) => a.action),
    ).toEqual(['create']);
    const list = await get(
      t,
      `/rendez-vous/parametres/plages?organisation=${s.organisation.slug}`,
      s.readonly.cookie,
    );
    expect(list.body).toContain('mardi et jeudi');
    expect(list.body).toContain('9 h – 12 h');
  });

  it('refuses an opening slot that overlaps another of the same agent, naming it', async () => {
    const s = await setting(db());
    expect((await post(s, s.admin.cookie, {})).statusCode).toBe(303);
    const overlapping = await post(s, s.admin.cookie, {
      weekdays: ['1', '2'],
      startTime: '11:00',
      endTime: '14:00',
      firstDay: '2027-01-04',
    });
    expect(overlapping.statusCode).toBe(400);
    expect(overlapping.body).toContain(
      'Cette plage chevauche la plage du mardi 9 h – 12 h (Maison des solidarités), à partir du 5 janvier 2027.',
    );
    // Touching times, another agent, or alternate weeks are fine.
    expect((await post(s, s.admin.cookie, { startTime: '12:00', endTime: '14:00' })).statusCode).toBe(303);
    expect((await post(s, s.admin.cookie, { agentId: s.admin.id })).statusCode).toBe(303);
    const slots = await db().select().from(openingSlots).where(eq(openingSlots.agentId, s.agent.id));
    expect(slots).toHaveLength(2);
  });

  it('refuses slots for another agent to a non-admin, and unknown places or types', async () => {
    const s = await setting(db());
    const other = await setting(db());
    const forAdmin = await post(s, s.agent.cookie, { agentId: s.admin.id });
    expect(forAdmin.statusCode).toBe(400);
    expect(forAdmin.body).toContain('Vous ne pouvez gérer que vos propres plages d’ouverture et absences.');
    const readonly = await post(s, s.readonly.cookie, { agentId: s.readonly.id });
    expect(readonly.statusCode).toBe(400);
    const foreignPlace = await post(s, s.admin.cookie, { placeId: other.place.id });
    expect(foreignPlace.statusCode).toBe(400);
    expect(foreignPlace.body).toContain('Choisissez un lieu de l’organisation.');
    const foreignType = await post(s, s.admin.cookie, { appointmentTypeIds: [other.type.id] });
    expect(foreignType.statusCode).toBe(400);
    expect(foreignType.body).toContain('Choisissez des motifs proposés par l’organisation.');
    expect(
      await db().select().from(openingSlots).where(eq(openingSlots.organisationId, s.organisation.id)),
    ).toHaveLength(0);
  });

  it('warns, after an edit, of appointments left outside the slot', async () => {
    const s = await setting(db());
    expect((await post(s, s.agent.cookie, { firstDay: '2031-01-07' })).statusCode).toBe(303);
    const [slot] = await db().select().from(openingSlots).where(eq(openingSlots.agentId, s.agent.id));
    await db()
      .insert(appointments)
      .values({
        organisationId: s.organisation.id,
        appointmentTypeId: s.type.id,
        agentId: s.agent.id,
        placeId: s.place.id,
        startsAt: localInstant('2031-01-14', '11:00'),
        endsAt: localInstant('2031-01-14', '11:45'),
        blockedUntil: localInstant('2031-01-14', '11:45'),
      });
    const page = `/rendez-vous/parametres/plages/${slot!.id}`;
    const unchanged = await post(s, s.agent.cookie, { firstDay: '2031-01-07', endTime: '12:00' }, page);
    expect(unchanged.statusCode).toBe(303);
    const shortened = await post(s, s.agent.cookie, { firstDay: '2031-01-07', endTime: '10:30' }, page);
    expect(shortened.statusCode).toBe(303);
    const flash = decodeURIComponent(String(shortened.headers['set-cookie']));
    expect(flash).toContain('1 rendez-vous à venir est désormais en dehors de cette plage');
    const [after] = await db().select().from(openingSlots).where(eq(openingSlots.id, slot!.id));
    expect(after!.endTime).toBe('10:30:00');
  });

  it('lets an agent see but not change a colleague’s slot; an admin deletes it', async () => {
    const s = await setting(db());
    expect((await post(s, s.admin.cookie, {})).statusCode).toBe(303);
    const [slot] = await db().select().from(openingSlots).where(eq(openingSlots.agentId, s.agent.id));
    const colleague = await newAgent(db(), {
      memberships: [{ organisationId: s.organisation.id, role: 'agent' }],
    });
    const cookie = await signInAs(db(), colleague.id);
    const page = `/rendez-vous/parametres/plages/${slot!.id}`;
    const view = await get(t, page, cookie);
    expect(view.statusCode).toBe(200);
    expect(view.body).not.toContain('name="startTime"');
    expect((await post(s, cookie, {}, page)).statusCode).toBe(403);
    const removal = await submitForm(t.app, { page, action: `${page}/suppression`, cookie, fields: {} });
    expect(removal.response.statusCode).toBe(403);
    const removed = await submitForm(t.app, {
      page,
      action: `${page}/suppression`,
      cookie: s.admin.cookie,
      fields: {},
    });
    expect(removed.response.statusCode).toBe(303);
    expect(await db().select().from(openingSlots).where(eq(openingSlots.id, slot!.id))).toHaveLength(0);
  });

  it('hides another territory’s opening slots (404, nothing changed)', async () => {
    const mine = await setting(db());
    const theirs = await setting(db());
    expect((await post(theirs, theirs.admin.cookie, {})).statusCode).toBe(303);
    const [slot] = await db().select().from(openingSlots).where(eq(openingSlots.agentId, theirs.agent.id));
    const page = `/rendez-vous/parametres/plages/${slot!.id}`;
    expect((await get(t, page, mine.admin.cookie)).statusCode).toBe(404);
    expect((await post(mine, mine.admin.cookie, { endTime: '18:00' }, page)).statusCode).toBe(404);
    const removal = await submitForm(t.app, {
      page: `/rendez-vous/parametres/plages?organisation=${mine.organisation.slug}`,
      action: `${page}/suppression`,
      cookie: mine.admin.cookie,
      fields: {},
    });
    expect(removal.response.statusCode).toBe(404);
    const [after] = await db().select().from(openingSlots).where(eq(openingSlots.id, slot!.id));
    expect(after!.endTime).toBe('12:00:00');
    const list = await get(
      t,
      `/rendez-vous/parametres/plages?organisation=${theirs.organisation.slug}`,
      mine.admin.cookie,
    );
    expect(list.statusCode).toBe(404);
    expect(
      (await auditTrail(db(), { action: 'denied', resourceId: slot!.id })).length,
    ).toBeGreaterThanOrEqual(3);
  });
});
