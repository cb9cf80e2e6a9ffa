import type { Db } from '../../../platform/db/client.ts';
import { projects, teamMembers } from '../tables.ts';
import { programmeWorld } from '../testing.ts';

/**
 * programmeWorld with a project of the cohort: the Var agent on its team (the Var colleague is her
 * manager, who sees the project read-only), the coach as its coach. Incubator staff work on it too.
 */
export async function surveyWorld(db: Db) {
  const world = await programmeWorld(db);
  const [project] = await db
    .insert(projects)
    .values({
      slug: `accueil-${Math.random().toString(36).slice(2, 8)}`,
      cohortId: world.cohort.id,
      territoryId: world.varTerritory.id,
      title: 'Accueil téléphonique de l’UTS',
      coachAgentId: world.coach.id,
      startsOn: world.cohort.startsOn,
    })
    .returning();
  await db.insert(teamMembers).values({
    projectId: project!.id,
    agentId: world.varAgent.id,
    managerAgentId: world.varColleague.id,
    joinedOn: world.cohort.startsOn,
  });
  return { ...world, project: project! };
}
