import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { auditTrail, get, organisationWithStaff } from '../../tenancy/testing.ts';
import { startTestApp, type TestContext } from '../../testing/harness.ts';
import { absences, appointments } from '../tables.ts';
import { localInstant } from './recurrence.ts';
import { absenceArrayFields, absenceForm, parseSettingsForm } from './schemas.ts';
import { newAppointmentType, newPlace, postFields } from './testing.ts';
import { describeAbsence } from './views/absences.tsx';

const oneOff = {
  agentId: 'a',
  title: 'Congés',
  repetition: 'ponctuelle',
  firstDay: '2027-08-02',
  lastDay: '2027-08-20',
};
const weekly = {
  agentId: 'a',
  title: 'Réunion d’équipe',
  repetition: 'hebdomadaire',
  firstDay: '2027-01-04',
  startTime: '14:00',
  endTime: '16:00',
  weekdays: ['1'],
  everyWeeks: '2',
};

describe('absence form (schemas.ts)', () => {
  it('reads a one-off absence over whole days, and a weekly one', () => {
    const whole = parseSettingsForm(absenceForm, oneOff, absenceArrayFields);
    expect(whole.ok && whole.data).toMatchObject({
      firstDay: '2027-08-02',
      lastDay: '2027-08-20',
      startTime: '00:00',
      endTime: '24:00',
      weekdays: null,
      everyWeeks: 1,
    });
    const oneDay = parseSettingsForm(
      absenceForm,
      { ...oneOff, lastDay: '', startTime: '14:00' },
      absenceArrayFields,
    );
    expect(oneDay.ok && oneDay.data).toMatchObject({
      lastDay: '2027-08-02',
      startTime: '14:00',
      endTime: '24:00',
    });
    const repeated = parseSettingsForm(absenceForm, weekly, absenceArrayFields);
    expect(repeated.ok && repeated.data).toMatchObject({ weekdays: [1], everyWeeks: 2, lastDay: null });
  });

  it.each([
    [oneOff, { lastDay: '2027-08-01' }, 'lastDay', 'Le dernier jour doit être le premier jour ou après.'],
    [
      oneOff,
      { lastDay: '', startTime: '14:00', endTime: '10:00' },
      'endTime',
      'La fin de l’absence doit être après son début.',
    ],
    [oneOff, { firstDay: '' }, 'firstDay', 'Saisissez le premier jour de l’absence.'],
    [oneOff, { title: '' }, 'title', 'Saisissez un intitulé'],
    [oneOff, { repetition: '' }, 'repetition', 'Choisissez si l’absence est ponctuelle'],
    [weekly, { weekdays: [] }, 'weekdays', 'Cochez au moins un jour de la semaine'],
    [weekly, { startTime: '' }, 'startTime', 'Saisissez l’heure de début de chaque absence.'],
    [weekly, { endTime: '13:00' }, 'endTime', 'L’heure de fin doit être après l’heure de début.'],
    [weekly, { everyWeeks: '0' }, 'everyWeeks', 'Saisissez un nombre entier entre 1 et 8.'],
  ])('refuses %o + %o', (values, change, field, message) => {
    const parsed = parseSettingsForm(absenceForm, { ...values, ...change }, absenceArrayFields);
    expect(parsed.ok).toBe(false);
    if (!parsed.ok) expect(parsed.form.errors[field]).toContain(message);
  });

  it('describes absences in French', () => {
    const base = { lastDay: null, everyWeeks: 1, weekdays: null };
    expect(
      describeAbsence({
        ...base,
        firstDay: '2027-08-02',
        lastDay: '2027-08-20',
        startTime: '00:00',
        endTime: '24:00',
      }),
    ).toBe('Du 2 août 2027 au 20 août 2027');
    expect(
      describeAbsence({
        ...base,
        firstDay: '2027-08-02',
        lastDay: '2027-08-02',
        startTime: '00:00',
        endTime: '24:00',
      }),
    ).toBe('Le 2 août 2027, toute la journée');
    expect(
      describeAbsence({
        ...base,
        firstDay: '2027-01-04',
        startTime: '14:00:00',
        endTime: '16:00:00',
        weekdays: [1],
        everyWeeks: 2,
      }),
    ).toBe('Toutes les 2 semaines, le lundi de 14 h à 16 h, à partir du 4 janvier 2027');
  });
});

