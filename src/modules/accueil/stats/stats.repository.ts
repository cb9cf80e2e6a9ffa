import { type SQL, sql } from 'drizzle-orm';
import type { Db } from '../../../platform/db/client.ts';
import { organisations } from '../../../platform/tenancy/tables.ts';
import { OUTCOMES, type Outcome } from '../flow/types.ts';
import { calls, tickets, voicemails } from '../tables.ts';
import type { PeriodWindow } from './period.ts';

/**
 * The counts behind the phone statistics and the indicators, each one aggregate query that returns a
 * handful of rows whatever the number of calls: per service and overall in one pass (grouping sets),
 * the callers' repeat counts, the weekday × hour grid, the weeks. Every function takes its scope: one
 * line (the statistics page, its members only) or one territory — or the whole instance — for the
 * indicators. A call is lost when it ended (ended_at) with no outcome; one still going is not counted
 * as lost (the stale-calls job ends those left open by a crash or a lost BYE after two hours).
 */
export type CallScope = { lineId: string } | { territoryId: string | null };

function rowsOf<T>(result: unknown): T[] {
  return (result as { rows: T[] }).rows;
}

const int = (value: unknown) => Number(value ?? 0);

/** json/jsonb arrives parsed from node-postgres and PGlite alike; a text form is parsed here, just in case. */
function numbers(value: unknown): number[] {
  const list = typeof value === 'string' ? (JSON.parse(value) as unknown) : value;
  return Array.isArray(list) ? list.map(Number) : [];
}

/** The scope as a condition on a table aliased `alias` that has line_id and organisation_id. */
function scopeWhere(scope: CallScope, alias: string): SQL {
  const a = sql.raw(alias);
  if ('lineId' in scope) return sql`${a}.line_id = ${scope.lineId}::uuid`;
  if (scope.territoryId === null) return sql`true`;
  return sql`${a}.organisation_id in (select o.id from ${organisations} o where o.territory_id = ${scope.territoryId}::uuid)`;
}

const inWindow = (column: SQL, window: PeriodWindow) =>
  sql`${column} >= ${window.start.toISOString()}::timestamptz and ${column} < ${window.end.toISOString()}::timestamptz`;

/** Per service (null: the caller chose none) and overall (`overall` true, serviceKey null). */
export type Grouped = { serviceKey: string | null; overall: boolean };

export type CallCounts = Grouped & {
  calls: number;
  /** Ended (ended_at set): the lost-call rate's denominator. */
  ended: number;
  /** Ended with no outcome. */
  lost: number;
  /** Calls where a transfer to the service was tried (a 'transfert' step), answered or not. */
  transferred: number;
  /** Calls that sent the caller an SMS (outcome sms_envoye; the 'sms' step is only the choice, before the number is confirmed). */
  sms: number;
  outcomes: Record<Outcome, number>;
};

export async function countCalls(db: Db, scope: CallScope, window: PeriodWindow): Promise<CallCounts[]> {
  const perOutcome = sql.join(
    OUTCOMES.map((o) => sql`count(*) filter (where c.outcome = ${o})::int as ${sql.identifier(`o_${o}`)}`),
    sql`, `,
  );
  const result = await db.execute(sql`
    select c.service_key, grouping(c.service_key) = 1 as overall,
           count(*)::int as calls,
           count(c.ended_at)::int as ended,
           count(*) filter (where c.ended_at is not null and c.outcome is null)::int as lost,
           count(*) filter (where c.steps @> '[{"kind":"transfert"}]'::jsonb)::int as transferred,
           count(*) filter (where c.outcome = 'sms_envoye')::int as sms,
           ${perOutcome}
      from ${calls} c
     where ${scopeWhere(scope, 'c')} and ${inWindow(sql`c.started_at`, window)}
     group by grouping sets ((c.service_key), ())`);
  return rowsOf<Record<string, unknown>>(result).map((r) => ({
    serviceKey: (r.service_key as string | null) ?? null,
    overall: Boolean(r.overall),
    calls: int(r.calls),
    ended: int(r.ended),
    lost: int(r.lost),
    transferred: int(r.transferred),
    sms: int(r.sms),
    outcomes: Object.fromEntries(OUTCOMES.map((o) => [o, int(r[`o_${o}`])])) as Record<Outcome, number>,
  }));
}

