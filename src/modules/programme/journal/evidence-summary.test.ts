import { describe, expect, it } from 'vitest';
import { groupByClaim } from './evidence-summary.ts';

describe('the ledger grouped by claim', () => {
  it('keeps the claims in order, counts the pieces and finds the strongest confidence', () => {
    const groups = groupByClaim([
      { id: 1, claim: 'recurrence', confidence: 'faible' },
      { id: 2, claim: 'consequences_usagers', confidence: 'moyenne' },
      { id: 3, claim: 'recurrence', confidence: 'forte' },
      { id: 4, claim: 'recurrence', confidence: 'moyenne' },
    ] as const);
    expect(groups.map((g) => [g.claim, g.pieces.map((p) => p.id), g.strongest])).toEqual([
      ['recurrence', [1, 3, 4], 'forte'],
      ['consequences_usagers', [2], 'moyenne'],
      ['consequences_collectivite', [], null],
      ['solution', [], null],
    ]);
  });
});
