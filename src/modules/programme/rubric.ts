/**
 * The jury's default rubric: each criterion scored 0–4 by every juror, weighted. A call starts with
 * these and staff may reweigh them before the first review.
 */
export const DEFAULT_CRITERIA = [
  {
    key: 'impact',
    label: 'Impact pour les usagers',
    description: 'Combien de personnes, et combien leur situation changerait si le problème était résolu.',
    weight: 3,
  },
  {
    key: 'recurrence',
    label: 'Récurrence',
    description: 'Le problème revient-il souvent, chez plusieurs agents ou services (« moi aussi ») ?',
    weight: 2,
  },
  {
    key: 'evidence',
    label: 'Éléments de preuve',
    description: 'Chiffres, témoignages, données qui montrent le problème.',
    weight: 2,
  },
  {
    key: 'feasibility',
    label: 'Faisabilité en trois mois',
    description: 'Une équipe d’agents détachés un jour par semaine peut-elle l’instruire et prototyper ?',
    weight: 2,
  },
  {
    key: 'sponsor',
    label: 'Engagement du sponsor',
    description: 'Un responsable soutient la démarche et libère le temps des agents.',
    weight: 1,
  },
] as const;

/** Scores go from 0 (absent) to 4 (très fort). */
export const SCORE_MAX = 4;

/**
 * The weighted score of a review, on 100: Σ weight × score / Σ weight × 4. Criteria the juror left
 * unscored are left out of both sums (null when none was scored).
 */
export function weightedScore(
  criteria: { key: string; weight: number }[],
  scores: Record<string, number>,
): number | null {
  let got = 0;
  let max = 0;
  for (const criterion of criteria) {
    const score = scores[criterion.key];
    if (score === undefined) continue;
    got += criterion.weight * score;
    max += criterion.weight * SCORE_MAX;
  }
  return max === 0 ? null : Math.round((got / max) * 1000) / 10;
}
