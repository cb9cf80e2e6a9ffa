import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Db } from '../db/client.ts';
import { newAgent, newOrganisation } from '../testing/factories.ts';
import { openTestDatabase } from '../testing/harness.ts';
import { agentsServing, organisationsServing } from './sector.repository.ts';
import { firstAvailableSlot, freeAgentsAt, nextSlots, searchSlots } from './slot-search.service.ts';
import {
  newAbsence,
  newAppointment,
  newAppointmentType,
  newCitizen,
  newCitizenReferent,
  newOpeningSlot,
  newPlace,
  newSectorCommune,
} from './testing.ts';
import type { SlotSearchResult } from './types.ts';

/**
 * The slot search against a real database (PGlite, or PostgreSQL with TEST_DATABASE_URL): the rows
 * the repository reads and the rules of slots/ together. Week of Monday 29 March 2027: Easter Monday
 * (closed), the first week of summer time (UTC+2, so 09:00 local is 07:00Z).
 */
const now = new Date('2027-03-22T08:00:00Z');
const week = { from: '2027-03-29', to: '2027-04-02' };

/** '2027-03-30 09:30' (Paris, summer time) → the instant. */
const paris = (local: string) => new Date(`${local.replace(' ', 'T')}:00+02:00`);

/** The result as 'YYYY-MM-DD HH:MM' local starts per place name, for readable expectations. */
function starts(result: SlotSearchResult): Record<string, string[]> {
  const out: Record<string, string[]> = {};
  for (const { place, days } of result.places) {
    out[place.name] = days.flatMap(({ slots }) =>
      slots.map((s) => {
        const local = new Date(s.startsAt.getTime() + 2 * 3_600_000).toISOString();
        return `${local.slice(0, 10)} ${local.slice(11, 16)}`;
      }),
    );
  }
  return out;
}

