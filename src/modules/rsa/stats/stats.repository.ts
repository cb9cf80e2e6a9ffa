import { type SQL, sql } from 'drizzle-orm';
import type { Db } from '../../../platform/db/client.ts';
import {
  appointmentParticipants,
  appointments,
  appointmentTypes,
} from '../../../platform/scheduling/tables.ts';
import { ORIENTATION_CATEGORY } from '../appointment-sync.ts';
import type { BeneficiaryStatus } from '../status.ts';
import { beneficiaries, invitations } from '../tables.ts';

/**
 * The counts behind the RSA statistics, each aggregated by PostgreSQL so that a département's whole
 * population (the Var: 37,000 people) is never loaded: five queries, each returning a handful of rows.
 *
 * Every figure is about a cohort: the people of a territory (or of one of its organisations) whose
 * rights opened between two local days. The delay of a person is counted in whole days, from the day
 * their rights opened to the local day (Europe/Paris) of their first appointment marked « vu »
 * (first_met_at), never below 0 (a meeting held before the rights' official date counts as day 0).
 */
export type RsaStatsScope = {
  /** Null: every territory of the instance (the indicators of the whole instance). */
  territoryId: string | null;
  organisationId?: string;
};

/** Local days 'YYYY-MM-DD': rights opened in [from, to]; `today` places the « 30 days ago » limit. */
export type CohortWindow = { from: string; to: string; today: string };

export type DelayCounts = {
  /** People of the cohort. */
  total: number;
  /** Of them, met (a first appointment honoured). */
  met: number;
  medianDays: number | null;
  meanDays: number | null;
  /** People whose rights opened at least 30 days before today… */
  eligible30: number;
  /** …and of them, those met within 30 days. */
  within30: number;
};

export type NoShowCounts = { kind: 'invitation' | 'convocation'; seen: number; absent: number };

export type FirstBookingCounts = { byPerson: number; byAgent: number };

export type MonthCounts = {
  /** 'YYYY-MM', month of the opening of rights. */
  month: string;
  opened: number;
  met: number;
  /** Neither met nor oriented nor closed: still waiting for a first meeting. */
  waiting: number;
  medianDays: number | null;
};

function rowsOf<T>(result: unknown): T[] {
  return (result as { rows: T[] }).rows;
}

const toNumber = (value: unknown): number | null =>
  value === null || value === undefined ? null : Number(value);

/** The cohort's condition on rsa_beneficiaries aliased « b ». */
function cohortWhere(scope: RsaStatsScope, window: { from: string; to: string }): SQL {
  const conditions = [
    sql`b.rights_opened_on between ${window.from}::date and ${window.to}::date`,
    scope.territoryId ? sql`b.territory_id = ${scope.territoryId}::uuid` : undefined,
    scope.organisationId ? sql`b.organisation_id = ${scope.organisationId}::uuid` : undefined,
  ].filter((c) => c !== undefined);
  return sql.join(conditions, sql` and `);
}

/** Whole days from the opening of rights to the local day of the first meeting; null when not met. */
const delayDays = sql`case when b.first_met_at is null then null
  else greatest(0, (b.first_met_at at time zone 'Europe/Paris')::date - b.rights_opened_on) end`;

export async function countDelays(db: Db, scope: RsaStatsScope, window: CohortWindow): Promise<DelayCounts> {
  const result = await db.execute(sql`
    with cohort as (
      select b.rights_opened_on, ${delayDays} as delay
        from ${beneficiaries} b
       where ${cohortWhere(scope, window)}
    )
    select count(*)::int as total,
           count(delay)::int as met,
           percentile_cont(0.5) within group (order by delay) as median,
           avg(delay)::float8 as mean,
           count(*) filter (where rights_opened_on <= ${window.today}::date - 30)::int as eligible30,
           count(*) filter (where rights_opened_on <= ${window.today}::date - 30 and delay <= 30)::int as within30
      from cohort`);
  const [row] = rowsOf<Record<string, unknown>>(result);
  return {
    total: Number(row?.total ?? 0),
    met: Number(row?.met ?? 0),
    medianDays: toNumber(row?.median),
    meanDays: toNumber(row?.mean),
    eligible30: Number(row?.eligible30 ?? 0),
    within30: Number(row?.within30 ?? 0),
  };
}

export async function countStatuses(
  db: Db,
  scope: RsaStatsScope,
  window: CohortWindow,
): Promise<{ status: BeneficiaryStatus; count: number }[]> {
  const result = await db.execute(sql`
    select b.status, count(*)::int as count
      from ${beneficiaries} b
     where ${cohortWhere(scope, window)}
     group by b.status`);
  return rowsOf<{ status: BeneficiaryStatus; count: unknown }>(result).map((r) => ({
    status: r.status,
    count: Number(r.count),
  }));
}

