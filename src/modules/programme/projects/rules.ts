import type { Actor } from '../../../platform/auth/actor.ts';
import { canViewProject, canWorkOnProject, isStaff, type ProjectFacts } from '../policy.ts';

/**
 * What each page of a project asks of the actor, on top of policy.ts (pure, so table-tested there):
 * - view: the workspace home (team members, coach, staff, and the members' managers);
 * - work: the public fields (team members, coach, staff — not the managers, who only look);
 * - team: composing the team (the staff and the project's coach);
 * - staff: the coach, the phases and the detachment plan (the incubator decides those: a phase change
 *   follows a committee, and the plan is what it agreed with the partner territory).
 */
export type ProjectNeed = 'view' | 'work' | 'team' | 'staff';

export function canManageTeam(actor: Actor, project: ProjectFacts): boolean {
  return isStaff(actor, project.cohort) || project.coachAgentId === actor.agentId;
}

export function allows(actor: Actor, project: ProjectFacts, need: ProjectNeed): boolean {
  switch (need) {
    case 'view':
      return canViewProject(actor, project);
    case 'work':
      return canWorkOnProject(actor, project);
    case 'team':
      return canManageTeam(actor, project);
    case 'staff':
      return isStaff(actor, project.cohort);
  }
}

export const refusals: Record<ProjectNeed, string> = {
  view: 'Cette page n’existe pas ou vous n’y avez pas accès.',
  work: 'Les responsables hiérarchiques suivent le projet mais ne le modifient pas : seuls l’équipe, son coach et l’incubateur le peuvent.',
  team: 'Seuls l’incubateur et le coach du projet composent l’équipe.',
  staff: 'Seule l’équipe de l’incubateur peut faire ce changement.',
};
