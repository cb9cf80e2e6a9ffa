import { describe, expect, it } from 'vitest';
import { type HypothesisState, stateChangeProblem } from './hypothesis-states.ts';

describe('hypothesis state rules', () => {
  const cases: [HypothesisState, HypothesisState, string, 'etat' | 'conclusion' | null][] = [
    ['a_tester', 'en_test', '', null],
    ['a_tester', 'confirmee', 'Vu 12 fois', 'etat'],
    ['a_tester', 'invalidee', 'Non', 'etat'],
    ['en_test', 'a_tester', '', null],
    ['en_test', 'invalidee', '', 'conclusion'],
    ['en_test', 'invalidee', '   ', 'conclusion'],
    ['en_test', 'invalidee', 'Les usagers rappellent rarement', null],
    ['en_test', 'confirmee', 'Confirmé par 14 entretiens', null],
    ['invalidee', 'en_test', '', null],
    ['confirmee', 'en_test', '', null],
    ['confirmee', 'invalidee', 'Changement d’avis', 'etat'],
    ['en_test', 'en_test', '', 'etat'],
  ];
  it.each(cases)('%s → %s (conclusion « %s »): refused on %s', (from, to, conclusion, field) => {
    expect(stateChangeProblem(from, to, conclusion)?.field ?? null).toBe(field);
  });
});