/**
 * The person's participation in each appointment given by a convocation or booked from an invitation:
 * vu or absent, per kind. An appointment both booked from an invitation and named by a convocation
 * counts once, as a convocation (the agent chose the time). Cancelled appointments, and seats still
 * « à venir », excusé or annulé, are not counted: a no-show is an absence among the people expected.
 */
export async function countNoShows(
  db: Db,
  scope: RsaStatsScope,
  window: CohortWindow,
): Promise<NoShowCounts[]> {
  const result = await db.execute(sql`
    with linked as (
      select i.appointment_id, b.citizen_id, bool_or(i.kind = 'convocation') as convocation
        from ${invitations} i
        join ${beneficiaries} b on b.id = i.beneficiary_id
       where ${cohortWhere(scope, window)}
         and i.appointment_id is not null
         and b.citizen_id is not null
       group by i.appointment_id, b.citizen_id
    )
    select case when l.convocation then 'convocation' else 'invitation' end as kind,
           count(*) filter (where p.status = 'vu')::int as seen,
           count(*) filter (where p.status = 'absent')::int as absent
      from linked l
      join ${appointments} a on a.id = l.appointment_id and a.cancelled_at is null
      join ${appointmentParticipants} p on p.appointment_id = l.appointment_id and p.citizen_id = l.citizen_id
     group by 1`);
  return rowsOf<{ kind: 'invitation' | 'convocation'; seen: unknown; absent: unknown }>(result).map((r) => ({
    kind: r.kind,
    seen: Number(r.seen),
    absent: Number(r.absent),
  }));
}

/**
 * Who booked each person's first orientation appointment (the earliest seat taken in an appointment of
 * the « Orientation RSA » category, whatever became of it): the person (from their invitation link or
 * the public pages) or an agent (agenda, convocation) or a software (API).
 */
export async function countFirstBookings(
  db: Db,
  scope: RsaStatsScope,
  window: CohortWindow,
): Promise<FirstBookingCounts> {
  const result = await db.execute(sql`
    with firsts as (
      select distinct on (p.citizen_id) p.booked_via
        from ${beneficiaries} b
        join ${appointmentParticipants} p on p.citizen_id = b.citizen_id
        join ${appointments} a on a.id = p.appointment_id
        join ${appointmentTypes} t on t.id = a.appointment_type_id and t.category = ${ORIENTATION_CATEGORY}
       where ${cohortWhere(scope, window)}
       order by p.citizen_id, p.created_at, p.id
    )
    select count(*) filter (where booked_via in ('invitation', 'public'))::int as by_person,
           count(*) filter (where booked_via in ('agent', 'api'))::int as by_agent
      from firsts`);
  const [row] = rowsOf<Record<string, unknown>>(result);
  return { byPerson: Number(row?.by_person ?? 0), byAgent: Number(row?.by_agent ?? 0) };
}

/** Per month of the opening of rights in the window (months without anyone are absent). */
export async function countByMonth(
  db: Db,
  scope: RsaStatsScope,
  window: CohortWindow,
): Promise<MonthCounts[]> {
  const result = await db.execute(sql`
    with cohort as (
      select b.rights_opened_on, b.status, ${delayDays} as delay
        from ${beneficiaries} b
       where ${cohortWhere(scope, window)}
    )
    select to_char(rights_opened_on, 'YYYY-MM') as month,
           count(*)::int as opened,
           count(delay)::int as met,
           count(*) filter (where delay is null and status not in ('oriente', 'clos'))::int as waiting,
           percentile_cont(0.5) within group (order by delay) as median
      from cohort
     group by 1
     order by 1`);
  return rowsOf<Record<string, unknown>>(result).map((r) => ({
    month: String(r.month),
    opened: Number(r.opened),
    met: Number(r.met),
    waiting: Number(r.waiting),
    medianDays: toNumber(r.median),
  }));
}

/** People of the scope whose rights opening date is unknown: left out of every figure, said on the page. */
export async function countUndated(db: Db, scope: RsaStatsScope): Promise<number> {
  const conditions = [
    sql`b.rights_opened_on is null`,
    scope.territoryId ? sql`b.territory_id = ${scope.territoryId}::uuid` : undefined,
    scope.organisationId ? sql`b.organisation_id = ${scope.organisationId}::uuid` : undefined,
  ].filter((c) => c !== undefined);
  const result = await db.execute(sql`
    select count(*)::int as n from ${beneficiaries} b where ${sql.join(conditions, sql` and `)}`);
  return Number(rowsOf<{ n: unknown }>(result)[0]?.n ?? 0);
}
