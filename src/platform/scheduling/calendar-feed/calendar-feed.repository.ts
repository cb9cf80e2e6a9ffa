import { and, asc, desc, eq, gte, inArray, isNull, lt, sql } from 'drizzle-orm';
import type { Db } from '../../db/client.ts';
import { agents, memberships, organisations } from '../../tenancy/tables.ts';
import {
  appointmentParticipants,
  appointments,
  appointmentTypes,
  calendarFeeds,
  citizens,
  places,
} from '../tables.ts';

/** Agents' private calendar feeds: only the token's hash is stored. */

export type CalendarFeedRow = { id: string; createdAt: Date; revokedAt: Date | null };

export async function listCalendarFeeds(db: Db, agentId: string): Promise<CalendarFeedRow[]> {
  return db
    .select({ id: calendarFeeds.id, createdAt: calendarFeeds.createdAt, revokedAt: calendarFeeds.revokedAt })
    .from(calendarFeeds)
    .where(eq(calendarFeeds.agentId, agentId))
    .orderBy(desc(calendarFeeds.createdAt))
    .limit(20);
}

export async function insertCalendarFeed(
  db: Db,
  agentId: string,
  tokenHash: string,
): Promise<CalendarFeedRow> {
  const [row] = await db.insert(calendarFeeds).values({ agentId, tokenHash }).returning({
    id: calendarFeeds.id,
    createdAt: calendarFeeds.createdAt,
    revokedAt: calendarFeeds.revokedAt,
  });
  return row!;
}

/** Revokes the agent's active feeds (all, or the one given); returns the ids revoked. */
export async function revokeCalendarFeeds(
  db: Db,
  agentId: string,
  now: Date,
  feedId?: string,
): Promise<string[]> {
  const rows = await db
    .update(calendarFeeds)
    .set({ revokedAt: now })
    .where(
      and(
        eq(calendarFeeds.agentId, agentId),
        isNull(calendarFeeds.revokedAt),
        feedId ? eq(calendarFeeds.id, feedId) : undefined,
      ),
    )
    .returning({ id: calendarFeeds.id });
  return rows.map((r) => r.id);
}

/** The agent behind an active feed token, if the feed is not revoked and the agent still active. */
export async function findFeedAgent(
  db: Db,
  tokenHash: string,
): Promise<{ feedId: string; agentId: string; firstName: string; lastName: string } | null> {
  const [row] = await db
    .select({
      feedId: calendarFeeds.id,
      agentId: agents.id,
      firstName: agents.firstName,
      lastName: agents.lastName,
    })
    .from(calendarFeeds)
    .innerJoin(agents, eq(agents.id, calendarFeeds.agentId))
    .where(
      and(
        eq(calendarFeeds.tokenHash, tokenHash),
        isNull(calendarFeeds.revokedAt),
        isNull(agents.deactivatedAt),
      ),
    );
  return row ?? null;
}

export type FeedAppointmentRow = {
  appointmentId: string;
  startsAt: Date;
  endsAt: Date;
  createdAt: Date;
  updatedAt: Date;
  cancelledAt: Date | null;
  capacity: number;
  collective: boolean;
  typeName: string;
  location: 'sur_place' | 'telephone' | 'visio' | 'domicile';
  placeName: string | null;
  placeAddress: string | null;
  organisationName: string;
  /** The participants, as initials and status only. */
  participants: { firstName: string; lastName: string; status: string }[];
};

/**
 * The agent's appointments between two instants, in the organisations they are still a member of
 * (leaving an organisation takes its appointments out of the feed), with their participants.
 */
export async function findFeedAppointments(
  db: Db,
  agentId: string,
  window: { from: Date; to: Date },
): Promise<FeedAppointmentRow[]> {
  const rows = await db
    .select({
      appointmentId: appointments.id,
      startsAt: appointments.startsAt,
      endsAt: appointments.endsAt,
      createdAt: appointments.createdAt,
      updatedAt: appointments.updatedAt,
      cancelledAt: appointments.cancelledAt,
      capacity: appointments.capacity,
      collective: appointmentTypes.collective,
      typeName: appointmentTypes.name,
      location: appointmentTypes.location,
      placeName: places.name,
      placeAddress: places.address,
      organisationName: organisations.name,
    })
    .from(appointments)
    .innerJoin(appointmentTypes, eq(appointmentTypes.id, appointments.appointmentTypeId))
    .innerJoin(organisations, eq(organisations.id, appointments.organisationId))
    .innerJoin(
      memberships,
      and(eq(memberships.organisationId, appointments.organisationId), eq(memberships.agentId, agentId)),
    )
    .leftJoin(places, eq(places.id, appointments.placeId))
    .where(
      and(
        eq(appointments.agentId, agentId),
        gte(appointments.startsAt, window.from),
        lt(appointments.startsAt, window.to),
      ),
    )
    .orderBy(asc(appointments.startsAt))
    .limit(5000);
  if (rows.length === 0) return [];
  const people = await db
    .select({
      appointmentId: appointmentParticipants.appointmentId,
      firstName: citizens.firstName,
      lastName: citizens.lastName,
      status: appointmentParticipants.status,
    })
    .from(appointmentParticipants)
    .innerJoin(citizens, eq(citizens.id, appointmentParticipants.citizenId))
    .where(
      inArray(
        appointmentParticipants.appointmentId,
        rows.map((r) => r.appointmentId),
      ),
    )
    .orderBy(asc(appointmentParticipants.createdAt), sql`${appointmentParticipants.id}`);
  const byAppointment = new Map<string, FeedAppointmentRow['participants']>();
  for (const person of people) {
    const list = byAppointment.get(person.appointmentId) ?? [];
    list.push({ firstName: person.firstName, lastName: person.lastName, status: person.status });
    byAppointment.set(person.appointmentId, list);
  }
  return rows.map((row) => ({ ...row, participants: byAppointment.get(row.appointmentId) ?? [] }));
}
