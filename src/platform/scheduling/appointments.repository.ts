import { and, asc, eq, gte, inArray, isNull, lt, sql } from 'drizzle-orm';
import type { Db } from '../db/client.ts';
import { agents, organisations, territories } from '../tenancy/tables.ts';
import {
  appointmentParticipants,
  appointments,
  appointmentTypes,
  citizens,
  participationStatusChanges,
  places,
} from './tables.ts';
import type { LocationKind, ParticipationStatus } from './types.ts';

/**
 * Reads of appointments for pages, notifications, webhooks and the API. Callers check permissions
 * and scope (organisationIds); these functions hold no rules.
 */

export type ParticipationDetails = {
  participant: {
    id: string;
    status: ParticipationStatus;
    bookedVia: 'agent' | 'public' | 'invitation' | 'api';
    statusChangedAt: Date;
    createdAt: Date;
  };
  appointment: {
    id: string;
    startsAt: Date;
    endsAt: Date;
    blockedUntil: Date;
    capacity: number;
    cancelledAt: Date | null;
    createdAt: Date;
    notes: string | null;
  };
  type: {
    id: string;
    name: string;
    category: string | null;
    durationMinutes: number;
    location: LocationKind;
    collective: boolean;
    instructions: string | null;
    changeLimitHours: number;
    bookableBy: 'agents' | 'invited' | 'everyone';
  };
  place: {
    id: string;
    name: string;
    address: string;
    communeCode: string;
    phone: string | null;
    accessibilityNotes: string | null;
  } | null;
  agent: { id: string; firstName: string; lastName: string; email: string };
  citizen: {
    id: string;
    firstName: string;
    lastName: string;
    email: string | null;
    phone: string | null;
    birthDate: string | null;
    communeCode: string | null;
    externalRef: string | null;
  };
  organisation: { id: string; name: string; slug: string };
  territory: { id: string; name: string; slug: string } | null;
};

const detailColumns = {
  participant: {
    id: appointmentParticipants.id,
    status: appointmentParticipants.status,
    bookedVia: appointmentParticipants.bookedVia,
    statusChangedAt: appointmentParticipants.statusChangedAt,
    createdAt: appointmentParticipants.createdAt,
  },
  appointment: {
    id: appointments.id,
    startsAt: appointments.startsAt,
    endsAt: appointments.endsAt,
    blockedUntil: appointments.blockedUntil,
    capacity: appointments.capacity,
    cancelledAt: appointments.cancelledAt,
    createdAt: appointments.createdAt,
    notes: appointments.notes,
  },
  type: {
    id: appointmentTypes.id,
    name: appointmentTypes.name,
    category: appointmentTypes.category,
    durationMinutes: appointmentTypes.durationMinutes,
    location: appointmentTypes.location,
    collective: appointmentTypes.collective,
    instructions: appointmentTypes.instructions,
    changeLimitHours: appointmentTypes.changeLimitHours,
    bookableBy: appointmentTypes.bookableBy,
  },
  placeId: places.id,
  placeName: places.name,
  placeAddress: places.address,
  placeCommuneCode: places.communeCode,
  placePhone: places.phone,
  placeAccessibilityNotes: places.accessibilityNotes,
  agent: { id: agents.id, firstName: agents.firstName, lastName: agents.lastName, email: agents.email },
  citizen: {
    id: citizens.id,
    firstName: citizens.firstName,
    lastName: citizens.lastName,
    email: citizens.email,
    phone: citizens.phone,
    birthDate: citizens.birthDate,
    communeCode: citizens.communeCode,
    externalRef: citizens.externalRef,
  },
  organisation: { id: organisations.id, name: organisations.name, slug: organisations.slug },
  territoryId: territories.id,
  territoryName: territories.name,
  territorySlug: territories.slug,
};

function detailsQuery(db: Db) {
  return db
    .select(detailColumns)
    .from(appointmentParticipants)
    .innerJoin(appointments, eq(appointments.id, appointmentParticipants.appointmentId))
    .innerJoin(appointmentTypes, eq(appointmentTypes.id, appointments.appointmentTypeId))
    .leftJoin(places, eq(places.id, appointments.placeId))
    .innerJoin(agents, eq(agents.id, appointments.agentId))
    .innerJoin(citizens, eq(citizens.id, appointmentParticipants.citizenId))
    .innerJoin(organisations, eq(organisations.id, appointments.organisationId))
    .leftJoin(territories, eq(territories.id, organisations.territoryId));
}

type DetailRow = Awaited<ReturnType<ReturnType<typeof detailsQuery>['execute']>>[number];

function toDetails(row: DetailRow): ParticipationDetails {
  return {
    participant: row.participant,
    appointment: row.appointment,
    type: row.type,
    place: row.placeId
      ? {
          id: row.placeId,
          name: row.placeName!,
          address: row.placeAddress!,
          communeCode: row.placeCommuneCode!,
          phone: row.placePhone,
          accessibilityNotes: row.placeAccessibilityNotes,
        }
      : null,
    agent: row.agent,
    citizen: row.citizen,
    organisation: row.organisation,
    territory: row.territoryId
      ? { id: row.territoryId, name: row.territoryName!, slug: row.territorySlug! }
      : null,
  };
}

/** Everything a page, a notification or a webhook needs about one person's appointment. */
export async function findParticipationDetails(
  db: Db,
  participantId: string,
): Promise<ParticipationDetails | null> {
  const [row] = await detailsQuery(db).where(eq(appointmentParticipants.id, participantId));
  return row ? toDetails(row) : null;
}

