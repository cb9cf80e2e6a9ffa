import { describe, expect, it } from 'vitest';
import { summariseFunnel } from './funnel.ts';

describe('summariseFunnel', () => {
  const partners = [
    { id: 'var', name: 'Département du Var' },
    { id: 'pau', name: 'Pau Béarn Pyrénées' },
  ];

  it('adds up the territories and keeps every partner, even one with nothing yet', () => {
    const funnel = summariseFunnel(
      [
        { territoryId: 'var', territoryName: 'Département du Var', submitted: 45, selected: 4, go: 0 },
        { territoryId: 'ailleurs', territoryName: 'Ancien partenaire', submitted: 2, selected: 0, go: 0 },
      ],
      partners,
    );
    expect(funnel.total).toEqual({ submitted: 47, selected: 4, go: 0 });
    expect(funnel.steps).toEqual([
      { key: 'submitted', label: 'Problèmes soumis', count: 47 },
      { key: 'selected', label: 'Problèmes retenus', count: 4 },
      { key: 'go', label: 'Projets poursuivis (go en comité)', count: 0 },
    ]);
    expect(funnel.byTerritory).toEqual([
      { territoryId: 'var', name: 'Département du Var', submitted: 45, selected: 4, go: 0 },
      { territoryId: 'pau', name: 'Pau Béarn Pyrénées', submitted: 0, selected: 0, go: 0 },
      { territoryId: 'ailleurs', name: 'Ancien partenaire', submitted: 2, selected: 0, go: 0 },
    ]);
  });

  it('is all zeros for a cohort with nothing yet', () => {
    expect(summariseFunnel([], []).total).toEqual({ submitted: 0, selected: 0, go: 0 });
  });
});
