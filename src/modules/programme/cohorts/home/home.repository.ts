import { and, asc, desc, eq, inArray, isNull, or } from 'drizzle-orm';
import type { Db } from '../../../../platform/db/client.ts';
import type { CohortFacts } from '../../policy.ts';
import {
  calls,
  coaches,
  cohorts,
  cohortTerritories,
  committeeMembers,
  committees,
  jurors,
  problems,
  projects,
  teamMembers,
} from '../../tables.ts';

/** The SQL of the agent's home in the programme: one query per section, none per row. */

/** Every cohort with the facts policy.ts decides on (a deployment runs a handful a year). */
export async function cohortsWithFacts(db: Db) {
  const [rows, territoryRows, coachRows] = await Promise.all([
    db.select().from(cohorts).orderBy(desc(cohorts.startsOn)),
    db.select().from(cohortTerritories),
    db.select().from(coaches),
  ]);
  return rows.map((cohort) => ({
    cohort,
    facts: {
      id: cohort.id,
      incubatorOrganisationId: cohort.incubatorOrganisationId,
      territoryIds: territoryRows.filter((t) => t.cohortId === cohort.id).map((t) => t.territoryId),
      coachIds: coachRows.filter((c) => c.cohortId === cohort.id).map((c) => c.agentId),
    } satisfies CohortFacts,
  }));
}

export async function callsOfCohorts(db: Db, cohortIds: string[]) {
  if (cohortIds.length === 0) return [];
  return db
    .select({
      id: calls.id,
      cohortId: calls.cohortId,
      title: calls.title,
      opensAt: calls.opensAt,
      closesAt: calls.closesAt,
    })
    .from(calls)
    .where(inArray(calls.cohortId, cohortIds))
    .orderBy(asc(calls.closesAt));
}

/** The agent's own problems, drafts included, most recently changed first. */
export async function problemsOfAgent(db: Db, agentId: string) {
  return db
    .select({
      id: problems.id,
      title: problems.title,
      status: problems.status,
      updatedAt: problems.updatedAt,
      callId: calls.id,
      callTitle: calls.title,
      closesAt: calls.closesAt,
    })
    .from(problems)
    .innerJoin(calls, eq(calls.id, problems.callId))
    .where(eq(problems.submitterAgentId, agentId))
    .orderBy(desc(problems.updatedAt));
}

/** The calls whose jury the agent sits on. */
export async function juriesOf(db: Db, agentId: string) {
  return db.select({ callId: jurors.callId }).from(jurors).where(eq(jurors.agentId, agentId));
}

/** Projects the agent works on: on the team (still there) or as the project's coach. */
export async function projectsOfAgent(db: Db, agentId: string) {
  const onTeam = db
    .select({ projectId: teamMembers.projectId })
    .from(teamMembers)
    .where(and(eq(teamMembers.agentId, agentId), isNull(teamMembers.leftOn)));
  return db
    .select({ id: projects.id, slug: projects.slug, title: projects.title, cohortId: projects.cohortId })
    .from(projects)
    .where(or(eq(projects.coachAgentId, agentId), inArray(projects.id, onTeam)))
    .orderBy(asc(projects.title));
}

export async function projectsOfCohorts(db: Db, cohortIds: string[]) {
  if (cohortIds.length === 0) return [];
  return db
    .select({ id: projects.id, slug: projects.slug, title: projects.title, cohortId: projects.cohortId })
    .from(projects)
    .where(inArray(projects.cohortId, cohortIds))
    .orderBy(asc(projects.title));
}

export async function committeesOf(db: Db, agentId: string) {
  return db
    .select({
      id: committees.id,
      title: committees.title,
      meetsAt: committees.meetsAt,
      cohortId: committees.cohortId,
    })
    .from(committeeMembers)
    .innerJoin(committees, eq(committees.id, committeeMembers.committeeId))
    .where(eq(committeeMembers.agentId, agentId))
    .orderBy(desc(committees.meetsAt));
}

/** Whether the agent answers weekly check-ins (on a team) or acknowledges them (a member's manager). */
export async function checkinRoles(db: Db, agentId: string) {
  const [member, manager] = await Promise.all([
    db
      .select({ id: teamMembers.id })
      .from(teamMembers)
      .where(and(eq(teamMembers.agentId, agentId), isNull(teamMembers.leftOn)))
      .limit(1),
    db
      .select({ id: teamMembers.id })
      .from(teamMembers)
      .where(and(eq(teamMembers.managerAgentId, agentId), isNull(teamMembers.leftOn)))
      .limit(1),
  ]);
  return { member: member.length > 0, manager: manager.length > 0 };
}