/** The participations of an appointment (one for an individual one, the seats of a session). */
export async function listParticipationsOf(db: Db, appointmentId: string): Promise<ParticipationDetails[]> {
  const rows = await detailsQuery(db)
    .where(eq(appointmentParticipants.appointmentId, appointmentId))
    .orderBy(asc(appointmentParticipants.createdAt));
  return rows.map(toDetails);
}

export type AppointmentListItem = {
  id: string;
  organisationId: string;
  appointmentTypeId: string;
  typeName: string;
  collective: boolean;
  agentId: string;
  agentName: string;
  placeId: string | null;
  placeName: string | null;
  startsAt: Date;
  endsAt: Date;
  blockedUntil: Date;
  capacity: number;
  cancelledAt: Date | null;
  participants: {
    id: string;
    citizenId: string;
    firstName: string;
    lastName: string;
    status: ParticipationStatus;
  }[];
};

/**
 * Appointments starting in [from, to) in the given organisations, with their participants, in start
 * order. Cancelled ones are included (pages show or hide them). Uses appointments_organisation_starts_idx.
 */
export async function listAppointments(
  db: Db,
  query: { organisationIds: string[]; agentId?: string; placeId?: string; from: Date; to: Date },
): Promise<AppointmentListItem[]> {
  if (!query.organisationIds.length) return [];
  const rows = await db
    .select({
      id: appointments.id,
      organisationId: appointments.organisationId,
      appointmentTypeId: appointments.appointmentTypeId,
      typeName: appointmentTypes.name,
      collective: appointmentTypes.collective,
      agentId: appointments.agentId,
      agentName: sql<string>`${agents.firstName} || ' ' || ${agents.lastName}`,
      placeId: appointments.placeId,
      placeName: places.name,
      startsAt: appointments.startsAt,
      endsAt: appointments.endsAt,
      blockedUntil: appointments.blockedUntil,
      capacity: appointments.capacity,
      cancelledAt: appointments.cancelledAt,
    })
    .from(appointments)
    .innerJoin(appointmentTypes, eq(appointmentTypes.id, appointments.appointmentTypeId))
    .innerJoin(agents, eq(agents.id, appointments.agentId))
    .leftJoin(places, eq(places.id, appointments.placeId))
    .where(
      and(
        inArray(appointments.organisationId, query.organisationIds),
        gte(appointments.startsAt, query.from),
        lt(appointments.startsAt, query.to),
        query.agentId ? eq(appointments.agentId, query.agentId) : undefined,
        query.placeId ? eq(appointments.placeId, query.placeId) : undefined,
      ),
    )
    .orderBy(asc(appointments.startsAt), asc(appointments.id));
  if (!rows.length) return [];
  const participants = await db
    .select({
      id: appointmentParticipants.id,
      appointmentId: appointmentParticipants.appointmentId,
      citizenId: citizens.id,
      firstName: citizens.firstName,
      lastName: citizens.lastName,
      status: appointmentParticipants.status,
    })
    .from(appointmentParticipants)
    .innerJoin(citizens, eq(citizens.id, appointmentParticipants.citizenId))
    .where(
      inArray(
        appointmentParticipants.appointmentId,
        rows.map((r) => r.id),
      ),
    )
    .orderBy(asc(appointmentParticipants.createdAt));
  const byAppointment = new Map<string, AppointmentListItem['participants']>();
  for (const { appointmentId, ...p } of participants) {
    byAppointment.set(appointmentId, [...(byAppointment.get(appointmentId) ?? []), p]);
  }
  return rows.map((row) => ({ ...row, participants: byAppointment.get(row.id) ?? [] }));
}

export type AppointmentSummary = Omit<ParticipationDetails, 'participant' | 'citizen'>;

/** An appointment without its participants (a collective session may have none yet). */
export async function findAppointmentSummary(
  db: Db,
  appointmentId: string,
): Promise<AppointmentSummary | null> {
  const { participant: _p, citizen: _c, ...columns } = detailColumns;
  const [row] = await db
    .select(columns)
    .from(appointments)
    .innerJoin(appointmentTypes, eq(appointmentTypes.id, appointments.appointmentTypeId))
    .leftJoin(places, eq(places.id, appointments.placeId))
    .innerJoin(agents, eq(agents.id, appointments.agentId))
    .innerJoin(organisations, eq(organisations.id, appointments.organisationId))
    .leftJoin(territories, eq(territories.id, organisations.territoryId))
    .where(eq(appointments.id, appointmentId));
  if (!row) return null;
  const {
    participant: _participant,
    citizen: _citizen,
    ...summary
  } = toDetails({
    ...row,
    participant: null as never,
    citizen: null as never,
  });
  return summary;
}

/** The status history of the given participations, oldest first. */
export async function statusHistoriesOf(db: Db, participantIds: string[]) {
  if (!participantIds.length) return [];
  return db
    .select()
    .from(participationStatusChanges)
    .where(inArray(participationStatusChanges.participantId, participantIds))
    .orderBy(asc(participationStatusChanges.changedAt));
}

/** The organisation's appointment types still offered, by name. */
export async function listActiveAppointmentTypesOf(db: Db, organisationId: string) {
  return db
    .select()
    .from(appointmentTypes)
    .where(and(eq(appointmentTypes.organisationId, organisationId), isNull(appointmentTypes.archivedAt)))
    .orderBy(asc(appointmentTypes.name));
}
