import { type SQL, sql } from 'drizzle-orm';
import type { Db } from '../../../platform/db/client.ts';
import { agents, organisations, territories } from '../../../platform/tenancy/tables.ts';
import {
  calls,
  checkins,
  coaches,
  cohorts,
  cohortTerritories,
  committeeItems,
  committees,
  problems,
  projectPhases,
  projects,
  teamMembers,
} from '../tables.ts';
import type { FunnelRow } from './funnel.ts';
import type { Phase } from './phases.ts';

/**
 * The public portfolio's reads about cohorts. Each page costs a handful of aggregate queries whatever
 * the number of cohorts, projects or problems (no query per row): lists come back with what they show
 * (partners, counts, current phase) folded in by PostgreSQL. Days travel as text ('YYYY-MM-DD') so
 * that neither driver turns them into instants.
 */

export type CohortSummary = {
  id: string;
  slug: string;
  name: string;
  description: string;
  startsOn: string;
  endsOn: string;
  incubator: { slug: string; name: string };
  partners: { id: string; slug: string; name: string }[];
  coaches: { firstName: string; lastName: string }[];
  projectCount: number;
  publicProjectCount: number;
};

export type ProjectCard = {
  slug: string;
  title: string;
  mission: string;
  territoryName: string;
  cohortSlug: string;
  cohortName: string;
  phase: Phase | null;
  phaseStartsOn: string | null;
};

function rowsOf<T>(result: unknown): T[] {
  return (result as { rows: T[] }).rows;
}

/** The cohort with its incubator, partners, coaches and project counts (c = programme_cohorts). */
function cohortSelect(where: SQL): SQL {
  return sql`
    select c.id, c.slug, c.name, c.description,
           c.starts_on::text as "startsOn", c.ends_on::text as "endsOn",
           json_build_object('slug', o.slug, 'name', o.name) as incubator,
           coalesce((select json_agg(json_build_object('id', t.id, 'slug', t.slug, 'name', t.name) order by t.name)
                       from ${cohortTerritories} ct join ${territories} t on t.id = ct.territory_id
                      where ct.cohort_id = c.id), '[]'::json) as partners,
           coalesce((select json_agg(json_build_object('firstName', a.first_name, 'lastName', a.last_name)
                                     order by a.first_name, a.last_name)
                       from ${coaches} co join ${agents} a on a.id = co.agent_id
                      where co.cohort_id = c.id), '[]'::json) as coaches,
           (select count(*)::int from ${projects} p where p.cohort_id = c.id) as "projectCount",
           (select count(*)::int from ${projects} p where p.cohort_id = c.id and p.is_public) as "publicProjectCount"
      from ${cohorts} c
      join ${organisations} o on o.id = c.incubator_organisation_id
     where ${where}
     order by c.starts_on desc, c.name`;
}

export async function listCohortSummaries(db: Db): Promise<CohortSummary[]> {
  return rowsOf<CohortSummary>(await db.execute(cohortSelect(sql`true`)));
}

export async function findCohortSummary(db: Db, slug: string): Promise<CohortSummary | undefined> {
  return rowsOf<CohortSummary>(await db.execute(cohortSelect(sql`c.slug = ${slug}`)))[0];
}

/** The phase a project is in, as phases.ts's currentPhase picks it (p = programme_projects). */
const currentPhaseJoin = sql`
  left join lateral (
    select ph.phase, ph.starts_on::text as starts_on
      from ${projectPhases} ph
     where ph.project_id = p.id
     order by ph.ends_on is null desc, ph.starts_on desc
     limit 1) cur on true`;

/** The public projects of every cohort (or one), most recent cohort first, as cards. */
export async function listPublicProjectCards(db: Db, cohortId?: string): Promise<ProjectCard[]> {
  const result = await db.execute(sql`
    select p.slug, p.title, p.mission, t.name as "territoryName",
           c.slug as "cohortSlug", c.name as "cohortName",
           cur.phase, cur.starts_on as "phaseStartsOn"
      from ${projects} p
      join ${territories} t on t.id = p.territory_id
      join ${cohorts} c on c.id = p.cohort_id
      ${currentPhaseJoin}
     where p.is_public ${cohortId ? sql`and p.cohort_id = ${cohortId}::uuid` : sql``}
     order by c.starts_on desc, p.title`);
  return rowsOf<ProjectCard>(result);
}