export type TicketCounts = Grouped & {
  created: number;
  /** Of them, created because the caller hung up before being helped (reason raccroche). */
  afterHangup: number;
  done: number;
  unreachable: number;
  /** Still à rappeler or en cours. */
  open: number;
  /** Done no later than their due time (which counts working hours of the service). */
  onTime: number;
  /** For each done ticket, seconds from the call's start (or the ticket's creation) to done. */
  delaysSeconds: number[];
};

/** Callback tickets created in the window, per service and overall, with the delays of those done. */
export async function countTickets(db: Db, scope: CallScope, window: PeriodWindow): Promise<TicketCounts[]> {
  const result = await db.execute(sql`
    select t.service_key, grouping(t.service_key) = 1 as overall,
           count(*)::int as created,
           count(*) filter (where t.reason = 'raccroche')::int as after_hangup,
           count(*) filter (where t.status = 'fait')::int as done,
           count(*) filter (where t.status = 'injoignable')::int as unreachable,
           count(*) filter (where t.status in ('a_rappeler', 'en_cours'))::int as open,
           count(*) filter (where t.status = 'fait' and t.closed_at <= t.due_at)::int as on_time,
           coalesce(
             jsonb_agg(extract(epoch from t.closed_at - coalesce(c.started_at, t.created_at))::float8)
               filter (where t.status = 'fait' and t.closed_at is not null),
             '[]'::jsonb) as delays
      from ${tickets} t
      left join ${calls} c on c.id = t.call_id
     where ${scopeWhere(scope, 't')} and ${inWindow(sql`t.created_at`, window)}
     group by grouping sets ((t.service_key), ())`);
  return rowsOf<Record<string, unknown>>(result).map((r) => ({
    serviceKey: (r.service_key as string | null) ?? null,
    overall: Boolean(r.overall),
    created: int(r.created),
    afterHangup: int(r.after_hangup),
    done: int(r.done),
    unreachable: int(r.unreachable),
    open: int(r.open),
    onTime: int(r.on_time),
    delaysSeconds: numbers(r.delays).map((s) => Math.max(0, s)),
  }));
}

export type VoicemailCounts = Grouped & { voicemails: number };

export async function countVoicemails(
  db: Db,
  scope: CallScope,
  window: PeriodWindow,
): Promise<VoicemailCounts[]> {
  const result = await db.execute(sql`
    select v.service_key, grouping(v.service_key) = 1 as overall, count(*)::int as voicemails
      from ${voicemails} v
     where ${scopeWhere(scope, 'v')} and ${inWindow(sql`v.recorded_at`, window)}
     group by grouping sets ((v.service_key), ())`);
  return rowsOf<Record<string, unknown>>(result).map((r) => ({
    serviceKey: (r.service_key as string | null) ?? null,
    overall: Boolean(r.overall),
    voicemails: int(r.voicemails),
  }));
}

export type CallerCounts = {
  /** Distinct numbers that called. */
  callers: number;
  /** How many of them called once, twice, 3 or 4 times, 5 times or more. */
  once: number;
  twice: number;
  threeOrFour: number;
  fivePlus: number;
  /** Calls made by the callers who called 5 times or more. */
  callsFromFivePlus: number;
  /** Calls from a known number, and from a withheld (or erased) one. */
  knownCalls: number;
  withheldCalls: number;
};

/** How often each number called in the window (withheld numbers cannot be told apart: counted aside). */
export async function countCallers(db: Db, scope: CallScope, window: PeriodWindow): Promise<CallerCounts> {
  const result = await db.execute(sql`
    with scoped as (
      select c.caller_number from ${calls} c
       where ${scopeWhere(scope, 'c')} and ${inWindow(sql`c.started_at`, window)}
    ), per as (
      select caller_number, count(*)::int as n from scoped where caller_number is not null group by caller_number
    )
    select count(*)::int as callers,
           count(*) filter (where n = 1)::int as once,
           count(*) filter (where n = 2)::int as twice,
           count(*) filter (where n between 3 and 4)::int as three_or_four,
           count(*) filter (where n >= 5)::int as five_plus,
           coalesce(sum(n) filter (where n >= 5), 0)::int as calls_five_plus,
           coalesce(sum(n), 0)::int as known_calls,
           (select count(*) from scoped where caller_number is null)::int as withheld_calls
      from per`);
  const [r] = rowsOf<Record<string, unknown>>(result);
  return {
    callers: int(r?.callers),
    once: int(r?.once),
    twice: int(r?.twice),
    threeOrFour: int(r?.three_or_four),
    fivePlus: int(r?.five_plus),
    callsFromFivePlus: int(r?.calls_five_plus),
    knownCalls: int(r?.known_calls),
    withheldCalls: int(r?.withheld_calls),
  };
}

