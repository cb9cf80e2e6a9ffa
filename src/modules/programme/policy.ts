import type { Actor } from '../../platform/auth/actor.ts';

/**
 * Who may do what in the programme. The facts come from the database (context.repository.ts); the
 * rules here are pure, so they are table-tested.
 *
 * - The **incubator** runs a cohort: admins and agents of its organisation, and the cohort's coaches,
 *   are its staff (pre-screening, merging, jury set-up, decisions, teams, committees). Admins of the
 *   incubator (and operators) create cohorts and calls.
 * - **Partner agents** — any non-read-only member of an organisation of a partner territory — submit
 *   problems while a call is open, see the submitted ones and say « moi aussi ».
 * - **Jurors** of a call review its problems, except those they have a conflict with.
 * - **Team members** of a project (and its coach, and the staff) keep its journal and surveys; each
 *   member answers their weekly check-in, which their **manager** acknowledges.
 * - **Committee members** vote on the projects of their committee, except where conflicted.
 * Anything else: the record does not exist for them (404).
 */

export type CohortFacts = {
  id: string;
  incubatorOrganisationId: string;
  territoryIds: string[];
  coachIds: string[];
};

export type ProjectFacts = {
  cohort: CohortFacts;
  coachAgentId: string | null;
  teamAgentIds: string[];
  managerAgentIds: string[];
};

function roleIn(actor: Actor, organisationId: string) {
  return actor.memberships.find((m) => m.organisationId === organisationId)?.role;
}

/** Admins of the incubator (and operators) create and configure cohorts and their calls. */
export function canConfigureCohort(
  actor: Actor,
  cohort: Pick<CohortFacts, 'incubatorOrganisationId'>,
): boolean {
  return actor.isOperator || roleIn(actor, cohort.incubatorOrganisationId) === 'admin';
}

/** Which incubators the actor may create cohorts for ('all' for operators). */
export function incubatorsAdministered(actor: Actor): 'all' | string[] {
  if (actor.isOperator) return 'all';
  return actor.memberships
    .filter((m) => m.organisationKind === 'incubateur' && m.role === 'admin')
    .map((m) => m.organisationId);
}

/** The people who run the cohort day to day. */
export function isStaff(actor: Actor, cohort: CohortFacts): boolean {
  if (actor.isOperator || cohort.coachIds.includes(actor.agentId)) return true;
  const role = roleIn(actor, cohort.incubatorOrganisationId);
  return role === 'admin' || role === 'agent';
}

/** Sees the cohort's workspace (read-only members of the incubator included). */
export function canViewCohort(actor: Actor, cohort: CohortFacts): boolean {
  return (
    isStaff(actor, cohort) ||
    roleIn(actor, cohort.incubatorOrganisationId) !== undefined ||
    actor.memberships.some((m) => m.territoryId !== null && cohort.territoryIds.includes(m.territoryId))
  );
}

/** Partner agents submit problems and say « moi aussi ». Read-only members do not. */
export function isPartnerAgent(actor: Actor, cohort: CohortFacts): boolean {
  return actor.memberships.some(
    (m) => m.role !== 'readonly' && m.territoryId !== null && cohort.territoryIds.includes(m.territoryId),
  );
}

/** The organisations through which the actor may submit to the cohort (they choose one if several). */
export function submittingOrganisations(actor: Actor, cohort: CohortFacts) {
  return actor.memberships.filter(
    (m) => m.role !== 'readonly' && m.territoryId !== null && cohort.territoryIds.includes(m.territoryId),
  );
}

/** Team members, the project's coach and the staff work on a project (journal, surveys, materials). */
export function canWorkOnProject(actor: Actor, project: ProjectFacts): boolean {
  return (
    isStaff(actor, project.cohort) ||
    project.coachAgentId === actor.agentId ||
    project.teamAgentIds.includes(actor.agentId)
  );
}

/** Sees the project's workspace: those who work on it, and the team members' managers. */
export function canViewProject(actor: Actor, project: ProjectFacts): boolean {
  return canWorkOnProject(actor, project) || project.managerAgentIds.includes(actor.agentId);
}
