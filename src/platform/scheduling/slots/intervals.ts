import type { Interval } from './recurrence.ts';

/**
 * Sorts and merges overlapping or touching intervals: [9h,10h) + [9h30,11h) + [11h,12h) → [9h,12h).
 * The result is what `cutSlots` walks with one pointer.
 */
export function mergeIntervals(intervals: Interval[]): Interval[] {
  if (intervals.length === 0) return [];
  const sorted = [...intervals].sort((a, b) => a.start - b.start);
  const merged: Interval[] = [{ ...sorted[0]! }];
  for (let i = 1; i < sorted.length; i++) {
    const current = sorted[i]!;
    const last = merged[merged.length - 1]!;
    if (current.start <= last.end) last.end = Math.max(last.end, current.end);
    else merged.push({ ...current });
  }
  return merged;
}

/**
 * What is left of `free` once `busy` is taken out: [8h,12h) − [9h,10h) − [11h30,13h) → [8h,9h) + [10h,11h30).
 * Both lists may come in any order; the result is sorted.
 */
export function subtractIntervals(free: Interval[], busy: Interval[]): Interval[] {
  const blocked = mergeIntervals(busy);
  const result: Interval[] = [];
  for (const interval of mergeIntervals(free)) {
    let start = interval.start;
    for (const b of blocked) {
      if (b.end <= start) continue;
      if (b.start >= interval.end) break;
      if (b.start > start) result.push({ start, end: b.start });
      start = Math.max(start, b.end);
      if (start >= interval.end) break;
    }
    if (start < interval.end) result.push({ start, end: interval.end });
  }
  return result;
}

export type CutOptions = {
  durationMs: number;
  bufferMs: number;
  /** Slots start at or after this instant (now + the minimum booking delay). */
  earliest: number;
  /** Slots start before this instant (end of the last bookable local day). */
  latest: number;
};

/**
 * The slot starts of one opening, given the agent's blocked time (appointments with their buffers and
 * absences, merged and sorted by `mergeIntervals`). This is the subtraction "opening − blocked" done
 * lazily, candidate by candidate, with one pointer: the blocked list is walked once per opening.
 *
 * Rules, with an opening 09:00–12:00, 45-minute type:
 * - starts step by the duration from the opening's start: 09:00, 09:45, 10:30, 11:15 (11:15 ends at
 *   12:00, it fits; nothing starts at 12:00). Aligning on the opening rather than on the last
 *   appointment keeps a predictable grid for the agent and the person.
 * - the appointment [start, start + duration) lies inside the opening;
 * - [start, start + duration + buffer) touches no blocked time: with a 15-minute buffer and an
 *   appointment at 10:30, 09:45 is refused (its buffer runs to 10:45). The buffer may run past the
 *   opening's end (the agent's paperwork after the last person), but not into another appointment or
 *   an absence: the exclusion constraint compares [starts_at, blocked_until) the same way.
 * - earliest <= start < latest (booking delays).
 */
export function cutSlots(
  opening: Interval,
  blocked: Interval[],
  options: CutOptions,
  /** Where to push the starts (a search reuses one array for all its openings). */
  starts: number[] = [],
): number[] {
  const { durationMs, bufferMs, earliest, latest } = options;
  if (durationMs <= 0) return starts;
  let start = opening.start;
  if (earliest > start) start += Math.ceil((earliest - start) / durationMs) * durationMs;
  // The first blocked interval that ends after the first candidate, by bisection: an agent's blocked
  // list covers the whole search, its openings each look at a few intervals of it.
  let p = 0;
  let high = blocked.length;
  while (p < high) {
    const middle = (p + high) >>> 1;
    if (blocked[middle]!.end <= start) p = middle + 1;
    else high = middle;
  }
  for (; start + durationMs <= opening.end && start < latest; start += durationMs) {
    const end = start + durationMs + bufferMs;
    while (p < blocked.length && blocked[p]!.end <= start) p++;
    if (p < blocked.length && blocked[p]!.start < end) continue;
    starts.push(start);
  }
  return starts;
}