/** Calls per ISO weekday (1 Monday … 7 Sunday) and hour (0–23), Paris time; empty cells absent. */
export type HourCount = { weekday: number; hour: number; calls: number; lost: number };

export async function countByWeekdayHour(
  db: Db,
  scope: CallScope,
  window: PeriodWindow,
): Promise<HourCount[]> {
  const result = await db.execute(sql`
    select extract(isodow from c.started_at at time zone 'Europe/Paris')::int as weekday,
           extract(hour from c.started_at at time zone 'Europe/Paris')::int as hour,
           count(*)::int as calls,
           count(*) filter (where c.ended_at is not null and c.outcome is null)::int as lost
      from ${calls} c
     where ${scopeWhere(scope, 'c')} and ${inWindow(sql`c.started_at`, window)}
     group by 1, 2`);
  return rowsOf<Record<string, unknown>>(result).map((r) => ({
    weekday: int(r.weekday),
    hour: int(r.hour),
    calls: int(r.calls),
    lost: int(r.lost),
  }));
}

/** Per week (its Monday, Paris), to see the lost-call rate move; weeks without calls absent. */
export type WeekCount = { monday: string; calls: number; ended: number; lost: number };

export async function countByWeek(db: Db, scope: CallScope, window: PeriodWindow): Promise<WeekCount[]> {
  const result = await db.execute(sql`
    select to_char(date_trunc('week', c.started_at at time zone 'Europe/Paris'), 'YYYY-MM-DD') as monday,
           count(*)::int as calls,
           count(c.ended_at)::int as ended,
           count(*) filter (where c.ended_at is not null and c.outcome is null)::int as lost
      from ${calls} c
     where ${scopeWhere(scope, 'c')} and ${inWindow(sql`c.started_at`, window)}
     group by 1
     order by 1`);
  return rowsOf<Record<string, unknown>>(result).map((r) => ({
    monday: String(r.monday),
    calls: int(r.calls),
    ended: int(r.ended),
    lost: int(r.lost),
  }));
}

/** For the indicators: calls ended in the window, of them lost, of them with an outcome. */
export async function countEndedCalls(
  db: Db,
  scope: CallScope,
  window: PeriodWindow,
): Promise<{ ended: number; lost: number; withOutcome: number }> {
  const result = await db.execute(sql`
    select count(*)::int as ended,
           count(*) filter (where c.outcome is null)::int as lost,
           count(*) filter (where c.outcome is not null)::int as with_outcome
      from ${calls} c
     where ${scopeWhere(scope, 'c')} and ${inWindow(sql`c.started_at`, window)} and c.ended_at is not null`);
  const [r] = rowsOf<Record<string, unknown>>(result);
  return { ended: int(r?.ended), lost: int(r?.lost), withOutcome: int(r?.with_outcome) };
}

/** For the indicators: the delays (seconds, call to done) of the tickets created in the window and done. */
export async function callbackDelays(db: Db, scope: CallScope, window: PeriodWindow): Promise<number[]> {
  const result = await db.execute(sql`
    select coalesce(jsonb_agg(extract(epoch from t.closed_at - coalesce(c.started_at, t.created_at))::float8), '[]'::jsonb) as delays
      from ${tickets} t
      left join ${calls} c on c.id = t.call_id
     where ${scopeWhere(scope, 't')} and ${inWindow(sql`t.created_at`, window)}
       and t.status = 'fait' and t.closed_at is not null`);
  const [r] = rowsOf<Record<string, unknown>>(result);
  return numbers(r?.delays).map((s) => Math.max(0, s));
}
