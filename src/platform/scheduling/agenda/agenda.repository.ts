import { aliasedTable, and, asc, desc, eq, gte, inArray, isNull, lt, ne, or, sql } from 'drizzle-orm';
import type { Db } from '../../db/client.ts';
import { agents } from '../../tenancy/tables.ts';
import {
  absences,
  appointmentParticipants,
  appointments,
  appointmentTypes,
  citizens,
  openingSlots,
  participationStatusChanges,
  places,
} from '../tables.ts';
import type { LocationKind, ParticipationStatus } from '../types.ts';

/**
 * What the agenda reads: appointments of a week or a day, one participation with its history, a
 * person's appointments, and the rules (opening slots, absences) the week view expands. SQL only;
 * every function that returns personal data takes the organisation it is scoped to.
 */

/** One person's seat in an appointment as lists show it; a session nobody joined yet has no participant. */
export type AgendaEntry = {
  appointmentId: string;
  organisationId: string;
  startsAt: Date;
  endsAt: Date;
  cancelledAt: Date | null;
  capacity: number;
  appointmentTypeId: string;
  typeName: string;
  collective: boolean;
  location: LocationKind;
  agentId: string;
  agentFirstName: string;
  agentLastName: string;
  placeId: string | null;
  placeName: string | null;
  participantId: string | null;
  status: ParticipationStatus | null;
  citizenId: string | null;
  citizenFirstName: string | null;
  citizenLastName: string | null;
  citizenPhone: string | null;
};

const entryColumns = {
  appointmentId: appointments.id,
  organisationId: appointments.organisationId,
  startsAt: appointments.startsAt,
  endsAt: appointments.endsAt,
  cancelledAt: appointments.cancelledAt,
  capacity: appointments.capacity,
  appointmentTypeId: appointments.appointmentTypeId,
  typeName: appointmentTypes.name,
  collective: appointmentTypes.collective,
  location: appointmentTypes.location,
  agentId: appointments.agentId,
  agentFirstName: agents.firstName,
  agentLastName: agents.lastName,
  placeId: appointments.placeId,
  placeName: places.name,
  participantId: appointmentParticipants.id,
  status: appointmentParticipants.status,
  citizenId: citizens.id,
  citizenFirstName: citizens.firstName,
  citizenLastName: citizens.lastName,
  citizenPhone: citizens.phone,
};

function entriesQuery(db: Db) {
  return db
    .select(entryColumns)
    .from(appointments)
    .innerJoin(appointmentTypes, eq(appointmentTypes.id, appointments.appointmentTypeId))
    .innerJoin(agents, eq(agents.id, appointments.agentId))
    .leftJoin(places, eq(places.id, appointments.placeId))
    .leftJoin(appointmentParticipants, eq(appointmentParticipants.appointmentId, appointments.id))
    .leftJoin(citizens, eq(citizens.id, appointmentParticipants.citizenId));
}

/**
 * An organisation's appointments starting in [from, to), optionally one agent's or one place's, in
 * time order, one row per participant (cancelled ones included: the agenda shows them struck out).
 */
export async function listAgendaEntries(
  db: Db,
  filter: { organisationId: string; agentId?: string; placeId?: string; from: Date; to: Date },
): Promise<AgendaEntry[]> {
  return entriesQuery(db)
    .where(
      and(
        eq(appointments.organisationId, filter.organisationId),
        gte(appointments.startsAt, filter.from),
        lt(appointments.startsAt, filter.to),
        filter.agentId ? eq(appointments.agentId, filter.agentId) : undefined,
        filter.placeId ? eq(appointments.placeId, filter.placeId) : undefined,
      ),
    )
    .orderBy(asc(appointments.startsAt), asc(citizens.lastName), asc(citizens.firstName));
}

/** A person's appointments in their organisation, newest first. */
export async function listCitizenEntries(
  db: Db,
  organisationId: string,
  citizenId: string,
): Promise<AgendaEntry[]> {
  return entriesQuery(db)
    .where(
      and(eq(appointments.organisationId, organisationId), eq(appointmentParticipants.citizenId, citizenId)),
    )
    .orderBy(desc(appointments.startsAt));
}

/** The other people in the same appointment (collective sessions). */
export async function listAppointmentEntries(
  db: Db,
  organisationId: string,
  appointmentId: string,
): Promise<AgendaEntry[]> {
  return entriesQuery(db)
    .where(and(eq(appointments.organisationId, organisationId), eq(appointments.id, appointmentId)))
    .orderBy(asc(citizens.lastName), asc(citizens.firstName));
}

