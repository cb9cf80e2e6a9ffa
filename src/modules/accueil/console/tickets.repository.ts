import { aliasedTable, and, asc, desc, eq, inArray, isNull, lt, sql } from 'drizzle-orm';
import type { Db } from '../../../platform/db/client.ts';
import { agents } from '../../../platform/tenancy/tables.ts';
import { ticketEvents, tickets } from '../tables.ts';
import { type AttemptResult, MAX_ATTEMPTS, OPEN_STATUSES, type TicketStatus } from './labels.ts';

/**
 * Callback tickets of one line. Every function takes the line's id: the caller checked it may use
 * that line's console (access.ts), and nothing here reaches another line's tickets. Changes are
 * conditional updates, so two agents acting at once never overwrite each other (see takeTicketRow).
 */

export type TicketFilter = 'ouverts' | TicketStatus | 'mes-rappels';

const assigned = aliasedTable(agents, 'assigned');

const ticketColumns = {
  id: tickets.id,
  lineId: tickets.lineId,
  callId: tickets.callId,
  serviceKey: tickets.serviceKey,
  reason: tickets.reason,
  callerNumber: tickets.callerNumber,
  status: tickets.status,
  dueAt: tickets.dueAt,
  attempts: tickets.attempts,
  createdAt: tickets.createdAt,
  closedAt: tickets.closedAt,
  updatedAt: tickets.updatedAt,
  assignedAgentId: tickets.assignedAgentId,
  assignedFirstName: assigned.firstName,
  assignedLastName: assigned.lastName,
};

export type TicketRow = {
  id: string;
  lineId: string;
  callId: string | null;
  serviceKey: string | null;
  reason: 'rappel_demande' | 'raccroche';
  callerNumber: string | null;
  status: TicketStatus;
  dueAt: Date;
  attempts: number;
  createdAt: Date;
  closedAt: Date | null;
  updatedAt: Date;
  assignedAgentId: string | null;
  assignedFirstName: string | null;
  assignedLastName: string | null;
};

const isOpen = inArray(tickets.status, OPEN_STATUSES);

function filterCondition(filter: TicketFilter, agentId: string) {
  if (filter === 'ouverts') return isOpen;
  if (filter === 'mes-rappels') return and(isOpen, eq(tickets.assignedAgentId, agentId));
  return eq(tickets.status, filter);
}

/** Open tickets by due time (the most urgent first); closed ones, the latest closed first. */
export async function listTickets(
  db: Db,
  lineId: string,
  filter: TicketFilter,
  agentId: string,
  limit: number,
): Promise<TicketRow[]> {
  const closed = filter === 'fait' || filter === 'injoignable';
  return db
    .select(ticketColumns)
    .from(tickets)
    .leftJoin(assigned, eq(assigned.id, tickets.assignedAgentId))
    .where(and(eq(tickets.lineId, lineId), filterCondition(filter, agentId)))
    .orderBy(
      ...(closed ? [desc(tickets.closedAt), desc(tickets.dueAt)] : [asc(tickets.dueAt)]),
      asc(tickets.id),
    )
    .limit(limit);
}

export type TicketCounts = Record<TicketFilter, number>;

/** How many tickets each filter shows. */
export async function countTicketsByFilter(db: Db, lineId: string, agentId: string): Promise<TicketCounts> {
  const rows = await db
    .select({
      status: tickets.status,
      count: sql<number>`count(*)::int`,
      mine: sql<number>`(count(*) filter (where ${tickets.assignedAgentId} = ${agentId}))::int`,
    })
    .from(tickets)
    .where(eq(tickets.lineId, lineId))
    .groupBy(tickets.status);
  const counts: TicketCounts = {
    ouverts: 0,
    a_rappeler: 0,
    en_cours: 0,
    fait: 0,
    injoignable: 0,
    'mes-rappels': 0,
  };
  for (const row of rows) {
    counts[row.status] = row.count;
    if (OPEN_STATUSES.includes(row.status)) {
      counts.ouverts += row.count;
      counts['mes-rappels'] += row.mine;
    }
  }
  return counts;
}

/** Per line: open tickets, and those of them past their due time. */
export async function openTicketCountsOf(
  db: Db,
  lineIds: string[],
  now: Date,
): Promise<Map<string, { open: number; overdue: number }>> {
  if (lineIds.length === 0) return new Map();
  const rows = await db
    .select({
      lineId: tickets.lineId,
      open: sql<number>`count(*)::int`,
      overdue: sql<number>`(count(*) filter (where ${lt(tickets.dueAt, now)}))::int`,
    })
    .from(tickets)
    .where(and(inArray(tickets.lineId, lineIds), isOpen))
    .groupBy(tickets.lineId);
  return new Map(rows.map((r) => [r.lineId, { open: r.open, overdue: r.overdue }]));
}

export async function findTicket(db: Db, lineId: string, ticketId: string): Promise<TicketRow | undefined> {
  const [row] = await db
    .select(ticketColumns)
    .from(tickets)
    .leftJoin(assigned, eq(assigned.id, tickets.assignedAgentId))
    .where(and(eq(tickets.lineId, lineId), eq(tickets.id, ticketId)))
    .limit(1);
  return row;
}

