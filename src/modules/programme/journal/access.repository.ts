import { eq } from 'drizzle-orm';
import type { Db } from '../../../platform/db/client.ts';
import { cohorts, projects, teamMembers } from '../tables.ts';

/** The rows the journal's pages are about, found by the slugs of their URLs. */

export async function cohortBySlug(db: Db, slug: string) {
  const [row] = await db
    .select({
      id: cohorts.id,
      slug: cohorts.slug,
      name: cohorts.name,
      startsOn: cohorts.startsOn,
      endsOn: cohorts.endsOn,
    })
    .from(cohorts)
    .where(eq(cohorts.slug, slug));
  return row ?? null;
}

/** Each project of the cohort with its coach and its members (and their managers), in one query. */
export async function teamsOfCohort(db: Db, cohortId: string) {
  return db
    .select({
      projectId: projects.id,
      coachAgentId: projects.coachAgentId,
      agentId: teamMembers.agentId,
      managerAgentId: teamMembers.managerAgentId,
    })
    .from(projects)
    .leftJoin(teamMembers, eq(teamMembers.projectId, projects.id))
    .where(eq(projects.cohortId, cohortId));
}
