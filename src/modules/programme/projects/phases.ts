import { addDays } from '../../../platform/scheduling/agenda/week-grid.ts';
import { formatDay } from '../dates.ts';
import { phaseLabels } from '../labels.ts';
import type { projectPhase } from '../tables.ts';

/**
 * A project's phase timeline, pure. Rows never overlap: each phase ends before the next begins, and
 * only the latest may be open (no end: the current phase). Adding a phase closes the open one the day
 * before the new one starts, as a committee « go » does (investigation ends on the 14th, construction
 * begins on the 15th). The service checks the whole resulting timeline here before writing anything.
 */

export type Phase = (typeof projectPhase.enumValues)[number];
export const PHASES = Object.keys(phaseLabels) as Phase[];

export type PhaseRow = { id: string; phase: Phase; startsOn: string; endsOn: string | null; comment: string };
export type PhaseInput = Omit<PhaseRow, 'id'>;

/** The form's fields, as the errors name them. */
export type PhaseField = 'phase' | 'debut' | 'fin';
export type PhaseErrors = Partial<Record<PhaseField | '_', string>>;

export function sortTimeline<T extends Pick<PhaseRow, 'startsOn'>>(rows: T[]): T[] {
  return [...rows].sort((a, b) => a.startsOn.localeCompare(b.startsOn));
}

/** The phase without an end, else the one that started last. */
export function currentPhase<T extends Pick<PhaseRow, 'startsOn' | 'endsOn'>>(rows: T[]): T | null {
  return rows.find((r) => r.endsOn === null) ?? sortTimeline(rows).at(-1) ?? null;
}

const span = (row: Pick<PhaseRow, 'phase' | 'startsOn' | 'endsOn'>) =>
  `« ${phaseLabels[row.phase]} » (${row.endsOn ? `du ${formatDay(row.startsOn)} au ${formatDay(row.endsOn)}` : `depuis le ${formatDay(row.startsOn)}, sans fin`})`;

/**
 * What is wrong with a timeline, for the row being written (`subject`): an end before its start, or
 * an overlap with another row. Null when it holds.
 */
export function timelineErrors(rows: PhaseRow[], subject: string): PhaseErrors | null {
  const own = rows.find((r) => r.id === subject);
  if (own?.endsOn && own.endsOn < own.startsOn) {
    return { fin: 'La fin de la phase ne peut pas précéder son début.' };
  }
  const sorted = sortTimeline(rows);
  for (let i = 1; i < sorted.length; i++) {
    const before = sorted[i - 1]!;
    const after = sorted[i]!;
    if (before.endsOn !== null && before.endsOn < after.startsOn) continue;
    // The subject is the one to move: its start if it is the later row, else its end.
    if (after.id === subject) return { debut: `Cette phase chevauche la phase ${span(before)}.` };
    if (before.id === subject) return { fin: `Cette phase chevauche la phase ${span(after)}.` };
    return { _: `Les phases ${span(before)} et ${span(after)} se chevauchent.` };
  }
  return null;
}

export type Addition =
  | { ok: true; close: { id: string; endsOn: string } | null }
  | { ok: false; errors: PhaseErrors };

/**
 * Adding a phase: the open phase, if it began before the new one, is closed the day before. Adding a
 * phase before the open one (filling in history) must fit between the existing rows.
 */
export function planAddition(rows: PhaseRow[], input: PhaseInput): Addition {
  const open = rows.find((r) => r.endsOn === null);
  const close =
    open && open.startsOn < input.startsOn ? { id: open.id, endsOn: addDays(input.startsOn, -1) } : null;
  const next = rows.map((r) => (close && r.id === close.id ? { ...r, endsOn: close.endsOn } : r));
  const errors = timelineErrors([...next, { ...input, id: NEW }], NEW);
  return errors ? { ok: false, errors } : { ok: true, close };
}

const NEW = '(nouvelle)';

/** Changing one row (its phase, dates, comment): the timeline must still hold; nothing else moves. */
export function checkEdit(rows: PhaseRow[], id: string, input: PhaseInput): PhaseErrors | null {
  return timelineErrors(
    rows.map((r) => (r.id === id ? { ...input, id } : r)),
    id,
  );
}

export type Deletion = { ok: true; reopen: string | null } | { ok: false; errors: PhaseErrors };

/**
 * Deleting a row (a phase entered by mistake). A project keeps at least one phase. Deleting the latest
 * phase reopens the one before it when that one was closed the day before by the addition.
 */
export function planDeletion(rows: PhaseRow[], id: string): Deletion {
  if (rows.length <= 1) {
    return { ok: false, errors: { _: 'Un projet a toujours au moins une phase : modifiez-la plutôt.' } };
  }
  const sorted = sortTimeline(rows);
  const index = sorted.findIndex((r) => r.id === id);
  const deleted = sorted[index];
  const before = sorted[index - 1];
  const wasLatest = index === sorted.length - 1;
  const reopen =
    deleted && before && wasLatest && before.endsOn === addDays(deleted.startsOn, -1) ? before.id : null;
  return { ok: true, reopen };
}