describe('slot search on the database', () => {
  let database: Awaited<ReturnType<typeof openTestDatabase>>;
  let db: Db;
  let organisationId: string;
  let agentA: string;
  let agentB: string;
  let toulon: string;
  let seyne: string;
  let typeId: string;

  beforeAll(async () => {
    database = await openTestDatabase();
    db = database.database.db;
    const organisation = await newOrganisation(db);
    organisationId = organisation.id;
    agentA = (await newAgent(db, { memberships: [{ organisationId, role: 'agent' }] })).id;
    agentB = (await newAgent(db, { memberships: [{ organisationId, role: 'agent' }] })).id;
    toulon = (
      await newPlace(db, {
        organisationId,
        name: 'Toulon centre',
        communeCode: '83137',
        latitude: 43.1242,
        longitude: 5.928,
      })
    ).id;
    seyne = (
      await newPlace(db, {
        organisationId,
        name: 'La Seyne',
        communeCode: '83126',
        latitude: 43.1007,
        longitude: 5.8788,
      })
    ).id;
    typeId = (
      await newAppointmentType(db, {
        organisationId,
        durationMinutes: 60,
        minBookingDelayMinutes: 60,
        maxBookingDelayDays: 30,
        bookableBy: 'everyone',
      })
    ).id;
    // Agent A at Toulon on Monday and Tuesday mornings, agent B at La Seyne on Tuesday mornings.
    await newOpeningSlot(db, {
      organisationId,
      agentId: agentA,
      placeId: toulon,
      weekdays: [1, 2],
      startTime: '09:00',
      endTime: '12:00',
      firstDay: '2027-03-01',
      appointmentTypeIds: [typeId],
    });
    await newOpeningSlot(db, {
      organisationId,
      agentId: agentB,
      placeId: seyne,
      weekdays: [2],
      startTime: '09:00',
      endTime: '11:00',
      firstDay: '2027-03-01',
      appointmentTypeIds: [typeId],
    });
  });
  afterAll(() => database.drop());

  it('offers each place by day, closed on Easter Monday, in local summer time', async () => {
    const result = await searchSlots(db, { appointmentTypeId: typeId, audience: 'public', ...week, now });
    expect(result.searched).toEqual(week);
    expect(starts(result)).toEqual({
      'La Seyne': ['2027-03-30 09:00', '2027-03-30 10:00'],
      'Toulon centre': ['2027-03-30 09:00', '2027-03-30 10:00', '2027-03-30 11:00'],
    });
    expect(result.places[1]!.days[0]!.slots[0]!.startsAt.toISOString()).toBe('2027-03-30T07:00:00.000Z');
  });

  it('puts the person’s commune first', async () => {
    const result = await searchSlots(db, {
      appointmentTypeId: typeId,
      audience: 'public',
      ...week,
      now,
      communeCode: '83137',
    });
    // Toulon is not sectorised: the organisation serves nobody there, so nothing is offered…
    expect(result.places).toEqual([]);
    await newSectorCommune(db, { organisationId, communeCode: '83137' });
    const served = await searchSlots(db, {
      appointmentTypeId: typeId,
      audience: 'public',
      ...week,
      now,
      communeCode: '83137',
    });
    // …once it serves Toulon, Toulon's place comes first, then the nearest.
    expect(served.places.map((p) => p.place.name)).toEqual(['Toulon centre', 'La Seyne']);
  });

  it('narrows to the agents a commune is sectorised to', async () => {
    await newSectorCommune(db, { organisationId, communeCode: '83126', agentId: agentB });
    expect(await organisationsServing(db, '83126')).toEqual([organisationId]);
    expect(await agentsServing(db, organisationId, '83126')).toEqual([agentB]);
    const result = await searchSlots(db, {
      appointmentTypeId: typeId,
      audience: 'public',
      ...week,
      now,
      communeCode: '83126',
    });
    expect(Object.keys(starts(result))).toEqual(['La Seyne']);
  });

  it('takes out the agent’s appointments of any type and place, and absences', async () => {
    const otherType = await newAppointmentType(db, { organisationId });
    const { appointment } = await newAppointment(db, {
      organisationId,
      appointmentTypeId: otherType.id,
      agentId: agentA,
      placeId: seyne,
      startsAt: paris('2027-03-30 10:30'),
    });
    const absence = await newAbsence(db, {
      organisationId,
      agentId: agentB,
      firstDay: '2027-03-30',
      lastDay: '2027-03-30',
      startTime: '10:00',
      endTime: '11:00',
    });
    const result = await searchSlots(db, { appointmentTypeId: typeId, audience: 'public', ...week, now });
    expect(starts(result)).toEqual({
      'La Seyne': ['2027-03-30 09:00'],
      'Toulon centre': ['2027-03-30 09:00', '2027-03-30 11:00'],
    });

    const at = { appointmentTypeId: typeId, audience: 'public' as const, placeId: toulon, now };
    expect(await freeAgentsAt(db, { ...at, startsAt: paris('2027-03-30 09:00') })).toEqual([agentA]);
    expect(await freeAgentsAt(db, { ...at, startsAt: paris('2027-03-30 10:00') })).toEqual([]);
    // Off the grid (slots step by the hour from 09:00): nobody.
    expect(await freeAgentsAt(db, { ...at, startsAt: paris('2027-03-30 09:30') })).toEqual([]);
    // Moving the appointment that takes 10:30: it no longer blocks 10:00.
    expect(
      await freeAgentsAt(db, {
        ...at,
        startsAt: paris('2027-03-30 10:00'),
        ignoreAppointmentId: appointment.id,
      }),
    ).toEqual([agentA]);

    const { eq } = await import('drizzle-orm');
    const { absences, appointments } = await import('./tables.ts');
    await db.update(appointments).set({ cancelledAt: now }).where(eq(appointments.id, appointment.id));
    await db.delete(absences).where(eq(absences.id, absence.id));
    expect(await freeAgentsAt(db, { ...at, startsAt: paris('2027-03-30 10:00') })).toEqual([agentA]);
  });

  it('applies the audience and the delays', async () => {
    const agentsOnly = await newAppointmentType(db, { organisationId, bookableBy: 'agents' });
    const invited = await newAppointmentType(db, { organisationId, bookableBy: 'invited' });
    for (const t of [agentsOnly, invited]) {
      await newOpeningSlot(db, {
        organisationId,
        agentId: agentA,
        placeId: toulon,
        weekdays: [4],
        firstDay: '2027-03-01',
        appointmentTypeIds: [t.id],
      });
    }
    const search = (appointmentTypeId: string, audience: 'public' | 'invited' | 'agent') =>
      searchSlots(db, { appointmentTypeId, audience, ...week, now }).then((r) => r.places.length);
    expect(await search(agentsOnly.id, 'public')).toBe(0);
    expect(await search(agentsOnly.id, 'invited')).toBe(0);
    expect(await search(agentsOnly.id, 'agent')).toBe(1);
    expect(await search(invited.id, 'public')).toBe(0);
    expect(await search(invited.id, 'invited')).toBe(1);

    // Monday 22 March, still winter time: now is 09:00 local (08:00Z). The 60-minute delay leaves
    // 10:00 and 11:00 local to people; agents may still take 09:00, starting now.
    const today = { from: '2027-03-22', to: '2027-03-22' };
    const forPeople = await searchSlots(db, { appointmentTypeId: typeId, audience: 'public', ...today, now });
    const forAgents = await searchSlots(db, { appointmentTypeId: typeId, audience: 'agent', ...today, now });
    const local = (r: SlotSearchResult) =>
      r.places.flatMap((p) => p.days.flatMap((d) => d.slots.map((s) => s.startsAt.toISOString())));
    expect(local(forPeople)).toEqual(['2027-03-22T09:00:00.000Z', '2027-03-22T10:00:00.000Z']);
    expect(local(forAgents)).toEqual([
      '2027-03-22T08:00:00.000Z',
      '2027-03-22T09:00:00.000Z',
      '2027-03-22T10:00:00.000Z',
    ]);

    // Beyond the 30-day maximum: nothing searched.
    const far = await searchSlots(db, {
      appointmentTypeId: typeId,
      audience: 'public',
      from: '2027-05-01',
      to: '2027-05-07',
      now,
    });
    expect(far).toEqual({ places: [], searched: null });
  });

  it('finds the first available slot and the next ones', async () => {
    const query = { appointmentTypeId: typeId, audience: 'public' as const, now };
    const first = await firstAvailableSlot(db, query);
    // 10:00 local on Monday 22 (winter time), the first start after now + 60 minutes.
    expect(first?.slot.startsAt.toISOString()).toBe('2027-03-22T09:00:00.000Z');
    expect(first?.place.name).toBe('Toulon centre');
    const next = await nextSlots(db, query, first!.slot.startsAt, 4);
    // Same start at two places: by name when no commune is given.
    expect(next.map((n) => [n.slot.startsAt.toISOString(), n.place.name])).toEqual([
      ['2027-03-22T10:00:00.000Z', 'Toulon centre'],
      ['2027-03-23T08:00:00.000Z', 'La Seyne'],
      ['2027-03-23T08:00:00.000Z', 'Toulon centre'],
      ['2027-03-23T09:00:00.000Z', 'La Seyne'],
    ]);
  });

  it('offers follow-up types with the person’s référents only', async () => {
    const followUp = await newAppointmentType(db, { organisationId, followUpOnly: true });
    for (const agentId of [agentA, agentB]) {
      await newOpeningSlot(db, {
        organisationId,
        agentId,
        placeId: toulon,
        weekdays: [3],
        firstDay: '2027-03-01',
        appointmentTypeIds: [followUp.id],
      });
    }
    const citizen = await newCitizen(db, { organisationId });
    await newCitizenReferent(db, citizen.id, agentB);
    const query = { appointmentTypeId: followUp.id, audience: 'public' as const, ...week, now };
    expect((await searchSlots(db, query)).places).toEqual([]);
    const mine = await searchSlots(db, { ...query, citizenId: citizen.id });
    const agentIds = new Set(
      mine.places.flatMap((p) => p.days.flatMap((d) => d.slots.flatMap((s) => s.agentIds))),
    );
    expect([...agentIds]).toEqual([agentB]);
  });

  it('offers collective sessions with seats left', async () => {
    const collective = await newAppointmentType(db, { organisationId, collective: true, capacity: 3 });
    const session = await newAppointment(db, {
      organisationId,
      appointmentTypeId: collective.id,
      agentId: agentB,
      placeId: toulon,
      startsAt: paris('2027-03-31 14:00'),
      capacity: 3,
    });
    const full = await newAppointment(db, {
      organisationId,
      appointmentTypeId: collective.id,
      agentId: agentB,
      placeId: toulon,
      startsAt: paris('2027-04-01 14:00'),
      capacity: 2,
    });
    const { appointmentParticipants } = await import('./tables.ts');
    for (const [appointmentId, status] of [
      [session.appointment.id, 'a_venir'],
      [session.appointment.id, 'annule'],
      [full.appointment.id, 'a_venir'],
      [full.appointment.id, 'vu'],
    ] as const) {
      const citizen = await newCitizen(db, { organisationId });
      await db
        .insert(appointmentParticipants)
        .values({ appointmentId, citizenId: citizen.id, bookedVia: 'agent', status });
    }
    const result = await searchSlots(db, {
      appointmentTypeId: collective.id,
      audience: 'public',
      ...week,
      now,
    });
    const slots = result.places.flatMap((p) => p.days.flatMap((d) => d.slots));
    expect(slots).toEqual([
      expect.objectContaining({ appointmentId: session.appointment.id, seatsLeft: 2, agentIds: [agentB] }),
    ]);
    expect(
      await freeAgentsAt(db, {
        appointmentTypeId: collective.id,
        audience: 'public',
        placeId: toulon,
        startsAt: paris('2027-03-31 14:00'),
        now,
      }),
    ).toEqual([agentB]);
  });

  it('offers nothing for an archived type or at an archived place', async () => {
    const { eq } = await import('drizzle-orm');
    const { appointmentTypes, places } = await import('./tables.ts');
    const archivedType = await newAppointmentType(db, { organisationId, archivedAt: now });
    await newOpeningSlot(db, {
      organisationId,
      agentId: agentA,
      placeId: toulon,
      weekdays: [5],
      firstDay: '2027-03-01',
      appointmentTypeIds: [archivedType.id],
    });
    expect(
      await searchSlots(db, { appointmentTypeId: archivedType.id, audience: 'agent', ...week, now }),
    ).toEqual({
      places: [],
      searched: null,
    });
    await db
      .update(appointmentTypes)
      .set({ archivedAt: null })
      .where(eq(appointmentTypes.id, archivedType.id));
    expect(
      (await searchSlots(db, { appointmentTypeId: archivedType.id, audience: 'agent', ...week, now })).places,
    ).toHaveLength(1);
    await db.update(places).set({ archivedAt: now }).where(eq(places.id, toulon));
    expect(
      (await searchSlots(db, { appointmentTypeId: archivedType.id, audience: 'agent', ...week, now })).places,
    ).toEqual([]);
    await db.update(places).set({ archivedAt: null }).where(eq(places.id, toulon));
  });
});
