import type { projectPhase } from '../tables.ts';

export type Phase = (typeof projectPhase.enumValues)[number];

/** One step of a project's timeline; days as 'YYYY-MM-DD', no end while it lasts. */
export type PhaseStep = { phase: Phase; startsOn: string; endsOn: string | null };

/**
 * The phase a project is in: the one still open (no end date), the latest started if several are;
 * when every phase has ended (an abandoned project whose last phase was closed), the latest started.
 * The portfolio's SQL orders phases the same way (`ends_on is null desc, starts_on desc`).
 */
export function currentPhase<T extends PhaseStep>(steps: T[]): T | null {
  let best: T | null = null;
  for (const step of steps) {
    if (best === null) {
      best = step;
      continue;
    }
    const open = step.endsOn === null;
    const bestOpen = best.endsOn === null;
    if ((open && !bestOpen) || (open === bestOpen && step.startsOn > best.startsOn)) best = step;
  }
  return best;
}

/** The timeline in the order it happened. */
export function chronological<T extends PhaseStep>(steps: T[]): T[] {
  return [...steps].sort(
    (a, b) => a.startsOn.localeCompare(b.startsOn) || (a.endsOn ?? '9').localeCompare(b.endsOn ?? '9'),
  );
}

/**
 * The phase's name in the beta.gouv.fr catalogue. Ours are theirs, except for an abandon: a project
 * stopped during its first step (nothing but investigation before it) is « abandon-investigation »
 * there, one stopped later plain « abandon ».
 */
export function betagouvPhaseName(step: PhaseStep, timeline: PhaseStep[]): string {
  if (step.phase !== 'abandon') return step.phase;
  const before = timeline.filter((other) => other !== step && other.startsOn <= step.startsOn);
  return before.every((other) => other.phase === 'investigation' || other.phase === 'abandon')
    ? 'abandon-investigation'
    : 'abandon';
}
