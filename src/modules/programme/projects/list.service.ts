import type { Db } from '../../../platform/db/client.ts';
import { notFound } from '../../../platform/errors.ts';
import type { Caller } from '../../../platform/tenancy/caller.ts';
import { cohortFacts } from '../context.repository.ts';
import { canViewCohort, canViewProject, isStaff, type ProjectFacts } from '../policy.ts';
import { currentPhase } from './phases.ts';
import { agentNames, cohortBySlug, phasesOf, projectsOfCohort } from './projects.repository.ts';
import { teamsWithTime } from './team-time.service.ts';

export const COHORT_NOT_FOUND = 'Cette saison n’existe pas ou vous n’y avez pas accès.';

/**
 * The projects of a cohort. The staff see them all; anyone else who sees the cohort sees the
 * projects they work on or whose members they manage (perhaps none). Someone who sees neither the
 * cohort nor any of its projects gets 404.
 */
export async function listCohortProjects(db: Db, caller: Caller, cohortSlug: string, today: string) {
  const cohort = await cohortBySlug(db, cohortSlug);
  const facts = cohort ? await cohortFacts(db, cohort.id) : null;
  if (!cohort || !facts) throw notFound(COHORT_NOT_FOUND);
  const all = await projectsOfCohort(db, cohort.id);
  const teams = await teamsWithTime(db, all, cohort, today);
  const staff = isStaff(caller.actor, facts);
  const visible = all.filter((project) => {
    if (staff) return true;
    const members = teams.get(project.id)!.members;
    const projectFacts: ProjectFacts = {
      cohort: facts,
      coachAgentId: project.coachAgentId,
      teamAgentIds: members.map((m) => m.agentId),
      managerAgentIds: members.flatMap((m) => (m.managerAgentId ? [m.managerAgentId] : [])),
    };
    return canViewProject(caller.actor, projectFacts);
  });
  if (visible.length === 0 && !canViewCohort(caller.actor, facts)) throw notFound(COHORT_NOT_FOUND);
  const [phases, coaches] = await Promise.all([
    phasesOf(
      db,
      visible.map((p) => p.id),
    ),
    agentNames(db, [...new Set(visible.flatMap((p) => (p.coachAgentId ? [p.coachAgentId] : [])))]),
  ]);
  return {
    cohort,
    staff,
    projects: visible.map((project) => {
      const team = teams.get(project.id)!;
      return {
        slug: project.slug,
        title: project.title,
        phase: currentPhase(phases.filter((p) => p.projectId === project.id))?.phase ?? null,
        teamSize: team.members.filter((m) => m.active).length,
        coachName: project.coachAgentId ? (coaches.get(project.coachAgentId) ?? null) : null,
        total: team.total,
      };
    }),
  };
}

export type CohortProjects = Awaited<ReturnType<typeof listCohortProjects>>;