/** The tickets of one number on this line, newest first. */
export async function ticketsOfNumber(db: Db, lineId: string, number: string): Promise<TicketRow[]> {
  return db
    .select(ticketColumns)
    .from(tickets)
    .leftJoin(assigned, eq(assigned.id, tickets.assignedAgentId))
    .where(and(eq(tickets.lineId, lineId), eq(tickets.callerNumber, number)))
    .orderBy(desc(tickets.createdAt))
    .limit(200);
}

export type TicketEventRow = {
  id: string;
  kind: 'tentative' | 'note' | 'assignation' | 'statut';
  result: AttemptResult | null;
  note: string | null;
  at: Date;
  agentFirstName: string | null;
  agentLastName: string | null;
};

export async function eventsOfTicket(db: Db, ticketId: string): Promise<TicketEventRow[]> {
  return db
    .select({
      id: ticketEvents.id,
      kind: ticketEvents.kind,
      result: ticketEvents.result,
      note: ticketEvents.note,
      at: ticketEvents.at,
      agentFirstName: agents.firstName,
      agentLastName: agents.lastName,
    })
    .from(ticketEvents)
    .leftJoin(agents, eq(agents.id, ticketEvents.agentId))
    .where(eq(ticketEvents.ticketId, ticketId))
    .orderBy(desc(ticketEvents.at), desc(ticketEvents.id));
}

export async function insertTicketEvent(
  db: Db,
  event: {
    ticketId: string;
    kind: TicketEventRow['kind'];
    agentId: string;
    result?: AttemptResult;
    note?: string;
    at: Date;
  },
): Promise<void> {
  await db.insert(ticketEvents).values({
    ticketId: event.ticketId,
    kind: event.kind,
    agentId: event.agentId,
    result: event.result ?? null,
    note: event.note ?? null,
    at: event.at,
  });
}

type Changed = { id: string; status: TicketStatus; attempts: number } | undefined;
const changedColumns = { id: tickets.id, status: tickets.status, attempts: tickets.attempts };

/**
 * « Je prends »: only while nobody has the ticket and it is open. Two agents clicking at once: the
 * database applies one update, then re-checks the other's condition against it and changes nothing
 * (undefined), so the second agent is told who has it.
 */
export async function takeTicketRow(db: Db, lineId: string, ticketId: string, agentId: string, now: Date) {
  const [row] = await db
    .update(tickets)
    .set({ assignedAgentId: agentId, status: 'en_cours', updatedAt: now })
    .where(and(eq(tickets.lineId, lineId), eq(tickets.id, ticketId), isOpen, isNull(tickets.assignedAgentId)))
    .returning(changedColumns);
  return row as Changed;
}

/** Handing an open ticket to someone (or taking it over): it is then « en cours ». */
export async function assignTicketRow(db: Db, lineId: string, ticketId: string, agentId: string, now: Date) {
  const [row] = await db
    .update(tickets)
    .set({ assignedAgentId: agentId, status: 'en_cours', updatedAt: now })
    .where(and(eq(tickets.lineId, lineId), eq(tickets.id, ticketId), isOpen))
    .returning(changedColumns);
  return row as Changed;
}

/**
 * One call attempt, counted in the database so that two attempts recorded at once both count:
 * reached → « fait »; otherwise one more attempt, and « injoignable » at the MAX_ATTEMPTS-th. An
 * unassigned ticket goes to whoever called.
 */
export async function recordAttemptRow(
  db: Db,
  lineId: string,
  ticketId: string,
  agentId: string,
  result: AttemptResult,
  now: Date,
) {
  const reached = result === 'joint';
  const attempts = reached ? sql`${tickets.attempts}` : sql`${tickets.attempts} + 1`;
  const status = reached
    ? sql`'fait'::accueil_ticket_status`
    : sql`case when ${tickets.attempts} + 1 >= ${MAX_ATTEMPTS} then 'injoignable'::accueil_ticket_status else 'en_cours'::accueil_ticket_status end`;
  const closedAt = reached
    ? sql`${now.toISOString()}::timestamptz`
    : sql`case when ${tickets.attempts} + 1 >= ${MAX_ATTEMPTS} then ${now.toISOString()}::timestamptz else null end`;
  const [row] = await db
    .update(tickets)
    .set({
      attempts: sql`${attempts}`,
      status: sql`${status}`,
      closedAt: sql`${closedAt}`,
      assignedAgentId: sql`coalesce(${tickets.assignedAgentId}, ${agentId}::uuid)`,
      updatedAt: now,
    })
    .where(and(eq(tickets.lineId, lineId), eq(tickets.id, ticketId), isOpen))
    .returning(changedColumns);
  return row as Changed;
}

/** A closed ticket back to « à rappeler », unassigned, its attempts counted again from zero. */
export async function reopenTicketRow(db: Db, lineId: string, ticketId: string, now: Date) {
  const [row] = await db
    .update(tickets)
    .set({ status: 'a_rappeler', attempts: 0, closedAt: null, assignedAgentId: null, updatedAt: now })
    .where(
      and(
        eq(tickets.lineId, lineId),
        eq(tickets.id, ticketId),
        inArray(tickets.status, ['fait', 'injoignable']),
      ),
    )
    .returning(changedColumns);
  return row as Changed;
}

export async function touchTicket(db: Db, lineId: string, ticketId: string, now: Date): Promise<boolean> {
  const rows = await db
    .update(tickets)
    .set({ updatedAt: now })
    .where(and(eq(tickets.lineId, lineId), eq(tickets.id, ticketId)))
    .returning({ id: tickets.id });
  return rows.length > 0;
}
