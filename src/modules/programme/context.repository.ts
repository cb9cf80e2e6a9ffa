import { eq } from 'drizzle-orm';
import type { Db } from '../../platform/db/client.ts';
import type { CohortFacts, ProjectFacts } from './policy.ts';
import { coaches, cohorts, cohortTerritories, projects, teamMembers } from './tables.ts';

/** The facts policy.ts decides on, read in one place. */

export async function cohortFacts(db: Db, cohortId: string): Promise<CohortFacts | null> {
  const [cohort] = await db
    .select({ id: cohorts.id, incubatorOrganisationId: cohorts.incubatorOrganisationId })
    .from(cohorts)
    .where(eq(cohorts.id, cohortId));
  if (!cohort) return null;
  const [territoryRows, coachRows] = await Promise.all([
    db
      .select({ id: cohortTerritories.territoryId })
      .from(cohortTerritories)
      .where(eq(cohortTerritories.cohortId, cohortId)),
    db.select({ id: coaches.agentId }).from(coaches).where(eq(coaches.cohortId, cohortId)),
  ]);
  return { ...cohort, territoryIds: territoryRows.map((r) => r.id), coachIds: coachRows.map((r) => r.id) };
}

export async function projectFacts(db: Db, projectId: string): Promise<ProjectFacts | null> {
  const [project] = await db
    .select({ cohortId: projects.cohortId, coachAgentId: projects.coachAgentId })
    .from(projects)
    .where(eq(projects.id, projectId));
  if (!project) return null;
  const [cohort, members] = await Promise.all([
    cohortFacts(db, project.cohortId),
    db
      .select({ agentId: teamMembers.agentId, managerAgentId: teamMembers.managerAgentId })
      .from(teamMembers)
      .where(eq(teamMembers.projectId, projectId)),
  ]);
  return {
    cohort: cohort!,
    coachAgentId: project.coachAgentId,
    teamAgentIds: members.map((m) => m.agentId),
    managerAgentIds: members.flatMap((m) => (m.managerAgentId ? [m.managerAgentId] : [])),
  };
}
