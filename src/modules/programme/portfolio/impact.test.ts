import { describe, expect, it } from 'vitest';
import type { IndicatorReading } from '../../../platform/indicators/indicators.ts';
import { baselineComparison, indicatorValueText, sampleText } from './impact.ts';

const asOf = new Date('2030-01-15T10:00:00Z');
const delay: IndicatorReading = {
  key: 'rsa.delai_moyen_premier_rdv',
  module: 'rsa',
  title: 'Délai moyen jusqu’au premier rendez-vous',
  unit: 'jours',
  description: 'Délai moyen.',
  better: 'lower',
  baseline: { value: 259, label: 'Délai moyen dans le Var en 2019', source: 'Département du Var' },
  value: 42,
  sample: 120,
  masked: false,
  asOf,
};

describe('impact indicators as the public reads them', () => {
  it('shows the figure, or says why there is none', () => {
    expect(indicatorValueText(delay)).toBe('42 jours');
    expect(indicatorValueText({ ...delay, value: null, sample: null, masked: true })).toBe('Non publié');
    expect(indicatorValueText({ ...delay, value: null, sample: 0 })).toBe('Pas encore de données');
  });

  it('says what it is computed on, « < 5 » when withheld', () => {
    expect(sampleText(delay)).toBe('Calculé sur 120 personnes ou événements.');
    expect(sampleText({ ...delay, value: null, sample: null, masked: true })).toMatch(
      /moins de 5 personnes \(< 5\)/,
    );
    expect(sampleText({ ...delay, value: null, sample: 0 })).toBe('Aucune donnée à compter pour l’instant.');
  });

  it.each([
    [{ value: 42 }, 'Mieux qu’avant : 217 jours de moins.'],
    [{ value: 300 }, 'Moins bien qu’avant : 41 jours de plus.'],
    [{ value: 259 }, 'Comme avant.'],
    [{ value: 42, better: undefined }, '217 jours de moins qu’avant.'],
    [
      { value: 12.5, unit: '%', better: 'higher' as const, baseline: { value: 11, label: '', source: '' } },
      'Mieux qu’avant : 1,5 point de plus.',
    ],
    [{ value: null }, null],
    [{ baseline: undefined }, null],
  ])('compares %o with the baseline: %s', (change, expected) => {
    expect(baselineComparison({ ...delay, ...change })).toBe(expected);
  });
});
