import { describe, expect, it } from 'vitest';
import { computeResults, numberStats, type ResponseForResults } from './results.ts';
import { receptionSurvey } from './testing.ts';

/**
 * Four responses, counted by hand:
 * - appele: oui, oui, non, (none) → 3 answered; oui 2/3, non 1/3
 * - essais: 2, 5 (only the « oui ») → mean 3.5, median 3.5, min 2, max 5
 * - moyens: [tel], [tel, mail], [], (none) → 2 answered; tel 2/2 = 100 %, mail 1/2, guichet 0
 * - satisfaction: 5, 3, 4 → mean 4; notes 3, 4, 5 once each (1/3), 1 and 2 never
 * - attente: 10, 0, 2.5 → mean 12.5/3, median 2.5, min 0, max 10
 * - idee: one text
 */
const responses: ResponseForResults[] = [
  {
    source: 'en_ligne' as const,
    answers: { appele: 'oui', essais: 2, moyens: ['tel'], satisfaction: 5, attente: 10, idee: 'Un rappel.' },
  },
  {
    source: 'en_ligne' as const,
    answers: { appele: 'oui', essais: 5, moyens: ['tel', 'mail'], satisfaction: 3, attente: 0 },
  },
  { source: 'papier' as const, answers: { appele: 'non', moyens: [], satisfaction: 4, attente: 2.5 } },
  { source: 'en_ligne' as const, answers: {} },
];

describe('computeResults', () => {
  const results = computeResults(receptionSurvey, responses);
  const byId = (id: string) => results.questions.find((r) => r.question.id === id)!;

  it('counts responses by source', () => {
    expect(results.total).toBe(4);
    expect(results.bySource).toEqual({ en_ligne: 3, papier: 1 });
  });

  it('gives counts and shares of those who answered a single choice', () => {
    expect(byId('appele')).toMatchObject({
      answered: 3,
      options: [
        { id: 'oui', label: 'Oui', count: 2, share: 2 / 3 },
        { id: 'non', label: 'Non', count: 1, share: 1 / 3 },
      ],
    });
  });

  it('gives a multiple choice’s shares of its respondents (they may add up to more than 100 %)', () => {
    expect(byId('moyens')).toMatchObject({
      answered: 2,
      options: [
        { id: 'tel', count: 2, share: 1 },
        { id: 'mail', count: 1, share: 0.5 },
        { id: 'guichet', count: 0, share: 0 },
      ],
    });
  });

  it('gives a scale’s distribution over every note and its mean', () => {
    expect(byId('satisfaction')).toMatchObject({
      answered: 3,
      mean: 4,
      notes: [
        { value: 1, count: 0, share: 0 },
        { value: 2, count: 0, share: 0 },
        { value: 3, count: 1, share: 1 / 3 },
        { value: 4, count: 1, share: 1 / 3 },
        { value: 5, count: 1, share: 1 / 3 },
      ],
    });
  });

  it('gives the figures of number questions', () => {
    expect(byId('essais')).toMatchObject({ answered: 2, stats: { mean: 3.5, median: 3.5, min: 2, max: 5 } });
    expect(byId('attente')).toMatchObject({
      answered: 3,
      stats: { mean: 12.5 / 3, median: 2.5, min: 0, max: 10 },
    });
  });

  it('lists free-text answers', () => {
    expect(byId('idee')).toMatchObject({ answered: 1, texts: ['Un rappel.'] });
  });

  it('has nothing to divide when nobody answered', () => {
    const empty = computeResults(receptionSurvey, []);
    expect(empty.questions[0]).toMatchObject({ answered: 0, options: [{ share: 0 }, { share: 0 }] });
    expect(empty.questions.find((r) => r.question.id === 'satisfaction')).toMatchObject({ mean: null });
    expect(numberStats([])).toBeNull();
  });

  it('takes the median of an odd count as its middle value, whatever the order', () => {
    expect(numberStats([9, 1, 4])).toEqual({ mean: 14 / 3, median: 4, min: 1, max: 9 });
  });
});
