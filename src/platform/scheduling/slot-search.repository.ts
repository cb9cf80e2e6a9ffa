import { type AnyColumn, and, asc, eq, gte, isNull, lte, or, type SQL, sql } from 'drizzle-orm';
import type { Db } from '../db/client.ts';
import { agents } from '../tenancy/tables.ts';
import type { CollectiveSession } from './slots/compute.ts';
import type { AbsenceRule, OpeningSlotRule } from './slots/recurrence.ts';
import {
  absences,
  appointmentParticipants,
  appointments,
  appointmentTypes,
  citizenReferents,
  openingSlots,
  openingSlotTypes,
  places,
} from './tables.ts';
import type { PlaceSummary } from './types.ts';

/**
 * The slot search's only SQL: a handful of range queries read everything a search needs, whatever
 * the number of days, weeks or agents (no query per day or per agent). The rules live in slots/.
 */

export type SearchableType = {
  id: string;
  organisationId: string;
  name: string;
  durationMinutes: number;
  minBookingDelayMinutes: number;
  maxBookingDelayDays: number;
  bookableBy: 'agents' | 'invited' | 'everyone';
  collective: boolean;
  capacity: number | null;
  followUpOnly: boolean;
  bufferMinutes: number;
  archived: boolean;
};

export async function findSearchableType(db: Db, id: string): Promise<SearchableType | undefined> {
  if (!isUuid(id)) return undefined;
  const [row] = await db
    .select({
      id: appointmentTypes.id,
      organisationId: appointmentTypes.organisationId,
      name: appointmentTypes.name,
      durationMinutes: appointmentTypes.durationMinutes,
      minBookingDelayMinutes: appointmentTypes.minBookingDelayMinutes,
      maxBookingDelayDays: appointmentTypes.maxBookingDelayDays,
      bookableBy: appointmentTypes.bookableBy,
      collective: appointmentTypes.collective,
      capacity: appointmentTypes.capacity,
      followUpOnly: appointmentTypes.followUpOnly,
      bufferMinutes: appointmentTypes.bufferMinutes,
      archivedAt: appointmentTypes.archivedAt,
    })
    .from(appointmentTypes)
    .where(eq(appointmentTypes.id, id));
  if (!row) return undefined;
  const { archivedAt, ...rest } = row;
  return { ...rest, archived: archivedAt !== null };
}

/**
 * The opening slots offering a type that are in force on some day of [from, to] (local days), of the
 * type's own organisation, at places not archived, of agents not deactivated; optionally at one place
 * or for one agent. One query: opening_slot_types (by type) → opening_slots → appointment_types,
 * places, agents. It needs nothing read before it, so the search runs it beside the type's own query.
 */
export async function openingSlotsOffering(
  db: Db,
  input: {
    appointmentTypeId: string;
    from: string;
    to: string;
    placeId?: string;
    agentId?: string;
  },
): Promise<OpeningSlotRule[]> {
  if (
    !isUuid(input.appointmentTypeId) ||
    (input.placeId && !isUuid(input.placeId)) ||
    (input.agentId && !isUuid(input.agentId))
  ) {
    return [];
  }
  const conditions: (SQL | undefined)[] = [
    eq(openingSlotTypes.appointmentTypeId, input.appointmentTypeId),
    lte(openingSlots.firstDay, input.to),
    or(isNull(openingSlots.lastDay), gte(openingSlots.lastDay, input.from)),
    isNull(places.archivedAt),
    isNull(agents.deactivatedAt),
  ];
  if (input.placeId) conditions.push(eq(openingSlots.placeId, input.placeId));
  if (input.agentId) conditions.push(eq(openingSlots.agentId, input.agentId));
  return db
    .select({
      id: openingSlots.id,
      agentId: openingSlots.agentId,
      placeId: openingSlots.placeId,
      weekdays: openingSlots.weekdays,
      startTime: openingSlots.startTime,
      endTime: openingSlots.endTime,
      firstDay: openingSlots.firstDay,
      lastDay: openingSlots.lastDay,
      everyWeeks: openingSlots.everyWeeks,
      openOnHolidays: openingSlots.openOnHolidays,
    })
    .from(openingSlotTypes)
    .innerJoin(openingSlots, eq(openingSlots.id, openingSlotTypes.openingSlotId))
    .innerJoin(
      appointmentTypes,
      and(
        eq(appointmentTypes.id, openingSlotTypes.appointmentTypeId),
        eq(appointmentTypes.organisationId, openingSlots.organisationId),
      ),
    )
    .innerJoin(places, eq(places.id, openingSlots.placeId))
    .innerJoin(agents, eq(agents.id, openingSlots.agentId))
    .where(and(...conditions));
}

/** The absences of some agents in force on some day of [from, to] (local days). */
export async function absencesOf(
  db: Db,
  agentIds: string[],
  from: string,
  to: string,
): Promise<AbsenceRule[]> {
  if (agentIds.length === 0) return [];
  return db
    .select({
      agentId: absences.agentId,
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
        sql`${absences.agentId} = any(${uuidArray(agentIds)})`,
        lte(absences.firstDay, to),
        or(isNull(absences.lastDay), gte(absences.lastDay, from)),
      ),
    );
}

