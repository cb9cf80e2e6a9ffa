/**
 * Conflicts of interest of a juror on a problem. Two come from the facts and are computed each time
 * (so they follow memberships: a juror who joins the submitter's service becomes conflicted, one who
 * leaves it no longer is); the third is declared by the juror and stored (programme_conflicts).
 *
 * - `submitter`: the juror submitted the problem themselves;
 * - `organisation`: the juror is a member (any role) of the organisation the problem was submitted
 *   through (problem.organisation_id) — a colleague judging their own service's problem;
 * - `declared`: the juror said so, with a reason (a friend, a former post…).
 *
 * A conflicted juror cannot review the problem, does not see the other reviews nor the discussion
 * notes on it, and a review they wrote before is left out of the ranking (ranking.ts).
 */
export type ConflictKind = 'submitter' | 'organisation' | 'declared';

export type JurorFacts = { agentId: string; organisationIds: readonly string[] };
export type ProblemConflictFacts = { id: string; organisationId: string; submitterAgentId: string };
export type DeclaredConflict = { agentId: string; problemId: string };

/** Why the juror is conflicted on the problem (the strongest reason first), or null when they are not. */
export function jurorConflict(
  juror: JurorFacts,
  problem: ProblemConflictFacts,
  declared: readonly DeclaredConflict[],
): ConflictKind | null {
  if (juror.agentId === problem.submitterAgentId) return 'submitter';
  if (juror.organisationIds.includes(problem.organisationId)) return 'organisation';
  if (declared.some((d) => d.agentId === juror.agentId && d.problemId === problem.id)) return 'declared';
  return null;
}

/** « Is this juror conflicted on this problem? » */
export function isJurorConflicted(
  juror: JurorFacts,
  problem: ProblemConflictFacts,
  declared: readonly DeclaredConflict[],
): boolean {
  return jurorConflict(juror, problem, declared) !== null;
}

export const conflictKindLabels: Record<ConflictKind, string> = {
  submitter: 'a proposé ce problème',
  organisation: 'membre du service qui a proposé ce problème',
  declared: 'conflit déclaré',
};
