import type { Db } from '../../../platform/db/client.ts';
import { forbidden, notFound } from '../../../platform/errors.ts';
import type { Caller } from '../../../platform/tenancy/caller.ts';
import { cohortFacts } from '../context.repository.ts';
import { type CohortFacts, canViewProject, isStaff, type ProjectFacts } from '../policy.ts';
import { openProjectWork, type WorkNeed, type WorkProject } from '../project-access.ts';
import { cohortBySlug, teamsOfCohort } from './access.repository.ts';

/**
 * Who reaches the journal. Those who work on the project (team, coach, staff) read and write; the
 * team members' managers read only (403 on a change); anyone else gets 404, the same answer as for a
 * project that does not exist. Cohort milestones are the staff's, shown read-only to the teams.
 */

export type Need = WorkNeed;

const READ_ONLY =
  'Vous consultez le journal de ce projet en tant que responsable d’un membre de l’équipe : seuls l’équipe, son coach et l’incubateur le modifient.';

export type JournalProject = WorkProject;

export function openJournal(db: Db, caller: Caller, slug: string, need: Need): Promise<JournalProject> {
  return openProjectWork(db, caller, slug, need, READ_ONLY);
}

export type MilestonesCohort = NonNullable<Awaited<ReturnType<typeof cohortBySlug>>> & {
  facts: CohortFacts;
  mayWrite: boolean;
};

/** The cohort's milestones: the staff keep them; whoever sees one of its projects reads them. */
export async function openCohortMilestones(
  db: Db,
  caller: Caller,
  slug: string,
  need: Need,
): Promise<MilestonesCohort> {
  const cohort = await cohortBySlug(db, slug);
  const facts = cohort ? await cohortFacts(db, cohort.id) : null;
  if (!cohort || !facts) throw notFound();
  const staff = isStaff(caller.actor, facts);
  if (!staff && !(await seesAProjectOf(db, caller, facts))) throw notFound();
  if (need === 'write' && !staff) {
    throw forbidden('Les jalons de la saison sont tenus par l’incubateur et les coachs.');
  }
  return { ...cohort, facts, mayWrite: staff };
}

async function seesAProjectOf(db: Db, caller: Caller, cohort: CohortFacts): Promise<boolean> {
  const rows = await teamsOfCohort(db, cohort.id);
  const byProject = new Map<string, ProjectFacts>();
  for (const row of rows) {
    const facts = byProject.get(row.projectId) ?? {
      cohort,
      coachAgentId: row.coachAgentId,
      teamAgentIds: [],
      managerAgentIds: [],
    };
    if (row.agentId) facts.teamAgentIds.push(row.agentId);
    if (row.managerAgentId) facts.managerAgentIds.push(row.managerAgentId);
    byProject.set(row.projectId, facts);
  }
  return [...byProject.values()].some((facts) => canViewProject(caller.actor, facts));
}
