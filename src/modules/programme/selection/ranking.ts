import { weightedScore } from '../rubric.ts';
import {
  type ConflictKind,
  type DeclaredConflict,
  type JurorFacts,
  jurorConflict,
  type ProblemConflictFacts,
} from './conflicts.ts';

/**
 * The jury's ranking, computed from the rows each time (nothing cached, so a new membership or a
 * declared conflict changes it at once). Pure: the repository reads, this counts; ranking.test.ts
 * checks the arithmetic.
 *
 * A review counts when its author is still a juror of the call and is not conflicted on the problem.
 * Its weighted score on 100 is rubric.ts's weightedScore; the problem's score is the mean of those.
 */

export type Criterion = { key: string; label: string; weight: number };
export type Review = { problemId: string; jurorAgentId: string; scores: Record<string, number> };

export type RankedProblem<P extends ProblemConflictFacts> = P & {
  /** Reviews that count. */
  reviewCount: number;
  /** Reviews left out: their author is conflicted on the problem or no longer a juror. */
  excludedCount: number;
  /** Mean weighted score on 100 (one decimal), null without a counted review. */
  score: number | null;
  /** Mean score 0–4 per criterion key (one decimal), null when no counted review scored it. */
  criterionMeans: Record<string, number | null>;
};

const oneDecimal = (value: number) => Math.round(value * 10) / 10;
const mean = (values: number[]) =>
  values.length === 0 ? null : oneDecimal(values.reduce((a, b) => a + b, 0) / values.length);

export function rankProblems<P extends ProblemConflictFacts>(input: {
  problems: P[];
  criteria: Criterion[];
  jurors: JurorFacts[];
  declared: DeclaredConflict[];
  reviews: Review[];
}): RankedProblem<P>[] {
  const jurors = new Map(input.jurors.map((j) => [j.agentId, j]));
  return input.problems.map((problem) => {
    const own = input.reviews.filter((r) => r.problemId === problem.id);
    const counted = own.filter((review) => {
      const juror = jurors.get(review.jurorAgentId);
      return juror !== undefined && jurorConflict(juror, problem, input.declared) === null;
    });
    const scores = counted.flatMap((r) => {
      const score = weightedScore(input.criteria, r.scores);
      return score === null ? [] : [score];
    });
    const criterionMeans: Record<string, number | null> = {};
    for (const criterion of input.criteria) {
      criterionMeans[criterion.key] = mean(
        counted.flatMap((r) => (r.scores[criterion.key] === undefined ? [] : [r.scores[criterion.key]!])),
      );
    }
    return {
      ...problem,
      reviewCount: counted.length,
      excludedCount: own.length - counted.length,
      score: mean(scores),
      criterionMeans,
    };
  });
}

export const rankingOrders = ['score', 'moi-aussi', 'avis', 'titre'] as const;
export type RankingOrder = (typeof rankingOrders)[number];

export const rankingOrderLabels: Record<RankingOrder, string> = {
  score: 'Score (le plus haut d’abord)',
  'moi-aussi': 'Nombre de « moi aussi »',
  avis: 'Nombre d’avis',
  titre: 'Titre (ordre alphabétique)',
};

/**
 * Sorts a copy of the ranking. Problems without a score come last whatever the order; ties go to the
 * more « moi aussi », then to the title, so the order never depends on the database's.
 */
export function sortRanking<P extends ProblemConflictFacts & { title: string; meTooCount: number }>(
  rows: RankedProblem<P>[],
  order: RankingOrder,
): RankedProblem<P>[] {
  const byTitle = (a: RankedProblem<P>, b: RankedProblem<P>) => a.title.localeCompare(b.title, 'fr');
  const byScore = (a: RankedProblem<P>, b: RankedProblem<P>) =>
    (b.score ?? -1) - (a.score ?? -1) || b.meTooCount - a.meTooCount || byTitle(a, b);
  const compare = {
    score: byScore,
    'moi-aussi': (a: RankedProblem<P>, b: RankedProblem<P>) => b.meTooCount - a.meTooCount || byScore(a, b),
    avis: (a: RankedProblem<P>, b: RankedProblem<P>) => b.reviewCount - a.reviewCount || byScore(a, b),
    titre: byTitle,
  }[order];
  return [...rows].sort(compare);
}

export type ProgressItem<P> = { problem: P; conflict: ConflictKind | null; reviewed: boolean };

/**
 * A juror's own progress: the problems they have to review (not conflicted) and which they did.
 * Conflicted problems are listed apart, so the juror sees why they are not asked to review them.
 */
export function jurorProgress<P extends ProblemConflictFacts>(
  juror: JurorFacts,
  problems: P[],
  declared: DeclaredConflict[],
  reviews: Review[],
) {
  const items: ProgressItem<P>[] = problems.map((problem) => ({
    problem,
    conflict: jurorConflict(juror, problem, declared),
    reviewed: reviews.some((r) => r.problemId === problem.id && r.jurorAgentId === juror.agentId),
  }));
  const toReview = items.filter((i) => i.conflict === null);
  return {
    items,
    total: toReview.length,
    reviewed: toReview.filter((i) => i.reviewed).length,
  };
}