describe('absences (/rendez-vous/parametres/absences)', () => {
  let t: TestContext;
  beforeAll(async () => {
    t = await startTestApp();
  });
  afterAll(() => t.close());
  const db = () => t.platform.database.db;

  it('lets an agent record an absence and says how many appointments fall inside', async () => {
    const s = await organisationWithStaff(db());
    const place = await newPlace(db(), s.organisation.id);
    const type = await newAppointmentType(db(), s.organisation.id);
    const at = (day: string, time: string) => localInstant(day, time);
    for (const [day, time] of [
      ['2031-08-04', '10:00'],
      ['2031-08-20', '16:00'],
      ['2031-08-25', '10:00'],
    ] as const) {
      await db()
        .insert(appointments)
        .values({
          organisationId: s.organisation.id,
          appointmentTypeId: type.id,
          agentId: s.agent.id,
          placeId: place.id,
          startsAt: at(day, time),
          endsAt: at(day, `${time.slice(0, 2)}:45`),
          blockedUntil: at(day, `${time.slice(0, 2)}:45`),
        });
    }
    const response = await postFields(t, {
      page: `/rendez-vous/parametres/absences/nouvelle?organisation=${s.organisation.slug}`,
      action: `/rendez-vous/parametres/absences/nouvelle?organisation=${s.organisation.slug}`,
      cookie: s.agent.cookie,
      fields: { ...oneOff, agentId: s.agent.id, firstDay: '2031-08-02', lastDay: '20/08/2031' },
    });
    expect(response.statusCode).toBe(303);
    expect(decodeURIComponent(String(response.headers['set-cookie']))).toContain(
      '2 rendez-vous à venir tombent pendant cette absence',
    );
    const [absence] = await db().select().from(absences).where(eq(absences.agentId, s.agent.id));
    expect(absence).toMatchObject({
      firstDay: '2031-08-02',
      lastDay: '2031-08-20',
      weekdays: null,
      startTime: '00:00:00',
      endTime: '24:00:00',
    });
    const page = await get(t, `/rendez-vous/parametres/absences/${absence!.id}`, s.agent.cookie);
    expect(page.body).toContain('2 rendez-vous à venir tombent pendant cette absence');
    expect(page.body).toContain('value="2031-08-02"');

    const edited = await postFields(t, {
      page: `/rendez-vous/parametres/absences/${absence!.id}`,
      action: `/rendez-vous/parametres/absences/${absence!.id}`,
      cookie: s.agent.cookie,
      fields: { ...weekly, agentId: s.agent.id, firstDay: '2031-01-06', everyWeeks: '1' },
    });
    expect(edited.statusCode).toBe(303);
    const [after] = await db().select().from(absences).where(eq(absences.id, absence!.id));
    expect(after).toMatchObject({ weekdays: [1], startTime: '14:00:00', endTime: '16:00:00', lastDay: null });
    const audit = await auditTrail(db(), { resourceType: 'absence', resourceId: absence!.id });
    expect(audit.map((a) => a.action)).toEqual(['create', 'update']);
  });

  it('shows a refused absence again with every message', async () => {
    const s = await organisationWithStaff(db());
    const response = await postFields(t, {
      page: `/rendez-vous/parametres/absences/nouvelle?organisation=${s.organisation.slug}`,
      action: `/rendez-vous/parametres/absences/nouvelle?organisation=${s.organisation.slug}`,
      cookie: s.admin.cookie,
      fields: { ...weekly, agentId: s.agent.id, weekdays: [], endTime: '10:00' },
    });
    expect(response.statusCode).toBe(400);
    expect(response.body).toContain('Cochez au moins un jour de la semaine pour une absence qui se répète.');
    expect(response.body).toContain('L’heure de fin doit être après l’heure de début.');
    expect(response.body).toContain('value="Réunion d’équipe"');
  });

  it('keeps absences to their agent and organisation', async () => {
    const s = await organisationWithStaff(db());
    const other = await organisationWithStaff(db());
    const forColleague = await postFields(t, {
      page: `/rendez-vous/parametres/absences/nouvelle?organisation=${s.organisation.slug}`,
      action: `/rendez-vous/parametres/absences/nouvelle?organisation=${s.organisation.slug}`,
      cookie: s.agent.cookie,
      fields: { ...oneOff, agentId: s.admin.id },
    });
    expect(forColleague.statusCode).toBe(400);
    const [theirs] = await db()
      .insert(absences)
      .values({
        organisationId: other.organisation.id,
        agentId: other.agent.id,
        title: 'Formation',
        firstDay: '2027-03-01',
        lastDay: '2027-03-02',
      })
      .returning();
    const page = `/rendez-vous/parametres/absences/${theirs!.id}`;
    expect((await get(t, page, s.admin.cookie)).statusCode).toBe(404);
    const edit = await postFields(t, {
      page: `/rendez-vous/parametres/absences?organisation=${s.organisation.slug}`,
      action: page,
      cookie: s.admin.cookie,
      fields: { ...oneOff, agentId: s.agent.id },
    });
    expect(edit.statusCode).toBe(404);
    const removal = await postFields(t, {
      page: `/rendez-vous/parametres/absences?organisation=${s.organisation.slug}`,
      action: `${page}/suppression`,
      cookie: s.admin.cookie,
      fields: {},
    });
    expect(removal.statusCode).toBe(404);
    expect(await db().select().from(absences).where(eq(absences.id, theirs!.id))).toHaveLength(1);
    const ownRemoval = await postFields(t, {
      page: `/rendez-vous/parametres/absences?organisation=${other.organisation.slug}`,
      action: `${page}/suppression`,
      cookie: other.agent.cookie,
      fields: {},
    });
    expect(ownRemoval.statusCode).toBe(303);
    expect(await db().select().from(absences).where(eq(absences.id, theirs!.id))).toHaveLength(0);
  });
});
