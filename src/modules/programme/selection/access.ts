import type { Db } from '../../../platform/db/client.ts';
import { forbidden, notFound } from '../../../platform/errors.ts';
import { type Caller, isUuid } from '../../../platform/tenancy/caller.ts';
import { cohortFacts } from '../context.repository.ts';
import { type CohortFacts, isStaff } from '../policy.ts';
import { type ConflictKind, jurorConflict } from './conflicts.ts';
import { declaredConflictsOfProblem } from './evaluation.repository.ts';
import {
  type CallRow,
  findCall,
  findProblem,
  isJurorOf,
  type ProblemRow,
  REVIEWABLE_STATUSES,
} from './selection.repository.ts';

/**
 * Who may open which selection page. Staff of the cohort run the jury; jurors of the call review its
 * problems; anyone else gets 404, the same answer as for a call or problem that does not exist.
 */

export const CALL_NOT_FOUND = 'Cet appel à problèmes n’existe pas ou vous n’y avez pas accès.';
export const PROBLEM_NOT_FOUND = 'Ce problème n’existe pas ou vous n’êtes pas membre de son jury.';

export type CallAccess = { call: CallRow; cohort: CohortFacts; staff: boolean; juror: boolean };

async function callAccess(db: Db, caller: Caller, callId: string): Promise<CallAccess | null> {
  const call = isUuid(callId) ? await findCall(db, callId) : null;
  if (!call) return null;
  const cohort = (await cohortFacts(db, call.cohortId))!;
  return {
    call,
    cohort,
    staff: isStaff(caller.actor, cohort),
    juror: await isJurorOf(db, call.id, caller.actor.agentId),
  };
}

/** The jury's set-up and the decisions: staff only. */
export async function openCallAsStaff(db: Db, caller: Caller, callId: string): Promise<CallAccess> {
  const access = await callAccess(db, caller, callId);
  if (!access?.staff) throw notFound(CALL_NOT_FOUND);
  return access;
}

/** The selection page: staff (the ranking) and jurors (their progress). */
export async function openCallForSelection(db: Db, caller: Caller, callId: string): Promise<CallAccess> {
  const access = await callAccess(db, caller, callId);
  if (!access || !(access.staff || access.juror)) throw notFound(CALL_NOT_FOUND);
  return access;
}

export type ProblemAccess = CallAccess & {
  problem: ProblemRow;
  /** Why the caller is conflicted on this problem (staff included), or null. */
  conflict: ConflictKind | null;
};

/**
 * A problem the jury reviews, opened by a juror of its call or by staff. Problems not (or no longer)
 * before the jury — drafts, not yet pre-screened, inadmissible, merged — are not found here.
 */
export async function openProblemForJury(db: Db, caller: Caller, problemId: string): Promise<ProblemAccess> {
  const problem = isUuid(problemId) ? await findProblem(db, problemId) : null;
  if (!problem || !(REVIEWABLE_STATUSES as readonly string[]).includes(problem.status)) {
    throw notFound(PROBLEM_NOT_FOUND);
  }
  const access = await callAccess(db, caller, problem.callId);
  if (!access || !(access.staff || access.juror)) throw notFound(PROBLEM_NOT_FOUND);
  const declared = await declaredConflictsOfProblem(db, problem.id);
  const conflict = jurorConflict(
    {
      agentId: caller.actor.agentId,
      organisationIds: caller.actor.memberships.map((m) => m.organisationId),
    },
    problem,
    declared,
  );
  return { ...access, problem, conflict };
}

/** Decisions on a problem: staff; a juror who sees the problem is refused (403). */
export async function openProblemForDecision(
  db: Db,
  caller: Caller,
  problemId: string,
): Promise<ProblemAccess> {
  const access = await openProblemForJury(db, caller, problemId);
  if (!access.staff) throw forbidden('Seule l’équipe du programme décide des problèmes retenus.');
  return access;
}
