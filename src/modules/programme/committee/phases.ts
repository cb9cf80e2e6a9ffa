import { addDays } from '../../../platform/scheduling/slots/calendar.ts';
import type { Decision } from './conflicts.ts';

/**
 * What a committee decision does to the project's phase timeline (programme_project_phases). Pure
 * and table-tested (phases.test.ts); decision.service.ts applies the plan in the decision's
 * transaction.
 *
 * - « go »: the current phase (investigation, as a rule) ends the day before the committee and
 *   « construction » starts on the committee's day. A project already in construction or later stays.
 * - « stop »: the current phase ends the day before and « abandon » starts on the committee's day,
 *   with the post-mortem as its comment. A project already abandoned stays.
 * - « provisoire »: no change (the project keeps investigating until the evidence is in).
 *
 * The current phase is the open one (no end), the latest if several. A decision is corrected until
 * the minutes are published: `undoPhaseChange` finds the row the decision opened (its phase, starting
 * on the committee's day) and the row it closed (ending the day before) and reverses both.
 */

export type PhaseName =
  | 'investigation'
  | 'construction'
  | 'acceleration'
  | 'consolidation'
  | 'transfer'
  | 'alumni'
  | 'abandon';

export type PhaseRow = { id: string; phase: PhaseName; startsOn: string; endsOn: string | null };

export type PhaseChange = {
  close: { id: string; endsOn: string } | null;
  open: { phase: PhaseName; startsOn: string; comment: string } | null;
};

const NO_CHANGE: PhaseChange = { close: null, open: null };

/** Phases a « go » leaves as they are: the project is already past investigation. */
const BUILDING: PhaseName[] = ['construction', 'acceleration', 'consolidation', 'transfer', 'alumni'];

export function targetPhaseOf(decision: Decision): PhaseName | null {
  return decision === 'go' ? 'construction' : decision === 'stop' ? 'abandon' : null;
}

export function currentPhase(phases: PhaseRow[]): PhaseRow | null {
  const byStart = [...phases].sort((a, b) => b.startsOn.localeCompare(a.startsOn));
  return byStart.find((p) => p.endsOn === null) ?? byStart[0] ?? null;
}

/** The plan, or the reason it cannot be applied (in French, for the decision form). */
export function planPhaseChange(
  decision: Decision,
  phases: PhaseRow[],
  day: string,
  comment: string,
): PhaseChange | { error: string } {
  const target = targetPhaseOf(decision);
  if (!target) return NO_CHANGE;
  const current = currentPhase(phases);
  if (current?.phase === target || (target === 'construction' && current && BUILDING.includes(current.phase)))
    return NO_CHANGE;
  if (phases.some((p) => p.phase === target && p.startsOn === day))
    return { error: `Le projet a déjà une phase « ${target} » qui commence le jour du comité.` };
  let close: PhaseChange['close'] = null;
  if (current && current.endsOn === null) {
    const endsOn = addDays(day, -1);
    if (current.startsOn > endsOn)
      return {
        error:
          'La phase en cours du projet commence le jour du comité ou après : corrigez ses dates avant de décider.',
      };
    close = { id: current.id, endsOn };
  }
  return { close, open: { phase: target, startsOn: day, comment } };
}

export type PhaseUndo = { deleteId: string | null; reopenId: string | null };

/** Reverses what `planPhaseChange` did for `decision` on that day (nothing if it changed nothing). */
export function undoPhaseChange(decision: Decision, phases: PhaseRow[], day: string): PhaseUndo {
  const target = targetPhaseOf(decision);
  const opened = target ? phases.find((p) => p.phase === target && p.startsOn === day) : undefined;
  if (!opened) return { deleteId: null, reopenId: null };
  const dayBefore = addDays(day, -1);
  const closed = phases.find((p) => p.id !== opened.id && p.endsOn === dayBefore);
  return { deleteId: opened.id, reopenId: closed?.id ?? null };
}
