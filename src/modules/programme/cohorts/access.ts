import type { Actor } from '../../../platform/auth/actor.ts';
import type { Db } from '../../../platform/db/client.ts';
import { forbidden, notFound } from '../../../platform/errors.ts';
import { isUuid } from '../../../platform/tenancy/caller.ts';
import { cohortFacts } from '../context.repository.ts';
import { type CohortFacts, canConfigureCohort, canViewCohort, isPartnerAgent, isStaff } from '../policy.ts';
import {
  type CallRow,
  type CohortRow,
  callById,
  cohortById,
  cohortBySlug,
  isJurorOf,
  type ProblemRow,
  problemById,
} from './access.repository.ts';

/**
 * Opening a season, a call or a problem for the current agent. Someone who may not see it gets the
 * same 404 as for a record that does not exist; the roles that come with it are computed once here,
 * so pages and services ask `access.staff` rather than re-reading the facts.
 */

export const SEASON_NOT_FOUND = 'Cette saison n’existe pas ou vous n’y avez pas accès.';
export const CALL_NOT_FOUND = 'Cet appel à problèmes n’existe pas ou vous n’y avez pas accès.';
export const PROBLEM_NOT_FOUND = 'Ce problème n’existe pas ou vous n’y avez pas accès.';

export type Roles = {
  /** Runs the cohort: pre-screening, merging, jury. */
  staff: boolean;
  /** Creates and edits the cohort and its calls. */
  configure: boolean;
  /** Submits problems and says « moi aussi ». */
  partner: boolean;
};

export function rolesOf(actor: Actor, facts: CohortFacts): Roles {
  return {
    staff: isStaff(actor, facts),
    configure: canConfigureCohort(actor, facts),
    partner: isPartnerAgent(actor, facts),
  };
}

export type OpenSeason = { cohort: CohortRow; facts: CohortFacts; roles: Roles };

export async function openSeason(db: Db, actor: Actor, slug: string): Promise<OpenSeason> {
  const cohort = await cohortBySlug(db, slug);
  const facts = cohort ? await cohortFacts(db, cohort.id) : null;
  if (!cohort || !facts || !canViewCohort(actor, facts)) throw notFound(SEASON_NOT_FOUND);
  return { cohort, facts, roles: rolesOf(actor, facts) };
}

/** A season whose settings the actor changes: 403 for those who only see it. */
export async function openSeasonToConfigure(db: Db, actor: Actor, slug: string): Promise<OpenSeason> {
  const season = await openSeason(db, actor, slug);
  if (!season.roles.configure)
    throw forbidden('Seuls les administrateurs de l’incubateur modifient la saison et ses appels.');
  return season;
}

export type OpenCall = OpenSeason & { call: CallRow; juror: boolean };

async function loadCall(db: Db, actor: Actor, callId: string) {
  const call = isUuid(callId) ? await callById(db, callId) : undefined;
  if (!call) return null;
  const [cohort, facts, juror] = await Promise.all([
    cohortById(db, call.cohortId),
    cohortFacts(db, call.cohortId),
    isJurorOf(db, call.id, actor.agentId),
  ]);
  if (!cohort || !facts) return null;
  return { cohort, facts, roles: rolesOf(actor, facts), call, juror };
}

/** A call is seen by those who see its cohort, and by its jurors (who may come from elsewhere). */
export async function openCall(db: Db, actor: Actor, callId: string): Promise<OpenCall> {
  const open = await loadCall(db, actor, callId);
  if (!open || !(canViewCohort(actor, open.facts) || open.juror)) throw notFound(CALL_NOT_FOUND);
  return open;
}

export type OpenProblem = OpenCall & { problem: ProblemRow; author: boolean };

/**
 * A problem is seen by those who see its call, and always by its author (even after leaving the
 * partner territory); a draft only by its author — not even the staff: a draft is the agent's own
 * notes until they submit it.
 */
export async function openProblem(db: Db, actor: Actor, problemId: string): Promise<OpenProblem> {
  const problem = isUuid(problemId) ? await problemById(db, problemId) : undefined;
  if (!problem) throw notFound(PROBLEM_NOT_FOUND);
  const author = problem.submitterAgentId === actor.agentId;
  if (problem.status === 'brouillon' && !author) throw notFound(PROBLEM_NOT_FOUND);
  const open = await loadCall(db, actor, problem.callId);
  if (!open || !(author || open.juror || canViewCohort(actor, open.facts))) throw notFound(PROBLEM_NOT_FOUND);
  return { ...open, problem, author };
}
