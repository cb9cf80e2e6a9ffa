import { randomBytes } from 'node:crypto';
import type { MembershipRole } from '../auth/actor.ts';
import type { Db } from '../db/client.ts';
import type { Caller } from '../tenancy/caller.ts';
import { newAgent, newOrganisation } from '../testing/factories.ts';
import {
  absences,
  appointmentParticipants,
  appointments,
  appointmentTypes,
  citizenReferents,
  citizens,
  openingSlots,
  openingSlotTypes,
  places,
  sectorCommunes,
  webhookEndpoints,
} from './tables.ts';

/**
 * Small factories for the booking engine's tests: each inserts one valid row with unique values,
 * every column overridable. They write rows directly (no rules applied), so a test sets up exactly
 * the situation it means to check. Shared by every area of scheduling.
 */
const unique = () => randomBytes(4).toString('hex');

export async function newPlace(db: Db, values: Partial<typeof places.$inferInsert> = {}) {
  const id = unique();
  const organisationId = values.organisationId ?? (await newOrganisation(db)).id;
  const [row] = await db
    .insert(places)
    .values({
      name: `Lieu ${id}`,
      address: `${Number.parseInt(id.slice(0, 2), 16)} rue de la République, 83500 La Seyne-sur-Mer`,
      communeCode: '83126',
      ...values,
      organisationId,
    })
    .returning();
  return row!;
}

export async function newAppointmentType(db: Db, values: Partial<typeof appointmentTypes.$inferInsert> = {}) {
  const organisationId = values.organisationId ?? (await newOrganisation(db)).id;
  const [row] = await db
    .insert(appointmentTypes)
    .values({
      name: `Motif ${unique()}`,
      durationMinutes: 30,
      minBookingDelayMinutes: 0,
      maxBookingDelayDays: 90,
      bookableBy: 'everyone',
      ...(values.collective && values.capacity === undefined ? { capacity: 5 } : {}),
      ...values,
      organisationId,
    })
    .returning();
  return row!;
}

/**
 * An opening slot (Monday to Friday, 09:00–12:00 from 2020 on by default) offering the given types.
 * Pass `agentId` and `placeId`, or let it create an agent (member of the organisation) and a place.
 */
export async function newOpeningSlot(
  db: Db,
  values: Partial<typeof openingSlots.$inferInsert> & { appointmentTypeIds?: string[] } = {},
) {
  const { appointmentTypeIds = [], ...slotValues } = values;
  const organisationId = slotValues.organisationId ?? (await newOrganisation(db)).id;
  const agentId =
    slotValues.agentId ?? (await newAgent(db, { memberships: [{ organisationId, role: 'agent' }] })).id;
  const placeId = slotValues.placeId ?? (await newPlace(db, { organisationId })).id;
  const [row] = await db
    .insert(openingSlots)
    .values({
      weekdays: [1, 2, 3, 4, 5],
      startTime: '09:00',
      endTime: '12:00',
      firstDay: '2020-01-01',
      ...slotValues,
      organisationId,
      agentId,
      placeId,
    })
    .returning();
  for (const appointmentTypeId of appointmentTypeIds) {
    await db.insert(openingSlotTypes).values({ openingSlotId: row!.id, appointmentTypeId });
  }
  return row!;
}

export async function newAbsence(
  db: Db,
  values: Partial<typeof absences.$inferInsert> & { agentId: string; organisationId: string },
) {
  const [row] = await db
    .insert(absences)
    .values({ title: 'Absence', firstDay: '2020-01-01', lastDay: '2020-01-02', ...values })
    .returning();
  return row!;
}

export async function newSectorCommune(
  db: Db,
  values: Partial<typeof sectorCommunes.$inferInsert> & { organisationId: string },
) {
  const [row] = await db
    .insert(sectorCommunes)
    .values({ communeCode: '83126', ...values })
    .returning();
  return row!;
}

export async function newCitizen(db: Db, values: Partial<typeof citizens.$inferInsert> = {}) {
  const id = unique();
  const organisationId = values.organisationId ?? (await newOrganisation(db)).id;
  const [row] = await db
    .insert(citizens)
    .values({
      firstName: 'Dominique',
      lastName: `Usager ${id}`,
      email: `usager-${id}@exemple.fr`,
      phone: '+33612345678',
      ...values,
      organisationId,
    })
    .returning();
  return row!;
}

