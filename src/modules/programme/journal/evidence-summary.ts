import type { confidenceLevel, evidenceClaim } from '../tables.ts';

export type EvidenceClaim = (typeof evidenceClaim.enumValues)[number];
export type Confidence = (typeof confidenceLevel.enumValues)[number];

export const CLAIMS: EvidenceClaim[] = [
  'recurrence',
  'consequences_usagers',
  'consequences_collectivite',
  'solution',
];
const rank: Record<Confidence, number> = { faible: 1, moyenne: 2, forte: 3 };

export type ClaimGroup<T> = {
  claim: EvidenceClaim;
  pieces: T[];
  /** The strongest confidence among the pieces; null when the claim has no evidence yet. */
  strongest: Confidence | null;
};

/**
 * The ledger by claim, in the order of the first step's questions (is it recurrent? what
 * consequences?) then the solution: each claim with its pieces as given and the strongest confidence
 * reached, so a team sees at a glance which claim still rests on weak evidence.
 */
export function groupByClaim<T extends { claim: EvidenceClaim; confidence: Confidence }>(
  pieces: T[],
): ClaimGroup<T>[] {
  return CLAIMS.map((claim) => {
    const mine = pieces.filter((p) => p.claim === claim);
    const strongest = mine.reduce<Confidence | null>(
      (best, p) => (best === null || rank[p.confidence] > rank[best] ? p.confidence : best),
      null,
    );
    return { claim, pieces: mine, strongest };
  });
}
