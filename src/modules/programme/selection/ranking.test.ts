import { describe, expect, it } from 'vitest';
import { DEFAULT_CRITERIA } from '../rubric.ts';
import { jurorProgress, rankProblems, sortRanking } from './ranking.ts';

// Default weights: impact 3, recurrence 2, evidence 2, feasibility 2, sponsor 1 (Σ 10, maximum 40).
const criteria = DEFAULT_CRITERIA.map(({ key, label, weight }) => ({ key, label, weight }));
const all = (score: number) => Object.fromEntries(criteria.map((c) => [c.key, score]));

const problem = (
  id: string,
  organisationId: string,
  values: { title?: string; meTooCount?: number } = {},
) => ({
  id,
  organisationId,
  submitterAgentId: `submitter-${id}`,
  title: values.title ?? id,
  meTooCount: values.meTooCount ?? 0,
});
const victor = { agentId: 'victor', organisationIds: ['var-insertion'] };
const paul = { agentId: 'paul', organisationIds: ['pau-ccas'] };
const sabine = { agentId: 'sabine', organisationIds: ['uts-la-seyne'] };

describe('the ranking of a call', () => {
  it('averages the weighted scores on 100 and the scores per criterion', () => {
    const [row] = rankProblems({
      problems: [problem('p1', 'uts-la-seyne')],
      criteria,
      jurors: [victor, paul],
      declared: [],
      reviews: [
        { problemId: 'p1', jurorAgentId: 'victor', scores: all(4) }, // 40/40 → 100
        {
          problemId: 'p1',
          jurorAgentId: 'paul',
          // 3×2 + 2×3 + 2×1 + 2×4 + 1×0 = 22 / 40 → 55
          scores: { impact: 2, recurrence: 3, evidence: 1, feasibility: 4, sponsor: 0 },
        },
      ],
    });
    expect(row!.reviewCount).toBe(2);
    expect(row!.excludedCount).toBe(0);
    expect(row!.score).toBe(77.5);
    expect(row!.criterionMeans).toEqual({
      impact: 3,
      recurrence: 3.5,
      evidence: 2.5,
      feasibility: 4,
      sponsor: 2,
    });
  });

  it('leaves out the reviews of conflicted jurors (computed or declared) and of former jurors', () => {
    const rows = rankProblems({
      problems: [problem('p1', 'uts-la-seyne'), problem('p2', 'pau-ccas')],
      criteria,
      jurors: [victor, paul, sabine],
      declared: [{ agentId: 'victor', problemId: 'p2' }],
      reviews: [
        { problemId: 'p1', jurorAgentId: 'sabine', scores: all(4) }, // same service: left out
        { problemId: 'p1', jurorAgentId: 'victor', scores: all(1) }, // 25
        { problemId: 'p1', jurorAgentId: 'removed', scores: all(4) }, // no longer a juror: left out
        { problemId: 'p2', jurorAgentId: 'victor', scores: all(4) }, // declared: left out
        { problemId: 'p2', jurorAgentId: 'paul', scores: all(4) }, // Pau juror on a Pau problem: left out
      ],
    });
    expect(rows.map((r) => [r.id, r.reviewCount, r.excludedCount, r.score])).toEqual([
      ['p1', 1, 2, 25],
      ['p2', 0, 2, null],
    ]);
    expect(rows[1]!.criterionMeans.impact).toBeNull();
  });

  it('rounds the mean to one decimal', () => {
    const [row] = rankProblems({
      problems: [problem('p1', 'x')],
      criteria,
      jurors: [victor, paul, { agentId: 'ines', organisationIds: [] }],
      declared: [],
      reviews: [
        { problemId: 'p1', jurorAgentId: 'victor', scores: all(4) }, // 100
        { problemId: 'p1', jurorAgentId: 'paul', scores: all(4) }, // 100
        { problemId: 'p1', jurorAgentId: 'ines', scores: { ...all(4), sponsor: 3 } }, // 39/40 → 97.5
      ],
    });
    expect(row!.score).toBe(99.2); // 297.5 / 3 = 99.1666…
  });

  it('sorts by score, problems without one last, ties by « moi aussi » then title', () => {
    const rows = rankProblems({
      problems: [
        problem('none', 'x', { title: 'Aucun avis' }),
        problem('low', 'x', { title: 'Bas' }),
        problem('tieA', 'x', { title: 'Zèbre', meTooCount: 1 }),
        problem('tieB', 'x', { title: 'Âne', meTooCount: 1 }),
        problem('tieC', 'x', { title: 'Mouton', meTooCount: 5 }),
      ],
      criteria,
      jurors: [victor],
      declared: [],
      reviews: [
        { problemId: 'low', jurorAgentId: 'victor', scores: all(1) },
        { problemId: 'tieA', jurorAgentId: 'victor', scores: all(3) },
        { problemId: 'tieB', jurorAgentId: 'victor', scores: all(3) },
        { problemId: 'tieC', jurorAgentId: 'victor', scores: all(3) },
      ],
    });
    expect(sortRanking(rows, 'score').map((r) => r.id)).toEqual(['tieC', 'tieB', 'tieA', 'low', 'none']);
    expect(sortRanking(rows, 'moi-aussi').map((r) => r.id)).toEqual(['tieC', 'tieB', 'tieA', 'low', 'none']);
    expect(sortRanking(rows, 'titre').map((r) => r.id)).toEqual(['tieB', 'none', 'low', 'tieC', 'tieA']);
    expect(
      sortRanking(rows, 'avis')
        .map((r) => r.id)
        .at(-1),
    ).toBe('none');
  });
});

describe('a juror’s progress', () => {
  it('counts the problems to review, conflicted ones apart', () => {
    const problems = [problem('p1', 'uts-la-seyne'), problem('p2', 'pau-ccas'), problem('p3', 'x')];
    const progress = jurorProgress(
      paul,
      problems,
      [{ agentId: 'paul', problemId: 'p3' }],
      [
        { problemId: 'p1', jurorAgentId: 'paul', scores: all(2) },
        { problemId: 'p3', jurorAgentId: 'paul', scores: all(2) },
        { problemId: 'p1', jurorAgentId: 'victor', scores: all(2) },
      ],
    );
    expect(progress.total).toBe(1);
    expect(progress.reviewed).toBe(1);
    expect(progress.items.map((i) => [i.problem.id, i.conflict, i.reviewed])).toEqual([
      ['p1', null, true],
      ['p2', 'organisation', false],
      ['p3', 'declared', true],
    ]);
  });
});
