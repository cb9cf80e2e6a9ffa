import { and, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { auditEvents } from '../audit/tables.ts';
import type { Db } from '../db/client.ts';
import { AppError } from '../errors.ts';
import { outboxMessages } from '../messaging/tables.ts';
import { newAgent } from '../testing/factories.ts';
import { startTestApp, type TestContext } from '../testing/harness.ts';
import { statusHistoryOf } from './booking.repository.ts';
import {
  bookAppointment,
  cancelParticipation,
  moveAppointment,
  openCollectiveSession,
  setParticipationStatus,
} from './booking.service.ts';
import { appointmentParticipants, appointments, citizens } from './tables.ts';
import { newBookableSetup, newCitizen, testCaller } from './testing.ts';

/**
 * Booking, cancelling, moving and statuses through the services, on a real database (PGlite or
 * PostgreSQL with TEST_DATABASE_URL). The dates are fixed in March 2030: `now` is passed in.
 */
const now = new Date('2030-03-01T08:00:00Z'); // Friday 1 March 2030, 09:00 in Paris
const monday10 = new Date('2030-03-04T09:00:00Z'); // Monday 4 March, 10:00 in Paris
const monday1030 = new Date('2030-03-04T09:30:00Z');

async function rejection(promise: Promise<unknown>): Promise<AppError> {
  try {
    await promise;
  } catch (error) {
    if (error instanceof AppError) return error;
    throw error;
  }
  throw new Error('expected an AppError');
}

describe('bookAppointment', () => {
  let t: TestContext;
  let db: Db;
  beforeAll(async () => {
    t = await startTestApp();
    db = t.platform.database.db;
  });
  afterAll(() => t.close());

  const person = (lastName = 'Martin') => ({
    firstName: 'Léa',
    lastName,
    phone: '06 12 34 56 78',
    email: `${lastName.toLowerCase()}@exemple.fr`,
  });

  it('books a person on the public pages: appointment, buffer, participant, history, messages', async () => {
    const setup = await newBookableSetup(db, { type: { durationMinutes: 30, bufferMinutes: 10 } });
    const result = await bookAppointment(db, t.platform, {
      appointmentTypeId: setup.type.id,
      startsAt: monday10,
      placeId: setup.place.id,
      citizen: person(),
      channel: 'public',
      now,
    });
    if (!result.ok) throw new Error('not booked');
    const [appointment] = await db
      .select()
      .from(appointments)
      .where(eq(appointments.id, result.appointmentId));
    expect(appointment).toMatchObject({
      agentId: setup.agent.id,
      placeId: setup.place.id,
      startsAt: monday10,
      endsAt: monday1030,
      blockedUntil: new Date('2030-03-04T09:40:00Z'),
      cancelledAt: null,
    });
    const [citizen] = await db.select().from(citizens).where(eq(citizens.id, result.citizenId));
    expect(citizen).toMatchObject({ phone: '+33612345678', email: 'martin@exemple.fr', lastName: 'Martin' });
    const history = await statusHistoryOf(db, result.participantId);
    expect(history).toMatchObject([
      { fromStatus: null, toStatus: 'a_venir', changedBy: 'usager', changedByAgentId: null, changedAt: now },
    ]);
    const messages = await db
      .select({ channel: outboxMessages.channel, template: outboxMessages.template })
      .from(outboxMessages)
      .where(eq(outboxMessages.subjectId, result.citizenId));
    expect(messages.map((m) => m.channel).sort()).toEqual(['email', 'sms']);
  });

  it('turns a slot taken meanwhile into « taken » with the next slots, and undoes the new person', async () => {
    const setup = await newBookableSetup(db);
    const first = await bookAppointment(db, t.platform, {
      appointmentTypeId: setup.type.id,
      startsAt: monday10,
      placeId: setup.place.id,
      citizen: person('Premier'),
      channel: 'public',
      now,
    });
    expect(first.ok).toBe(true);
    const second = await bookAppointment(db, t.platform, {
      appointmentTypeId: setup.type.id,
      startsAt: monday10,
      placeId: setup.place.id,
      citizen: person('Second'),
      channel: 'public',
      now,
    });
    if (second.ok) throw new Error('booked twice');
    expect(second.reason).toBe('taken');
    expect(second.next.length).toBeGreaterThan(0);
    expect(second.next[0]!.slot.startsAt).toEqual(monday1030);
    expect(second.next[0]!.place.id).toBe(setup.place.id);
    const seconds = await db
      .select()
      .from(citizens)
      .where(and(eq(citizens.organisationId, setup.organisation.id), eq(citizens.lastName, 'Second')));
    expect(seconds).toEqual([]);
  });

  it('tries the free agents in turn when the first one is taken', async () => {
    const setup = await newBookableSetup(db, { agents: 2 });
    const book = (lastName: string) =>
      bookAppointment(db, t.platform, {
        appointmentTypeId: setup.type.id,
        startsAt: monday10,
        placeId: setup.place.id,
        citizen: person(lastName),
        channel: 'public',
        now,
      });
    const a = await book('Alpha');
    const b = await book('Bravo');
    const c = await book('Charlie');
    expect(a.ok && b.ok).toBe(true);
    expect(c.ok).toBe(false);
    const agents = await db
      .select({ agentId: appointments.agentId })
      .from(appointments)
      .where(eq(appointments.appointmentTypeId, setup.type.id));
    expect(new Set(agents.map((r) => r.agentId))).toEqual(new Set(setup.agents.map((x) => x.id)));
  });

  it('applies who may book the type and its delays', async () => {
    const agentsOnly = await newBookableSetup(db, { type: { bookableBy: 'agents' } });
    const base = {
      appointmentTypeId: agentsOnly.type.id,
      startsAt: monday10,
      placeId: agentsOnly.place.id,
      citizen: person(),
      now,
    };
    expect((await rejection(bookAppointment(db, t.platform, { ...base, channel: 'public' }))).code).toBe(
      'forbidden',
    );
    expect((await rejection(bookAppointment(db, t.platform, { ...base, channel: 'invitation' }))).code).toBe(
      'forbidden',
    );
    const invited = await newBookableSetup(db, { type: { bookableBy: 'invited' } });
    const byInvitation = { ...base, appointmentTypeId: invited.type.id, placeId: invited.place.id };
    expect(
      (await rejection(bookAppointment(db, t.platform, { ...byInvitation, channel: 'public' }))).code,
    ).toBe('forbidden');
    expect((await bookAppointment(db, t.platform, { ...byInvitation, channel: 'invitation' })).ok).toBe(true);

    const delays = await newBookableSetup(db, {
      type: { minBookingDelayMinutes: 4 * 1440, maxBookingDelayDays: 10 },
    });
    const tooSoon = await rejection(
      bookAppointment(db, t.platform, {
        ...base,
        appointmentTypeId: delays.type.id,
        placeId: delays.place.id,
        channel: 'public',
      }),
    );
    expect(tooSoon.fields.startsAt).toMatch(/au moins 4 jours à l’avance/);
    const tooLate = await rejection(
      bookAppointment(db, t.platform, {
        ...base,
        appointmentTypeId: delays.type.id,
        placeId: delays.place.id,
        startsAt: new Date('2030-03-18T09:00:00Z'),
        channel: 'public',
      }),
    );
    expect(tooLate.fields.startsAt).toMatch(/au plus 10 jours/);
    const past = await rejection(
      bookAppointment(db, t.platform, {
        ...base,
        startsAt: new Date('2030-02-25T09:00:00Z'),
        channel: 'api',
      }),
    );
    expect(past.fields.startsAt).toMatch(/déjà passé/);
  });

  it('asks people booking themselves for a phone or an email, and reads French numbers', async () => {
    const setup = await newBookableSetup(db);
    const base = {
      appointmentTypeId: setup.type.id,
      startsAt: monday10,
      placeId: setup.place.id,
      channel: 'public' as const,
      now,
    };
    const noContact = await rejection(
      bookAppointment(db, t.platform, { ...base, citizen: { firstName: 'Léa', lastName: 'Martin' } }),
    );
    expect(noContact.code).toBe('validation');
    expect(noContact.fields['citizen.phone']).toMatch(/numéro de téléphone ou une adresse électronique/);
    const badPhone = await rejection(
      bookAppointment(db, t.platform, {
        ...base,
        citizen: { firstName: 'Léa', lastName: 'Martin', phone: '01 23' },
      }),
    );
    expect(badPhone.fields['citizen.phone']).toMatch(/n’existe pas/);
    const noName = await rejection(
      bookAppointment(db, t.platform, {
        ...base,
        citizen: { firstName: ' ', lastName: '', email: 'pas-une-adresse' },
      }),
    );
    expect(noName.fields).toMatchObject({
      'citizen.firstName': 'Saisissez le prénom.',
      'citizen.lastName': 'Saisissez le nom.',
      'citizen.email': expect.stringMatching(/adresse électronique valide/),
    });
    // A Réunion landline written nationally, an agent booking (no contact required).
    const agent = await newAgent(db, {
      memberships: [{ organisationId: setup.organisation.id, role: 'agent' }],
    });
    const booked = await bookAppointment(db, t.platform, {
      ...base,
      channel: 'agent',
      bookedBy: testCaller(agent, [{ organisationId: setup.organisation.id, role: 'agent' }]),
      citizen: { firstName: 'Léa', lastName: 'Payet', phone: '0262 12 34 56' },
    });
    if (!booked.ok) throw new Error('not booked');
    const [citizen] = await db.select().from(citizens).where(eq(citizens.id, booked.citizenId));
    expect(citizen!.phone).toBe('+262262123456');
  });

  it('finds a known person again by phone or email and last name, or by external reference', async () => {
    const setup = await newBookableSetup(db, { agents: 3 });
    const known = await newCitizen(db, {
      organisationId: setup.organisation.id,
      lastName: 'Durand',
      phone: '+33698765432',
      email: null,
      externalRef: null,
    });
    const base = {
      appointmentTypeId: setup.type.id,
      placeId: setup.place.id,
      channel: 'public' as const,
      now,
    };
    const byPhone = await bookAppointment(db, t.platform, {
      ...base,
      startsAt: monday10,
      citizen: { firstName: 'Jean', lastName: 'DURAND', phone: '06 98 76 54 32', email: 'jean@exemple.fr' },
    });
    expect(byPhone.ok && byPhone.citizenId).toBe(known.id);
    // The email missing from the record was filled in; then the email alone finds the person.
    const byEmail = await bookAppointment(db, t.platform, {
      ...base,
      startsAt: monday1030,
      citizen: { firstName: 'Jean', lastName: 'durand', email: 'JEAN@exemple.fr' },
    });
    expect(byEmail.ok && byEmail.citizenId).toBe(known.id);
    const withRef = await newCitizen(db, { organisationId: setup.organisation.id, externalRef: 'rsa:42' });
    const byRef = await bookAppointment(db, t.platform, {
      ...base,
      channel: 'api',
      startsAt: new Date('2030-03-04T10:00:00Z'),
      citizen: { firstName: 'Autre', lastName: 'Nom', externalRef: 'rsa:42' },
    });
    expect(byRef.ok && byRef.citizenId).toBe(withRef.id);
  });

  it('lets agents book for their organisation only, and audits it', async () => {
    const setup = await newBookableSetup(db, { type: { bookableBy: 'agents' } });
    const booker = await newAgent(db, {
      memberships: [{ organisationId: setup.organisation.id, role: 'agent' }],
    });
    const reader = await newAgent(db, {
      memberships: [{ organisationId: setup.organisation.id, role: 'readonly' }],
    });
    const outsider = await newAgent(db);
    const base = {
      appointmentTypeId: setup.type.id,
      startsAt: monday10,
      placeId: setup.place.id,
      citizen: { firstName: 'Léa', lastName: 'Martin' },
      channel: 'agent' as const,
      now,
    };
    const readOnly = await rejection(
      bookAppointment(db, t.platform, {
        ...base,
        bookedBy: testCaller(reader, [{ organisationId: setup.organisation.id, role: 'readonly' }]),
      }),
    );
    expect(readOnly.code).toBe('forbidden');
    const other = await rejection(
      bookAppointment(db, t.platform, { ...base, bookedBy: testCaller(outsider, []) }),
    );
    expect(other.code).toBe('validation');
    const result = await bookAppointment(db, t.platform, {
      ...base,
      bookedBy: testCaller(booker, [{ organisationId: setup.organisation.id, role: 'agent' }]),
    });
    if (!result.ok) throw new Error('not booked');
    const [participant] = await db
      .select()
      .from(appointmentParticipants)
      .where(eq(appointmentParticipants.id, result.participantId));
    expect(participant).toMatchObject({ bookedVia: 'agent', bookedByAgentId: booker.id, status: 'a_venir' });
    const audit = await db
      .select()
      .from(auditEvents)
      .where(and(eq(auditEvents.resourceId, result.appointmentId), eq(auditEvents.actorId, booker.id)));
    expect(audit).toMatchObject([{ action: 'create', resourceType: 'appointment' }]);
  });
});

describe('after booking: cancel, statuses, move', () => {
  let t: TestContext;
  let db: Db;
  beforeAll(async () => {
    t = await startTestApp();
    db = t.platform.database.db;
  });
  afterAll(() => t.close());

  async function booked(options: Parameters<typeof newBookableSetup>[1] = {}) {
    const setup = await newBookableSetup(db, options);
    const agent = await newAgent(db, {
      memberships: [{ organisationId: setup.organisation.id, role: 'agent' }],
    });
    const caller = testCaller(agent, [{ organisationId: setup.organisation.id, role: 'agent' }]);
    const result = await bookAppointment(db, t.platform, {
      appointmentTypeId: setup.type.id,
      startsAt: monday10,
      placeId: setup.place.id,
      citizen: { firstName: 'Léa', lastName: 'Martin', email: 'lea@exemple.fr' },
      channel: 'public',
      now,
    });
    if (!result.ok) throw new Error('not booked');
    return { ...setup, caller, agentRow: agent, ...result };
  }
  const appointmentOf = async (id: string) =>
    (await db.select().from(appointments).where(eq(appointments.id, id)))[0]!;
  const rebook = (setup: Awaited<ReturnType<typeof booked>>, lastName: string) =>
    bookAppointment(db, t.platform, {
      appointmentTypeId: setup.type.id,
      startsAt: monday10,
      placeId: setup.place.id,
      citizen: { firstName: 'Autre', lastName, email: `${lastName}@exemple.fr` },
      channel: 'public',
      now,
    });

  it('cancelling frees the agent’s time: the slot can be booked again', async () => {
    const b = await booked();
    expect((await rebook(b, 'avant')).ok).toBe(false);
    const later = new Date(now.getTime() + 3_600_000);
    await cancelParticipation(db, t.platform, { participantId: b.participantId, by: b.caller, now: later });
    expect((await appointmentOf(b.appointmentId)).cancelledAt).toEqual(later);
    expect(await statusHistoryOf(db, b.participantId)).toMatchObject([
      { toStatus: 'a_venir', changedBy: 'usager' },
      {
        fromStatus: 'a_venir',
        toStatus: 'annule',
        changedBy: 'agent',
        changedByAgentId: b.agentRow.id,
        changedAt: later,
      },
    ]);
    expect((await rebook(b, 'apres')).ok).toBe(true);
    const again = await rejection(
      cancelParticipation(db, t.platform, { participantId: b.participantId, by: b.caller, now }),
    );
    expect(again.code).toBe('conflict');
  });

  it('lets the person cancel from their link only until the change limit', async () => {
    const b = await booked({ type: { changeLimitHours: 48 } });
    const tooLate = await rejection(
      cancelParticipation(db, t.platform, {
        participantId: b.participantId,
        by: 'usager',
        now: new Date('2030-03-02T10:00:00Z'),
      }),
    );
    expect(tooLate.message).toMatch(/moins de 48 h avant/);
    await cancelParticipation(db, t.platform, { participantId: b.participantId, by: 'usager', now });
    expect((await statusHistoryOf(db, b.participantId)).at(-1)).toMatchObject({
      toStatus: 'annule',
      changedBy: 'usager',
      changedByAgentId: null,
    });
  });

  it('keeps who changed the status and when; vu and absent only once started', async () => {
    const b = await booked();
    const before = await rejection(
      setParticipationStatus(db, t.platform, {
        participantId: b.participantId,
        status: 'vu',
        by: b.caller,
        now,
      }),
    );
    expect(before.fields.status).toMatch(/qu’une fois commencé/);
    const at = (iso: string) => new Date(iso);
    const set = (
      status: 'vu' | 'absent' | 'excuse' | 'a_venir',
      when: string,
      by: typeof b.caller | 'api' = b.caller,
    ) =>
      setParticipationStatus(db, t.platform, { participantId: b.participantId, status, by, now: at(when) });
    await set('vu', '2030-03-04T09:05:00Z');
    await set('absent', '2030-03-04T09:10:00Z', 'api');
    await set('excuse', '2030-03-04T09:15:00Z');
    expect((await appointmentOf(b.appointmentId)).cancelledAt).toEqual(at('2030-03-04T09:15:00Z'));
    await set('a_venir', '2030-03-04T09:20:00Z');
    expect((await appointmentOf(b.appointmentId)).cancelledAt).toBeNull();
    expect(
      (await statusHistoryOf(db, b.participantId)).map((h) => [h.fromStatus, h.toStatus, h.changedBy]),
    ).toEqual([
      [null, 'a_venir', 'usager'],
      ['a_venir', 'vu', 'agent'],
      ['vu', 'absent', 'api'],
      ['absent', 'excuse', 'agent'],
      ['excuse', 'a_venir', 'agent'],
    ]);
    const readonly = await newAgent(db, {
      memberships: [{ organisationId: b.organisation.id, role: 'readonly' }],
    });
    const denied = await rejection(
      set(
        'vu',
        '2030-03-04T09:25:00Z',
        testCaller(readonly, [{ organisationId: b.organisation.id, role: 'readonly' }]),
      ),
    );
    expect(denied.code).toBe('forbidden');
    const stranger = await newAgent(db);
    expect((await rejection(set('vu', '2030-03-04T09:25:00Z', testCaller(stranger, [])))).code).toBe(
      'not_found',
    );
  });

  it('refuses to bring an excused appointment back when its time was booked meanwhile', async () => {
    const b = await booked();
    await setParticipationStatus(db, t.platform, {
      participantId: b.participantId,
      status: 'excuse',
      by: b.caller,
      now,
    });
    expect((await rebook(b, 'remplacant')).ok).toBe(true);
    const refused = await rejection(
      setParticipationStatus(db, t.platform, {
        participantId: b.participantId,
        status: 'a_venir',
        by: b.caller,
        now,
      }),
    );
    expect(refused.code).toBe('conflict');
    expect((await statusHistoryOf(db, b.participantId)).at(-1)!.toStatus).toBe('excuse');
  });

  it('moves an appointment: same participant, new time, checked like a booking', async () => {
    const b = await booked();
    const other = await rebook({ ...b }, 'voisin').then(async () =>
      bookAppointment(db, t.platform, {
        appointmentTypeId: b.type.id,
        startsAt: new Date('2030-03-04T10:00:00Z'),
        placeId: b.place.id,
        citizen: { firstName: 'Autre', lastName: 'Voisin', email: 'voisin@exemple.fr' },
        channel: 'public',
        now,
      }),
    );
    expect(other.ok).toBe(true);
    const taken = await moveAppointment(db, t.platform, {
      participantId: b.participantId,
      startsAt: new Date('2030-03-04T10:00:00Z'),
      placeId: b.place.id,
      by: 'usager',
      now,
    });
    expect(taken.ok).toBe(false);
    // Moving by half an hour overlaps its own old time: the appointment being moved is ignored.
    const moved = await moveAppointment(db, t.platform, {
      participantId: b.participantId,
      startsAt: monday1030,
      placeId: b.place.id,
      by: b.caller,
      now,
    });
    expect(moved).toMatchObject({ ok: true, participantId: b.participantId, appointmentId: b.appointmentId });
    expect(await appointmentOf(b.appointmentId)).toMatchObject({
      startsAt: monday1030,
      endsAt: new Date('2030-03-04T10:00:00Z'),
    });
    const changeMessages = await db
      .select()
      .from(outboxMessages)
      .where(and(eq(outboxMessages.subjectId, b.citizenId), eq(outboxMessages.channel, 'email')));
    expect(changeMessages.length).toBe(2); // confirmation, then the change
    await cancelParticipation(db, t.platform, { participantId: b.participantId, by: b.caller, now });
    const cancelled = await rejection(
      moveAppointment(db, t.platform, {
        participantId: b.participantId,
        startsAt: new Date('2030-03-04T11:00:00Z'),
        placeId: b.place.id,
        by: b.caller,
        now,
      }),
    );
    expect(cancelled.message).toMatch(/Seul un rendez-vous à venir/);
  });
});

describe('collective sessions', () => {
  let t: TestContext;
  let db: Db;
  beforeAll(async () => {
    t = await startTestApp();
    db = t.platform.database.db;
  });
  afterAll(() => t.close());

  it('never go past their capacity, one seat per person, a cancelled seat is free again', async () => {
    const setup = await newBookableSetup(db, {
      type: { collective: true, capacity: 3, durationMinutes: 60 },
    });
    const admin = await newAgent(db, {
      memberships: [{ organisationId: setup.organisation.id, role: 'admin' }],
    });
    const caller = testCaller(admin, [{ organisationId: setup.organisation.id, role: 'admin' }]);
    const { appointmentId } = await openCollectiveSession(db, t.platform, {
      appointmentTypeId: setup.type.id,
      agentId: setup.agent.id,
      placeId: setup.place.id,
      startsAt: monday10,
      capacity: 3,
      by: caller,
    });
    const book = (lastName: string) =>
      bookAppointment(db, t.platform, {
        appointmentTypeId: setup.type.id,
        startsAt: monday10,
        placeId: setup.place.id,
        citizen: { firstName: 'Sam', lastName, email: `${lastName}@exemple.fr` },
        channel: 'public',
        now,
      });
    const results = await Promise.all(['a', 'b', 'c', 'd', 'e'].map((name) => book(`seat-${name}`)));
    expect(results.filter((r) => r.ok)).toHaveLength(3);
    for (const r of results.filter((r) => r.ok)) expect(r.ok && r.appointmentId).toBe(appointmentId);
    const [first, second] = results.filter((r) => r.ok);
    if (!first?.ok || !second?.ok) throw new Error('unreachable');
    await cancelParticipation(db, t.platform, { participantId: first.participantId, by: caller, now });
    expect((await appointmentOf(db, appointmentId)).cancelledAt).toBeNull(); // the session stays open
    const [citizen] = await db.select().from(citizens).where(eq(citizens.id, second.citizenId));
    const twice = await rejection(book(citizen!.lastName));
    expect(twice.message).toMatch(/déjà une place/);
    expect((await book('seat-f')).ok).toBe(true);
    expect((await book('seat-g')).ok).toBe(false);
    const overlap = await rejection(
      openCollectiveSession(db, t.platform, {
        appointmentTypeId: setup.type.id,
        agentId: setup.agent.id,
        placeId: setup.place.id,
        startsAt: monday1030,
        by: caller,
      }),
    );
    expect(overlap.code).toBe('conflict');
  });
});

async function appointmentOf(db: Db, id: string) {
  return (await db.select().from(appointments).where(eq(appointments.id, id)))[0]!;
}
