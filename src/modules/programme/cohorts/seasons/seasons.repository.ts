import { and, asc, count, eq, inArray, isNull, ne, sql } from 'drizzle-orm';
import type { Db } from '../../../../platform/db/client.ts';
import { agents, memberships, organisations, territories } from '../../../../platform/tenancy/tables.ts';
import { calls, coaches, cohorts, cohortTerritories, problems, projects, teamMembers } from '../../tables.ts';

/** The SQL of the season (cohort) pages: its settings, partners, coaches and what it holds. */

export type SeasonValues = Omit<typeof cohorts.$inferInsert, 'id' | 'createdAt' | 'interviewsAnonymisedAt'>;

export type AgentChoice = { id: string; email: string; firstName: string; lastName: string };

const agentColumns = {
  id: agents.id,
  email: agents.email,
  firstName: agents.firstName,
  lastName: agents.lastName,
};

/** The incubators a cohort may belong to: those given, or all of them ('all', for operators). */
export async function incubatorOptions(db: Db, ids: 'all' | string[]) {
  if (ids !== 'all' && ids.length === 0) return [];
  return db
    .select({ id: organisations.id, name: organisations.name })
    .from(organisations)
    .where(
      and(eq(organisations.kind, 'incubateur'), ids === 'all' ? undefined : inArray(organisations.id, ids)),
    )
    .orderBy(asc(organisations.name));
}

export async function territoryOptions(db: Db) {
  return db
    .select({ id: territories.id, name: territories.name })
    .from(territories)
    .orderBy(asc(territories.name));
}

/** Active members of the incubators (agents and admins): the usual coaches, offered as checkboxes. */
export async function incubatorMembers(db: Db, incubatorIds: string[]) {
  if (incubatorIds.length === 0) return [];
  return db
    .selectDistinct({ ...agentColumns, organisationName: organisations.name })
    .from(memberships)
    .innerJoin(agents, eq(agents.id, memberships.agentId))
    .innerJoin(organisations, eq(organisations.id, memberships.organisationId))
    .where(
      and(
        inArray(memberships.organisationId, incubatorIds),
        ne(memberships.role, 'readonly'),
        isNull(agents.deactivatedAt),
      ),
    )
    .orderBy(asc(agents.lastName), asc(agents.firstName));
}

export async function activeAgentsById(db: Db, ids: string[]): Promise<AgentChoice[]> {
  if (ids.length === 0) return [];
  return db
    .select(agentColumns)
    .from(agents)
    .where(and(inArray(agents.id, ids), isNull(agents.deactivatedAt)));
}

export async function existingTerritories(db: Db, ids: string[]): Promise<string[]> {
  if (ids.length === 0) return [];
  const rows = await db.select({ id: territories.id }).from(territories).where(inArray(territories.id, ids));
  return rows.map((r) => r.id);
}

export async function slugInUse(db: Db, slug: string, exceptCohortId?: string): Promise<boolean> {
  const rows = await db
    .select({ id: cohorts.id })
    .from(cohorts)
    .where(and(eq(cohorts.slug, slug), exceptCohortId ? ne(cohorts.id, exceptCohortId) : undefined));
  return rows.length > 0;
}

export async function insertSeason(db: Db, values: SeasonValues) {
  const [row] = await db.insert(cohorts).values(values).returning();
  return row!;
}

export async function updateSeason(db: Db, cohortId: string, values: SeasonValues) {
  await db.update(cohorts).set(values).where(eq(cohorts.id, cohortId));
}

/** Replaces the partner territories and the coaches of a cohort by the given lists. */
export async function setPartnersAndCoaches(
  db: Db,
  cohortId: string,
  territoryIds: string[],
  coachIds: string[],
) {
  await db.delete(cohortTerritories).where(eq(cohortTerritories.cohortId, cohortId));
  await db.delete(coaches).where(eq(coaches.cohortId, cohortId));
  if (territoryIds.length)
    await db.insert(cohortTerritories).values(territoryIds.map((territoryId) => ({ cohortId, territoryId })));
  if (coachIds.length) await db.insert(coaches).values(coachIds.map((agentId) => ({ cohortId, agentId })));
}

export async function organisationName(db: Db, id: string): Promise<string> {
  const [row] = await db
    .select({ name: organisations.name })
    .from(organisations)
    .where(eq(organisations.id, id));
  return row?.name ?? '';
}

export async function partnersOf(db: Db, cohortId: string) {
  return db
    .select({ id: territories.id, name: territories.name })
    .from(cohortTerritories)
    .innerJoin(territories, eq(territories.id, cohortTerritories.territoryId))
    .where(eq(cohortTerritories.cohortId, cohortId))
    .orderBy(asc(territories.name));
}

export async function coachesOf(db: Db, cohortId: string): Promise<AgentChoice[]> {
  return db
    .select(agentColumns)
    .from(coaches)
    .innerJoin(agents, eq(agents.id, coaches.agentId))
    .where(eq(coaches.cohortId, cohortId))
    .orderBy(asc(agents.lastName), asc(agents.firstName));
}

export async function callsOf(db: Db, cohortId: string) {
  return db
    .select({ id: calls.id, title: calls.title, opensAt: calls.opensAt, closesAt: calls.closesAt })
    .from(calls)
    .where(eq(calls.cohortId, cohortId))
    .orderBy(asc(calls.opensAt));
}

/** The cohort's funnel so far: problems submitted (drafts and merged duplicates left out), retained, projects, agents. */
export async function countsOf(db: Db, cohortId: string) {
  const [problemCounts] = await db
    .select({
      submitted:
        sql<number>`count(*) filter (where ${problems.status} not in ('brouillon', 'fusionne'))`.mapWith(
          Number,
        ),
      retained: sql<number>`count(*) filter (where ${problems.status} = 'retenu')`.mapWith(Number),
    })
    .from(problems)
    .innerJoin(calls, eq(calls.id, problems.callId))
    .where(eq(calls.cohortId, cohortId));
  const [projectCount] = await db
    .select({ n: count() })
    .from(projects)
    .where(eq(projects.cohortId, cohortId));
  const [agentCount] = await db
    .select({ n: sql<number>`count(distinct ${teamMembers.agentId})`.mapWith(Number) })
    .from(teamMembers)
    .innerJoin(projects, eq(projects.id, teamMembers.projectId))
    .where(eq(projects.cohortId, cohortId));
  return {
    submitted: problemCounts?.submitted ?? 0,
    retained: problemCounts?.retained ?? 0,
    projects: projectCount?.n ?? 0,
    agents: agentCount?.n ?? 0,
  };
}