export type ParticipationView = AgendaEntry & {
  participantId: string;
  status: ParticipationStatus;
  citizenId: string;
  citizenFirstName: string;
  citizenLastName: string;
  citizenEmail: string | null;
  citizenBirthDate: string | null;
  citizenAddress: string | null;
  citizenCommuneCode: string | null;
  bookedVia: 'agent' | 'public' | 'invitation' | 'api';
  bookedAt: Date;
  placeAddress: string | null;
  typeInstructions: string | null;
  durationMinutes: number;
};

/** One participation with what its page shows; the caller checks the organisation. */
export async function findParticipation(
  db: Db,
  participantId: string,
): Promise<ParticipationView | undefined> {
  const [row] = await db
    .select({
      ...entryColumns,
      citizenEmail: citizens.email,
      citizenBirthDate: citizens.birthDate,
      citizenAddress: citizens.address,
      citizenCommuneCode: citizens.communeCode,
      bookedVia: appointmentParticipants.bookedVia,
      bookedAt: appointmentParticipants.createdAt,
      placeAddress: places.address,
      typeInstructions: appointmentTypes.instructions,
      durationMinutes: appointmentTypes.durationMinutes,
    })
    .from(appointmentParticipants)
    .innerJoin(appointments, eq(appointments.id, appointmentParticipants.appointmentId))
    .innerJoin(appointmentTypes, eq(appointmentTypes.id, appointments.appointmentTypeId))
    .innerJoin(agents, eq(agents.id, appointments.agentId))
    .innerJoin(citizens, eq(citizens.id, appointmentParticipants.citizenId))
    .leftJoin(places, eq(places.id, appointments.placeId))
    .where(eq(appointmentParticipants.id, participantId))
    .limit(1);
  return row as ParticipationView | undefined;
}

export type StatusChange = {
  fromStatus: ParticipationStatus | null;
  toStatus: ParticipationStatus;
  changedBy: string;
  changedAt: Date;
  agentFirstName: string | null;
  agentLastName: string | null;
};

/** Every status a participation went through, oldest first, with the agent who changed it. */
export async function listStatusChanges(db: Db, participantId: string): Promise<StatusChange[]> {
  return db
    .select({
      fromStatus: participationStatusChanges.fromStatus,
      toStatus: participationStatusChanges.toStatus,
      changedBy: participationStatusChanges.changedBy,
      changedAt: participationStatusChanges.changedAt,
      agentFirstName: agents.firstName,
      agentLastName: agents.lastName,
    })
    .from(participationStatusChanges)
    .leftJoin(agents, eq(agents.id, participationStatusChanges.changedByAgentId))
    .where(eq(participationStatusChanges.participantId, participantId))
    .orderBy(
      asc(participationStatusChanges.changedAt),
      // Written in the same transaction (same time): the booking's first status comes first.
      sql`${participationStatusChanges.fromStatus} is not null`,
    );
}

export type CitizenRecord = typeof citizens.$inferSelect;

/** A person of the organisation (undefined for another organisation's). */
export async function findCitizenIn(
  db: Db,
  organisationId: string,
  citizenId: string,
): Promise<CitizenRecord | undefined> {
  const [row] = await db
    .select()
    .from(citizens)
    .where(and(eq(citizens.id, citizenId), eq(citizens.organisationId, organisationId)))
    .limit(1);
  return row;
}

/** Which organisation a person belongs to (to tell "another organisation's" from "unknown"). */
export async function citizenOrganisation(db: Db, citizenId: string): Promise<string | undefined> {
  const [row] = await db
    .select({ organisationId: citizens.organisationId })
    .from(citizens)
    .where(eq(citizens.id, citizenId))
    .limit(1);
  return row?.organisationId;
}

export type PlaceChoice = { id: string; name: string; address: string; communeCode: string };

export async function listActivePlaces(db: Db, organisationId: string): Promise<PlaceChoice[]> {
  return db
    .select({ id: places.id, name: places.name, address: places.address, communeCode: places.communeCode })
    .from(places)
    .where(and(eq(places.organisationId, organisationId), isNull(places.archivedAt)))
    .orderBy(asc(places.name));
}

export type TypeChoice = {
  id: string;
  name: string;
  durationMinutes: number;
  collective: boolean;
  capacity: number | null;
  location: LocationKind;
};

export async function listActiveTypes(db: Db, organisationId: string): Promise<TypeChoice[]> {
  return db
    .select({
      id: appointmentTypes.id,
      name: appointmentTypes.name,
      durationMinutes: appointmentTypes.durationMinutes,
      collective: appointmentTypes.collective,
      capacity: appointmentTypes.capacity,
      location: appointmentTypes.location,
    })
    .from(appointmentTypes)
    .where(and(eq(appointmentTypes.organisationId, organisationId), isNull(appointmentTypes.archivedAt)))
    .orderBy(asc(appointmentTypes.name));
}

