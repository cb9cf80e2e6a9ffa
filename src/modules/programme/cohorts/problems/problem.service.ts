import type { Actor } from '../../../../platform/auth/actor.ts';
import type { Db } from '../../../../platform/db/client.ts';
import { openProblem } from '../access.ts';
import { callStateAt } from '../calls/call-state.ts';
import { ME_TOO_STATUSES } from './me-too.service.ts';
import {
  agentById,
  agentNames,
  mergedInto,
  mergeTargets,
  meToosOf,
  organisationAndTerritory,
  problemTitle,
} from './problems.repository.ts';
import { TRIAGE_STATUSES } from './triage.service.ts';

/**
 * A problem's page: its text and status, its « moi aussi » (names and services for the staff, a count
 * for the others, their own for each agent), its history (pre-screening, merges), and what the actor
 * may do from here.
 */
export async function viewProblem(db: Db, actor: Actor, problemId: string, now: Date) {
  const open = await openProblem(db, actor, problemId);
  const { problem, roles, author, call } = open;
  const state = callStateAt(call, now);
  const triage = (TRIAGE_STATUSES as readonly string[]).includes(problem.status);
  const [meToos, origin, merged, keptTitle, targets, names, submitter] = await Promise.all([
    meToosOf(db, problem.id),
    organisationAndTerritory(db, problem.organisationId),
    mergedInto(db, problem.id),
    problem.mergedIntoId ? problemTitle(db, problem.mergedIntoId) : Promise.resolve(undefined),
    roles.staff && triage ? mergeTargets(db, call.id, problem.id) : Promise.resolve([]),
    agentNames(db, problem.prescreenedBy ? [problem.prescreenedBy] : []),
    roles.staff || author ? agentById(db, problem.submitterAgentId) : Promise.resolve(undefined),
  ]);
  const mine = meToos.find((m) => m.agentId === actor.agentId);
  return {
    ...open,
    state,
    origin,
    submitter,
    meTooCount: meToos.length,
    /** Names and services: the staff only. */
    meToos: roles.staff ? meToos : [],
    mine,
    merged,
    keptTitle,
    prescreenedByName: problem.prescreenedBy ? names.get(problem.prescreenedBy) : undefined,
    /** The pre-screening note is for the author and the staff. */
    showPrescreenNote: roles.staff || author,
    mayEdit:
      author &&
      roles.partner &&
      state === 'ouvert' &&
      (problem.status === 'brouillon' || problem.status === 'soumis'),
    mayWithdraw: author && problem.status === 'brouillon',
    mayMeToo:
      !author && roles.partner && !mine && (ME_TOO_STATUSES as readonly string[]).includes(problem.status),
    mayTriage: roles.staff && triage,
    mergeTargets: targets,
  };
}

export type ProblemPage = Awaited<ReturnType<typeof viewProblem>>;