export async function newCitizenReferent(db: Db, citizenId: string, agentId: string) {
  await db.insert(citizenReferents).values({ citizenId, agentId });
}

/**
 * An appointment inserted as is (the exclusion constraint still applies), with one participant when
 * `citizenId` is given. Needs organisationId, appointmentTypeId, agentId and startsAt; the end
 * defaults to 30 minutes later and blockedUntil to the end.
 */
export async function newAppointment(
  db: Db,
  values: Partial<typeof appointments.$inferInsert> & {
    organisationId: string;
    appointmentTypeId: string;
    agentId: string;
    startsAt: Date;
    citizenId?: string;
    status?: (typeof appointmentParticipants.$inferInsert)['status'];
  },
) {
  const { citizenId, status, ...appointmentValues } = values;
  const endsAt = appointmentValues.endsAt ?? new Date(appointmentValues.startsAt.getTime() + 30 * 60_000);
  const [appointment] = await db
    .insert(appointments)
    .values({ ...appointmentValues, endsAt, blockedUntil: appointmentValues.blockedUntil ?? endsAt })
    .returning();
  let participant: typeof appointmentParticipants.$inferSelect | undefined;
  if (citizenId) {
    [participant] = await db
      .insert(appointmentParticipants)
      .values({ appointmentId: appointment!.id, citizenId, bookedVia: 'agent', status: status ?? 'a_venir' })
      .returning();
  }
  return { appointment: appointment!, participant };
}

export async function newWebhookEndpoint(
  db: Db,
  values: Partial<typeof webhookEndpoints.$inferInsert> & { organisationId: string; url: string },
) {
  const [row] = await db
    .insert(webhookEndpoints)
    .values({ secret: randomBytes(24).toString('hex'), ...values })
    .returning();
  return row!;
}

/**
 * Everything a booking test needs in one call: an organisation, a place, an agent, an appointment
 * type bookable by everyone and an opening slot every day 08:00–18:00 (local) offering it.
 */
export async function newBookableSetup(
  db: Db,
  options: { type?: Partial<typeof appointmentTypes.$inferInsert>; agents?: number } = {},
) {
  const organisation = await newOrganisation(db);
  const place = await newPlace(db, { organisationId: organisation.id });
  const type = await newAppointmentType(db, { organisationId: organisation.id, ...options.type });
  const agentRows = [];
  for (let i = 0; i < (options.agents ?? 1); i++) {
    const agent = await newAgent(db, { memberships: [{ organisationId: organisation.id, role: 'agent' }] });
    await newOpeningSlot(db, {
      organisationId: organisation.id,
      agentId: agent.id,
      placeId: place.id,
      weekdays: [1, 2, 3, 4, 5, 6, 7],
      startTime: '08:00',
      endTime: '18:00',
      openOnHolidays: true,
      appointmentTypeIds: [type.id],
    });
    agentRows.push(agent);
  }
  return { organisation, place, type, agents: agentRows, agent: agentRows[0]! };
}

/**
 * A Caller as routes build it, for calling services directly: the agent with the given roles
 * (organisation names and territories are not needed by the scheduling policy).
 */
export function testCaller(
  agent: { id: string; email: string; firstName: string; lastName: string; isOperator?: boolean },
  roles: { organisationId: string; role: MembershipRole }[],
): Caller {
  return {
    actor: {
      agentId: agent.id,
      email: agent.email,
      firstName: agent.firstName,
      lastName: agent.lastName,
      isOperator: agent.isOperator ?? false,
      memberships: roles.map(({ organisationId, role }) => ({
        organisationId,
        organisationSlug: organisationId,
        organisationName: organisationId,
        organisationKind: 'service',
        territoryId: null,
        territoryName: null,
        territorySlug: null,
        territoryLogoVersion: null,
        role,
      })),
    },
    audit: {
      actorType: 'agent',
      actorId: agent.id,
      actorLabel: agent.email,
      ip: '127.0.0.1',
      requestId: 'test',
    },
  };
}
