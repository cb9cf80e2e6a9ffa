import type { Db } from '../../../platform/db/client.ts';
import { forbidden, notFound } from '../../../platform/errors.ts';
import type { Caller } from '../../../platform/tenancy/caller.ts';
import { cohortFacts, projectFacts } from '../context.repository.ts';
import { type CohortFacts, canViewProject, canWorkOnProject, isStaff, type ProjectFacts } from '../policy.ts';
import { cohortBySlug, projectBySlug, teamsOfCohort } from './access.repository.ts';

/**
 * Who reaches the journal. Those who work on the project (team, coach, staff) read and write; the
 * team members' managers read only (403 on a change); anyone else gets 404, the same answer as for a
 * project that does not exist. Cohort milestones are the staff's, shown read-only to the teams.
 */

export type Need = 'read' | 'write';

const READ_ONLY =
  'Vous consultez le journal de ce projet en tant que responsable d’un membre de l’équipe : seuls l’équipe, son coach et l’incubateur le modifient.';

export type JournalProject = NonNullable<Awaited<ReturnType<typeof projectBySlug>>> & {
  facts: ProjectFacts;
  mayWrite: boolean;
  /** The cohort's staff also keep the cohort's milestones. */
  isStaff: boolean;
};

export async function openJournal(db: Db, caller: Caller, slug: string, need: Need): Promise<JournalProject> {
  const project = await projectBySlug(db, slug);
  const facts = project ? await projectFacts(db, project.id) : null;
  if (!project || !facts || !canViewProject(caller.actor, facts)) throw notFound();
  const mayWrite = canWorkOnProject(caller.actor, facts);
  if (need === 'write' && !mayWrite) throw forbidden(READ_ONLY);
  return { ...project, facts, mayWrite, isStaff: isStaff(caller.actor, facts.cohort) };
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