/** An opening slot's rule as the table holds it (the week grid expands it with the slot search's rules). */
export type OpeningSlotRow = Pick<
  typeof openingSlots.$inferSelect,
  | 'id'
  | 'agentId'
  | 'placeId'
  | 'title'
  | 'weekdays'
  | 'startTime'
  | 'endTime'
  | 'firstDay'
  | 'lastDay'
  | 'everyWeeks'
  | 'openOnHolidays'
>;

/** The opening slots of an organisation (one agent's or one place's) that may occur between two local days. */
export async function listOpeningSlotRules(
  db: Db,
  filter: { organisationId: string; agentId?: string; placeId?: string; from: string; to: string },
): Promise<OpeningSlotRow[]> {
  return db
    .select({
      id: openingSlots.id,
      agentId: openingSlots.agentId,
      placeId: openingSlots.placeId,
      title: openingSlots.title,
      weekdays: openingSlots.weekdays,
      startTime: openingSlots.startTime,
      endTime: openingSlots.endTime,
      firstDay: openingSlots.firstDay,
      lastDay: openingSlots.lastDay,
      everyWeeks: openingSlots.everyWeeks,
      openOnHolidays: openingSlots.openOnHolidays,
    })
    .from(openingSlots)
    .where(
      and(
        eq(openingSlots.organisationId, filter.organisationId),
        filter.agentId ? eq(openingSlots.agentId, filter.agentId) : undefined,
        filter.placeId ? eq(openingSlots.placeId, filter.placeId) : undefined,
        sql`${openingSlots.firstDay} <= ${filter.to}`,
        or(isNull(openingSlots.lastDay), sql`${openingSlots.lastDay} >= ${filter.from}`),
      ),
    );
}

export type AbsenceRow = Pick<
  typeof absences.$inferSelect,
  'id' | 'agentId' | 'title' | 'firstDay' | 'lastDay' | 'startTime' | 'endTime' | 'weekdays' | 'everyWeeks'
>;

/** The absences of some agents that may fall between two local days. */
export async function listAbsenceRules(
  db: Db,
  filter: { agentIds: string[]; from: string; to: string },
): Promise<AbsenceRow[]> {
  if (filter.agentIds.length === 0) return [];
  return db
    .select({
      id: absences.id,
      agentId: absences.agentId,
      title: absences.title,
      firstDay: absences.firstDay,
      lastDay: absences.lastDay,
      startTime: absences.startTime,
      endTime: absences.endTime,
      weekdays: absences.weekdays,
      everyWeeks: absences.everyWeeks,
    })
    .from(absences)
    .where(
      and(
        inArray(absences.agentId, filter.agentIds),
        sql`${absences.firstDay} <= ${filter.to}`,
        or(isNull(absences.lastDay), sql`${absences.lastDay} >= ${filter.from}`),
      ),
    );
}

export type CollectiveSession = {
  appointmentId: string;
  startsAt: Date;
  endsAt: Date;
  capacity: number;
  taken: number;
  agentFirstName: string;
  agentLastName: string;
  placeName: string | null;
};

/** Sessions of a collective type starting in [from, to), not cancelled, with their seats taken. */
export async function listCollectiveSessions(
  db: Db,
  filter: { organisationId: string; appointmentTypeId: string; from: Date; to: Date },
): Promise<CollectiveSession[]> {
  const seats = aliasedTable(appointmentParticipants, 'seats');
  return db
    .select({
      appointmentId: appointments.id,
      startsAt: appointments.startsAt,
      endsAt: appointments.endsAt,
      capacity: appointments.capacity,
      taken: sql<number>`count(${seats.id})::int`,
      agentFirstName: agents.firstName,
      agentLastName: agents.lastName,
      placeName: places.name,
    })
    .from(appointments)
    .innerJoin(agents, eq(agents.id, appointments.agentId))
    .leftJoin(places, eq(places.id, appointments.placeId))
    .leftJoin(seats, and(eq(seats.appointmentId, appointments.id), ne(seats.status, 'annule')))
    .where(
      and(
        eq(appointments.organisationId, filter.organisationId),
        eq(appointments.appointmentTypeId, filter.appointmentTypeId),
        isNull(appointments.cancelledAt),
        gte(appointments.startsAt, filter.from),
        lt(appointments.startsAt, filter.to),
      ),
    )
    .groupBy(appointments.id, agents.firstName, agents.lastName, places.name)
    .orderBy(asc(appointments.startsAt));
}
