import { and, desc, eq, gte, inArray, isNotNull, isNull, lt, sql } from 'drizzle-orm';
import type { Db } from '../../../platform/db/client.ts';
import type { Outcome } from '../flow/types.ts';
import { calls } from '../tables.ts';

/** The calls of one line as the console lists them (the caller checked the line first, access.ts). */

export type CallRow = {
  id: string;
  callerNumber: string | null;
  startedAt: Date;
  endedAt: Date | null;
  serviceKey: string | null;
  menuPath: string[];
  outcome: Outcome | null;
};

const callColumns = {
  id: calls.id,
  callerNumber: calls.callerNumber,
  startedAt: calls.startedAt,
  endedAt: calls.endedAt,
  serviceKey: calls.serviceKey,
  menuPath: calls.menuPath,
  outcome: calls.outcome,
};

export async function recentCalls(db: Db, lineId: string, limit: number): Promise<CallRow[]> {
  return db
    .select(callColumns)
    .from(calls)
    .where(eq(calls.lineId, lineId))
    .orderBy(desc(calls.startedAt))
    .limit(limit);
}

export async function callsOfNumber(db: Db, lineId: string, number: string): Promise<CallRow[]> {
  return db
    .select(callColumns)
    .from(calls)
    .where(and(eq(calls.lineId, lineId), eq(calls.callerNumber, number)))
    .orderBy(desc(calls.startedAt))
    .limit(200);
}

/** Per line: calls that started in [from, to), and those of them lost (ended with no outcome). */
export async function callCountsBetween(
  db: Db,
  lineIds: string[],
  from: Date,
  to: Date,
): Promise<Map<string, { calls: number; lost: number }>> {
  if (lineIds.length === 0) return new Map();
  const lost = and(isNotNull(calls.endedAt), isNull(calls.outcome));
  const rows = await db
    .select({
      lineId: calls.lineId,
      calls: sql<number>`count(*)::int`,
      lost: sql<number>`(count(*) filter (where ${lost}))::int`,
    })
    .from(calls)
    .where(and(inArray(calls.lineId, lineIds), gte(calls.startedAt, from), lt(calls.startedAt, to)))
    .groupBy(calls.lineId);
  return new Map(rows.map((r) => [r.lineId, { calls: r.calls, lost: r.lost }]));
}