const epochMs = (column: AnyColumn) => sql<number>`date_part('epoch', ${column}) * 1000`.mapWith(Number);

/**
 * Some agents' appointments not cancelled that intersect [from, to), whatever their type or place:
 * an agent is never in two places. The condition is the exclusion constraint's own expression
 * (agent_id, tstzrange(starts_at, blocked_until)) where cancelled_at is null, so its GiST index serves
 * it. `ignoreAppointmentId` leaves out an appointment being moved.
 *
 * The search's largest read (thousands of rows over a month of a département), so it is shaped for
 * speed: one row per agent with its intervals as one string of epoch milliseconds
 * ('start,end,start,end…'), which both drivers hand over untouched and JavaScript splits in a
 * fraction of the time that parsing thousands of rows takes (measured: half this process's CPU for
 * the read); date_part gives float8 directly where extract() would compute in numeric.
 */
export async function busyIntervalsOf(
  db: Db,
  agentIds: string[],
  from: Date,
  to: Date,
  ignoreAppointmentId?: string,
): Promise<{ agentId: string; start: number; end: number }[]> {
  if (agentIds.length === 0) return [];
  const ignore =
    ignoreAppointmentId && isUuid(ignoreAppointmentId) ? sql`and id <> ${ignoreAppointmentId}::uuid` : sql``;
  const result = await db.execute(sql`
    select agent_id as "agentId",
           string_agg((date_part('epoch', starts_at) * 1000)::bigint || ',' ||
                      (date_part('epoch', blocked_until) * 1000)::bigint, ',') as "spans"
      from appointments
     where agent_id = any(${uuidArray(agentIds)})
       and cancelled_at is null
       and tstzrange(starts_at, blocked_until) && tstzrange(${from.toISOString()}::timestamptz, ${to.toISOString()}::timestamptz)
       ${ignore}
     group by agent_id`);
  const busy: { agentId: string; start: number; end: number }[] = [];
  for (const row of (result as unknown as { rows: { agentId: string; spans: string }[] }).rows) {
    const numbers = row.spans.split(',');
    for (let i = 0; i + 1 < numbers.length; i += 2) {
      busy.push({ agentId: row.agentId, start: Number(numbers[i]), end: Number(numbers[i + 1]) });
    }
  }
  return busy;
}

/**
 * The sessions of a collective type starting in [from, to), not cancelled, with their participants
 * not cancelled ('annule'). One query, grouped.
 */
export async function collectiveSessionsOf(
  db: Db,
  input: { appointmentTypeId: string; from: Date; to: Date; placeId?: string; agentId?: string },
): Promise<CollectiveSession[]> {
  if ((input.placeId && !isUuid(input.placeId)) || (input.agentId && !isUuid(input.agentId))) return [];
  const rows = await db
    .select({
      appointmentId: appointments.id,
      agentId: appointments.agentId,
      placeId: appointments.placeId,
      start: epochMs(appointments.startsAt),
      end: epochMs(appointments.endsAt),
      capacity: appointments.capacity,
      taken:
        sql<number>`count(${appointmentParticipants.id}) filter (where ${appointmentParticipants.status} <> 'annule')`.mapWith(
          Number,
        ),
    })
    .from(appointments)
    .leftJoin(appointmentParticipants, eq(appointmentParticipants.appointmentId, appointments.id))
    .where(
      and(
        eq(appointments.appointmentTypeId, input.appointmentTypeId),
        isNull(appointments.cancelledAt),
        gte(appointments.startsAt, input.from),
        sql`${appointments.startsAt} < ${input.to.toISOString()}::timestamptz`,
        input.placeId ? eq(appointments.placeId, input.placeId) : undefined,
        input.agentId ? eq(appointments.agentId, input.agentId) : undefined,
      ),
    )
    .groupBy(appointments.id)
    .orderBy(asc(appointments.startsAt));
  return rows;
}

/** Places by id, archived ones left out. */
export async function placesByIds(db: Db, ids: string[]): Promise<PlaceSummary[]> {
  if (ids.length === 0) return [];
  return db
    .select({
      id: places.id,
      name: places.name,
      address: places.address,
      communeCode: places.communeCode,
      latitude: places.latitude,
      longitude: places.longitude,
      accessibilityNotes: places.accessibilityNotes,
    })
    .from(places)
    .where(and(sql`${places.id} = any(${uuidArray(ids)})`, isNull(places.archivedAt)));
}

/** A person's référents (follow-up types). */
export async function referentsOf(db: Db, citizenId: string): Promise<string[]> {
  if (!isUuid(citizenId)) return [];
  const rows = await db
    .select({ agentId: citizenReferents.agentId })
    .from(citizenReferents)
    .where(eq(citizenReferents.citizenId, citizenId));
  return rows.map((r) => r.agentId);
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** Ids come from URLs and forms: a malformed one finds nothing instead of failing the query. */
export function isUuid(value: string): boolean {
  return UUID.test(value);
}

/**
 * A uuid[] parameter written as one array literal ('{…}'), which PGlite and node-postgres both pass
 * through unchanged (a JS array in drizzle's sql`` would expand into a list of parameters).
 */
function uuidArray(ids: string[]): SQL {
  return sql`${`{${ids.filter(isUuid).join(',')}}`}::uuid[]`;
}