export type CohortProjectOutcome = ProjectCard & {
  /** The latest decision a committee took on the project, if any. */
  decision: 'go' | 'provisoire' | 'stop' | null;
  decidedOn: string | null;
};

/** The public projects of a cohort with their current phase and latest committee decision. */
export async function listCohortOutcomes(db: Db, cohortId: string): Promise<CohortProjectOutcome[]> {
  const result = await db.execute(sql`
    select p.slug, p.title, p.mission, t.name as "territoryName",
           c.slug as "cohortSlug", c.name as "cohortName",
           cur.phase, cur.starts_on as "phaseStartsOn",
           dec.decision, dec.decided_on as "decidedOn"
      from ${projects} p
      join ${territories} t on t.id = p.territory_id
      join ${cohorts} c on c.id = p.cohort_id
      ${currentPhaseJoin}
      left join lateral (
        select i.decision, (coalesce(i.decided_at, m.meets_at) at time zone 'Europe/Paris')::date::text as decided_on
          from ${committeeItems} i join ${committees} m on m.id = i.committee_id
         where i.project_id = p.id and i.decision is not null
         order by m.meets_at desc, i.decided_at desc nulls last
         limit 1) dec on true
     where p.is_public and p.cohort_id = ${cohortId}::uuid
     order by t.name, p.title`);
  return rowsOf<CohortProjectOutcome>(result);
}

/**
 * The funnel of a cohort, per territory, in one pass over its problems and its projects (see funnel.ts
 * for what each step counts). A problem counts in its submitter's territory, a project in its own.
 */
export async function funnelCounts(db: Db, cohortId: string): Promise<FunnelRow[]> {
  const result = await db.execute(sql`
    select x.territory_id as "territoryId", t.name as "territoryName",
           sum(x.submitted)::int as submitted, sum(x.selected)::int as selected, sum(x.go)::int as go
      from (
        select pr.territory_id,
               (pr.status not in ('brouillon', 'fusionne'))::int as submitted,
               (pr.status = 'retenu')::int as selected,
               0 as go
          from ${problems} pr
          join ${calls} ca on ca.id = pr.call_id
         where ca.cohort_id = ${cohortId}::uuid
        union all
        select p.territory_id,
               0,
               (p.problem_id is null)::int,
               (exists (select 1 from ${committeeItems} i
                         where i.project_id = p.id and i.decision = 'go'))::int
          from ${projects} p
         where p.cohort_id = ${cohortId}::uuid
      ) x
      join ${territories} t on t.id = x.territory_id
     group by x.territory_id, t.name
     order by t.name`);
  return rowsOf<FunnelRow>(result);
}

export type CohortEffort = {
  /** Distinct agents on the cohort's teams (an agent on two teams counts once). */
  agents: number;
  /** Sum of the weekly check-ins' days. */
  daysInvested: number;
  /** Days per week × weeks of each team member (theirs, else their project's, else the cohort's). */
  daysPlanned: number;
};

export async function cohortEffort(db: Db, cohortId: string): Promise<CohortEffort> {
  const result = await db.execute(sql`
    select count(distinct tm.agent_id)::int as agents,
           coalesce(sum(coalesce(tm.days_per_week, p.detachment_days_per_week, c.detachment_days_per_week)
                        * coalesce(tm.weeks, p.detachment_weeks, c.detachment_weeks)), 0)::float8 as "daysPlanned",
           (select coalesce(sum(ch.days), 0)::float8
              from ${checkins} ch
              join ${teamMembers} m on m.id = ch.team_member_id
              join ${projects} mp on mp.id = m.project_id
             where mp.cohort_id = ${cohortId}::uuid) as "daysInvested"
      from ${cohorts} c
      left join ${projects} p on p.cohort_id = c.id
      left join ${teamMembers} tm on tm.project_id = p.id
     where c.id = ${cohortId}::uuid`);
  const [row] = rowsOf<CohortEffort>(result);
  return {
    agents: Number(row?.agents ?? 0),
    daysInvested: Number(row?.daysInvested ?? 0),
    daysPlanned: Number(row?.daysPlanned ?? 0),
  };
}
