/**
 * Conflicts of interest of committee members, and the tally that leaves them out. Pure and
 * table-tested (conflicts.test.ts).
 *
 * A member is conflicted on a project when they are on its team (current or former member), its
 * coach, or the manager of one of its team members — computed from the team rows, so they follow
 * the team — or when they declared it (programme_conflicts with project_id, with their reason). A
 * conflicted member does not vote on that project, and any vote they gave before is left out of
 * the tally.
 */

export type ConflictReason =
  | { kind: 'equipe' }
  | { kind: 'coach' }
  | { kind: 'manager' }
  | { kind: 'declare'; reason: string };

export type ProjectPeople = {
  teamAgentIds: string[];
  coachAgentId: string | null;
  managerAgentIds: string[];
};

/** Every reason the agent is conflicted on the project (empty: they vote). */
export function conflictsOf(
  agentId: string,
  project: ProjectPeople,
  declared: { agentId: string; reason: string }[],
): ConflictReason[] {
  const reasons: ConflictReason[] = [];
  if (project.teamAgentIds.includes(agentId)) reasons.push({ kind: 'equipe' });
  if (project.coachAgentId === agentId) reasons.push({ kind: 'coach' });
  if (project.managerAgentIds.includes(agentId)) reasons.push({ kind: 'manager' });
  for (const d of declared) if (d.agentId === agentId) reasons.push({ kind: 'declare', reason: d.reason });
  return reasons;
}

export function describeConflict(reason: ConflictReason): string {
  switch (reason.kind) {
    case 'equipe':
      return 'membre de l’équipe du projet';
    case 'coach':
      return 'coach du projet';
    case 'manager':
      return 'responsable hiérarchique d’un membre de l’équipe';
    case 'declare':
      return `conflit déclaré : ${reason.reason}`;
  }
}

export type Decision = 'go' | 'provisoire' | 'stop';
export type Vote = { memberAgentId: string; score: number; vote: Decision };

export type Tally = {
  /** Votes counted: those of current, non-conflicted members. */
  counted: number;
  /** Mean score (0–4) of the counted votes, null when none. */
  meanScore: number | null;
  counts: Record<Decision, number>;
  /** Non-conflicted members who have not voted yet. */
  awaiting: number;
};

/**
 * The item's tally: only votes of members who are on the committee and not conflicted on the
 * project count. `eligibleAgentIds` are those members.
 */
export function tallyVotes(votes: Vote[], eligibleAgentIds: string[]): Tally {
  const eligible = new Set(eligibleAgentIds);
  const counted = votes.filter((v) => eligible.has(v.memberAgentId));
  const counts: Record<Decision, number> = { go: 0, provisoire: 0, stop: 0 };
  for (const v of counted) counts[v.vote]++;
  const total = counted.reduce((sum, v) => sum + v.score, 0);
  return {
    counted: counted.length,
    meanScore: counted.length ? Math.round((total / counted.length) * 10) / 10 : null,
    counts,
    awaiting: eligible.size - counted.length,
  };
}
