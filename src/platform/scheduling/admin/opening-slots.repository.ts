import { and, asc, eq, gt, isNull, lt, ne, sql } from 'drizzle-orm';
import type { Db } from '../../db/client.ts';
import { agents } from '../../tenancy/tables.ts';
import { appointments, openingSlots, openingSlotTypes, places } from '../tables.ts';

export type OpeningSlotValues = Pick<
  typeof openingSlots.$inferSelect,
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

export type OpeningSlotRow = OpeningSlotValues & {
  id: string;
  organisationId: string;
  placeName: string;
  agentName: string;
  appointmentTypeIds: string[];
};

const columns = {
  id: openingSlots.id,
  organisationId: openingSlots.organisationId,
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
  placeName: places.name,
  agentName: sql<string>`trim(${agents.firstName} || ' ' || ${agents.lastName})`,
  appointmentTypeIds: sql<
    string[]
  >`coalesce((select array_agg(${openingSlotTypes.appointmentTypeId}::text) from ${openingSlotTypes} where ${openingSlotTypes.openingSlotId} = ${openingSlots.id}), '{}')`,
};

function select(db: Db) {
  return db
    .select(columns)
    .from(openingSlots)
    .innerJoin(places, eq(places.id, openingSlots.placeId))
    .innerJoin(agents, eq(agents.id, openingSlots.agentId));
}

/** An organisation's opening slots, optionally of one agent or at one place, by agent then first day. */
export async function listOpeningSlots(
  db: Db,
  organisationId: string,
  filter: { agentId?: string; placeId?: string } = {},
): Promise<OpeningSlotRow[]> {
  return select(db)
    .where(
      and(
        eq(openingSlots.organisationId, organisationId),
        filter.agentId ? eq(openingSlots.agentId, filter.agentId) : undefined,
        filter.placeId ? eq(openingSlots.placeId, filter.placeId) : undefined,
      ),
    )
    .orderBy(
      asc(agents.lastName),
      asc(agents.firstName),
      asc(openingSlots.firstDay),
      asc(openingSlots.startTime),
    );
}

/**
 * Every opening slot of an agent, in all their organisations (an agent cannot be in two places at
 * once, whichever organisation they receive for), except one being edited.
 */
export async function agentOpeningSlots(
  db: Db,
  agentId: string,
  exceptId?: string,
): Promise<OpeningSlotRow[]> {
  return select(db).where(
    and(eq(openingSlots.agentId, agentId), exceptId ? ne(openingSlots.id, exceptId) : undefined),
  );
}

export async function findOpeningSlot(db: Db, id: string): Promise<OpeningSlotRow | undefined> {
  const [row] = await select(db).where(eq(openingSlots.id, id)).limit(1);
  return row;
}

export async function insertOpeningSlot(
  db: Db,
  organisationId: string,
  values: OpeningSlotValues,
  appointmentTypeIds: string[],
): Promise<string> {
  const [row] = await db
    .insert(openingSlots)
    .values({ ...values, organisationId })
    .returning({ id: openingSlots.id });
  await db
    .insert(openingSlotTypes)
    .values(appointmentTypeIds.map((appointmentTypeId) => ({ openingSlotId: row!.id, appointmentTypeId })));
  return row!.id;
}

export async function updateOpeningSlot(
  db: Db,
  id: string,
  values: OpeningSlotValues,
  appointmentTypeIds: string[],
): Promise<void> {
  await db
    .update(openingSlots)
    .set({ ...values, updatedAt: new Date() })
    .where(eq(openingSlots.id, id));
  await db.delete(openingSlotTypes).where(eq(openingSlotTypes.openingSlotId, id));
  await db
    .insert(openingSlotTypes)
    .values(appointmentTypeIds.map((appointmentTypeId) => ({ openingSlotId: id, appointmentTypeId })));
}

export async function deleteOpeningSlot(db: Db, id: string): Promise<void> {
  await db.delete(openingSlots).where(eq(openingSlots.id, id));
}

/** An agent's appointments not cancelled that end after `from` (and start before `until`, if given). */
export async function agentAppointmentsBetween(
  db: Db,
  agentId: string,
  from: Date,
  until: Date | null,
  placeId?: string,
): Promise<{ id: string; startsAt: Date; endsAt: Date; placeId: string | null }[]> {
  return db
    .select({
      id: appointments.id,
      startsAt: appointments.startsAt,
      endsAt: appointments.endsAt,
      placeId: appointments.placeId,
    })
    .from(appointments)
    .where(
      and(
        eq(appointments.agentId, agentId),
        isNull(appointments.cancelledAt),
        gt(appointments.endsAt, from),
        until ? lt(appointments.startsAt, until) : undefined,
        placeId ? eq(appointments.placeId, placeId) : undefined,
      ),
    )
    .orderBy(asc(appointments.startsAt));
}
