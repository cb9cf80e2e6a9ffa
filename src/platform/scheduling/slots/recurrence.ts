import {
  dayFromNumber,
  dayNumber,
  localInstant,
  minutesOf,
  mondayOf,
  PARIS,
  weekdayOfNumber,
} from './calendar.ts';

/** A half-open span of time [start, end) in epoch milliseconds. */
export type Interval = { start: number; end: number };

/** What opening slots and recurring absences share: weekdays from a first day, every N weeks. */
export type WeeklyRule = {
  weekdays: number[];
  firstDay: string;
  lastDay: string | null;
  everyWeeks: number;
};

export type OpeningSlotRule = WeeklyRule & {
  id: string;
  agentId: string;
  placeId: string;
  startTime: string;
  endTime: string;
  openOnHolidays: boolean;
};

export type AbsenceRule = {
  agentId: string;
  firstDay: string;
  lastDay: string | null;
  startTime: string;
  endTime: string;
  /** Null: one stretch of time from firstDay at startTime to lastDay at endTime. */
  weekdays: number[] | null;
  everyWeeks: number;
};

/** An opening slot on one local day: the agent receives at the place from start to end. */
export type Opening = Interval & { day: string; openingSlotId: string; agentId: string; placeId: string };

/** A weekly rule with its days as numbers, checked many times per search. */
export type CompiledRule = {
  first: number;
  last: number;
  weekdays: boolean[];
  everyWeeks: number;
  firstMonday: number;
};

export function compile(rule: WeeklyRule): CompiledRule {
  const first = dayNumber(rule.firstDay);
  const weekdays: boolean[] = [];
  for (const w of rule.weekdays) weekdays[w] = true;
  return {
    first,
    last: rule.lastDay === null ? Number.POSITIVE_INFINITY : dayNumber(rule.lastDay),
    weekdays,
    everyWeeks: rule.everyWeeks,
    firstMonday: mondayOf(first),
  };
}

export function occursOnCompiled(rule: CompiledRule, n: number): boolean {
  if (n < rule.first || n > rule.last || !rule.weekdays[weekdayOfNumber(n)]) return false;
  return rule.everyWeeks <= 1 || ((mondayOf(n) - rule.firstMonday) / 7) % rule.everyWeeks === 0;
}

/**
 * Whether a weekly rule applies on day number `n`. "Every N weeks" counts whole weeks (Monday to
 * Sunday) from the week of the first day, so the week of firstDay always counts, whatever its weekday.
 * Worked example: firstDay Wednesday 2027-03-03, every 2 weeks, weekdays [1, 3]: Wednesday 3 March yes
 * (week 0), Monday 8 and Wednesday 10 no (week 1), Monday 15 yes (week 2) — but Monday 1 March no,
 * being before the first day even though it is in week 0.
 */
export function occursOn(rule: WeeklyRule, n: number): boolean {
  return occursOnCompiled(compile(rule), n);
}

/**
 * The local-time openings of one opening slot between two local days (inclusive), closed on the days
 * `isClosed` names (public holidays at that place) unless the slot says it opens on holidays.
 * Each opening's instants are computed from the local times of its own day, so 08:00–12:00 is four
 * hours on the Monday after the spring change too (06:00Z–10:00Z instead of 07:00Z–11:00Z).
 */
export function expandOpeningSlot(
  slot: OpeningSlotRule,
  from: string,
  to: string,
  isClosed: (day: string) => boolean = () => false,
  timeZone: string = PARIS,
): Opening[] {
  const openings: Opening[] = [];
  const rule = compile(slot);
  const first = Math.max(dayNumber(from), rule.first);
  const last = Math.min(dayNumber(to), rule.last);
  const startMinutes = minutesOf(slot.startTime);
  const endMinutes = minutesOf(slot.endTime);
  for (let n = first; n <= last; n++) {
    if (!occursOnCompiled(rule, n)) continue;
    const day = dayFromNumber(n);
    if (!slot.openOnHolidays && isClosed(day)) continue;
    openings.push({
      day,
      start: localInstant(day, startMinutes, timeZone),
      end: localInstant(day, endMinutes, timeZone),
      openingSlotId: slot.id,
      agentId: slot.agentId,
      placeId: slot.placeId,
    });
  }
  return openings;
}

/**
 * The intervals an absence takes out of the agent's time between two local days (inclusive).
 * One-off: a single stretch, e.g. firstDay 2027-07-05 09:00 → lastDay 2027-07-09 24:00 is one interval
 * of five days (not five times 09:00–24:00: the nights and mornings in between are absent too).
 * Recurring: on its weekdays between startTime and endTime, e.g. every Wednesday 13:30–18:00.
 */
export function expandAbsence(
  absence: AbsenceRule,
  from: string,
  to: string,
  timeZone: string = PARIS,
): Interval[] {
  const startMinutes = minutesOf(absence.startTime);
  const endMinutes = minutesOf(absence.endTime);
  if (absence.weekdays === null) {
    const lastDay = absence.lastDay ?? absence.firstDay;
    if (dayNumber(lastDay) < dayNumber(from) || dayNumber(absence.firstDay) > dayNumber(to)) return [];
    return [
      {
        start: localInstant(absence.firstDay, startMinutes, timeZone),
        end: localInstant(lastDay, endMinutes, timeZone),
      },
    ];
  }
  const rule = compile({ ...absence, weekdays: absence.weekdays });
  const intervals: Interval[] = [];
  const first = Math.max(dayNumber(from), rule.first);
  const last = Math.min(dayNumber(to), rule.last);
  for (let n = first; n <= last; n++) {
    if (!occursOnCompiled(rule, n)) continue;
    const day = dayFromNumber(n);
    intervals.push({
      start: localInstant(day, startMinutes, timeZone),
      end: localInstant(day, endMinutes, timeZone),
    });
  }
  return intervals;
}
