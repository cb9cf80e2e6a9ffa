import { and, isNull, lt, sql } from 'drizzle-orm';
import type { Db } from '../../../platform/db/client.ts';
import { calls } from '../tables.ts';

/** Calls started before `startedBefore` and still open, oldest first. */
export async function staleCallIds(db: Db, startedBefore: Date, limit = 500): Promise<string[]> {
  const rows = await db
    .select({ id: calls.id })
    .from(calls)
    .where(and(isNull(calls.endedAt), lt(calls.startedAt, startedBefore)))
    .orderBy(calls.startedAt)
    .limit(limit);
  return rows.map((r) => r.id);
}

/** The step appended to a call the stale-calls job ended, for its history. */
export const STALE_STEP = { kind: 'fin', detail: 'cloture-automatique' } as const;

/**
 * Ends the calls started before `startedBefore` that never ended (the server stopped during the call,
 * or the BYE / the provider's last webhook never came): ended_at becomes the last moment the call was
 * known to be alive — its last step, its outcome, else its start — and a 'fin' step says it was closed
 * automatically. A call with no outcome then counts as lost, as it should; one with an outcome (a
 * transfer answered) keeps it. Only rows still open are touched: running it twice changes nothing.
 * Returns how many calls were ended, per line.
 */
export async function endStaleCalls(
  db: Db,
  startedBefore: Date,
): Promise<{ lineId: string; ended: number; lost: number }[]> {
  const result = await db.execute(sql`
    with stale as (
      select c.id,
             greatest(
               c.started_at,
               coalesce(c.outcome_at, c.started_at),
               coalesce((select max((s->>'at')::timestamptz) from jsonb_array_elements(c.steps) s), c.started_at)
             ) as ended_at
        from ${calls} c
       where c.ended_at is null and c.started_at < ${startedBefore.toISOString()}::timestamptz
    ), ended as (
      update ${calls} c
         set ended_at = stale.ended_at,
             steps = c.steps || jsonb_build_array(jsonb_build_object(
               'at', to_char(stale.ended_at at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"'),
               'kind', ${STALE_STEP.kind}::text,
               'detail', ${STALE_STEP.detail}::text))
        from stale
       where c.id = stale.id and c.ended_at is null
      returning c.line_id, c.outcome
    )
    select line_id, count(*)::int as ended, count(*) filter (where outcome is null)::int as lost
      from ended group by line_id order by line_id`);
  return (result as unknown as { rows: Record<string, unknown>[] }).rows.map((r) => ({
    lineId: String(r.line_id),
    ended: Number(r.ended),
    lost: Number(r.lost),
  }));
}
