import type { hypothesisState } from '../tables.ts';

export type HypothesisState = (typeof hypothesisState.enumValues)[number];

/**
 * How a hypothesis moves: it is tested before it is concluded (« à tester » → « en test » →
 * « invalidée » or « confirmée »). A test may be put back on the list, and a conclusion reopened when
 * new evidence arrives (« invalidée »/« confirmée » → « en test »); the conclusion text is kept, so it
 * is offered again when the team concludes once more.
 */
export const nextStates: Record<HypothesisState, HypothesisState[]> = {
  a_tester: ['en_test'],
  en_test: ['a_tester', 'invalidee', 'confirmee'],
  invalidee: ['en_test'],
  confirmee: ['en_test'],
};

/** A concluded hypothesis says what the team learnt. */
export function needsConclusion(state: HypothesisState): boolean {
  return state === 'invalidee' || state === 'confirmee';
}

export type StateChangeProblem = { field: 'etat' | 'conclusion'; message: string } | null;

/** Why a change of state is refused, or null when it is allowed. */
export function stateChangeProblem(
  from: HypothesisState,
  to: HypothesisState,
  conclusion: string,
): StateChangeProblem {
  if (!nextStates[from].includes(to)) {
    return {
      field: 'etat',
      message:
        from === 'a_tester'
          ? 'Une hypothèse se teste avant d’être conclue : passez-la d’abord « en test ».'
          : 'Ce changement d’état n’est pas possible depuis l’état actuel.',
    };
  }
  if (needsConclusion(to) && conclusion.trim() === '') {
    return {
      field: 'conclusion',
      message: 'Écrivez ce que vous avez appris : une hypothèse invalidée ou confirmée a une conclusion.',
    };
  }
  return null;
}
