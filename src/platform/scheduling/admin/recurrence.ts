import { TZDate } from '@date-fns/tz';

/**
 * Weekly rules of opening slots and recurring absences, as calendar arithmetic on local days
 * ('YYYY-MM-DD' in Europe/Paris) and local times ('HH:MM'). Days are counted as whole days since
 * 1970-01-01 (a Thursday), so no time zone or daylight-saving change enters the weekly pattern;
 * only turning a local day and time into an instant (localInstant) needs the time zone.
 *
 * « Every N weeks » counts from the week (Monday to Sunday) of the first day: a rule every 2 weeks
 * starting on Wednesday 6 January 2027 occurs in the weeks of 4 January, 18 January, 1 February…
 */

export const TIME_ZONE = 'Europe/Paris';

export type WeeklyRule = {
  /** ISO weekdays: 1 = Monday … 7 = Sunday. */
  weekdays: number[];
  /** Local times, 'HH:MM' or 'HH:MM:SS' as PostgreSQL returns them; '24:00' is the end of the day. */
  startTime: string;
  endTime: string;
  firstDay: string;
  lastDay: string | null;
  everyWeeks: number;
};

const DAY_MS = 86_400_000;

/** Days since 1970-01-01 for a 'YYYY-MM-DD' string. */
export function dayNumber(day: string): number {
  const [y, m, d] = day.split('-').map(Number);
  return Math.round(Date.UTC(y!, m! - 1, d!) / DAY_MS);
}

export function dayFromNumber(n: number): string {
  return new Date(n * DAY_MS).toISOString().slice(0, 10);
}

export function addDays(day: string, days: number): string {
  return dayFromNumber(dayNumber(day) + days);
}

/** ISO weekday of a local day: 1 = Monday … 7 = Sunday. */
export function isoWeekday(day: string): number {
  return ((((dayNumber(day) + 3) % 7) + 7) % 7) + 1;
}

/** The Monday of the day's week, as a day number. */
function mondayNumber(day: string): number {
  return dayNumber(day) - (isoWeekday(day) - 1);
}

/** A real calendar day written 'YYYY-MM-DD' (no 31 February). */
export function isValidDay(day: string): boolean {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(day)) return false;
  return dayFromNumber(dayNumber(day)) === day;
}

/** Minutes since midnight of 'HH:MM[:SS]'; '24:00' gives 1440. */
export function minutesOf(time: string): number {
  const [h, m] = time.split(':').map(Number);
  return h! * 60 + m!;
}

/** 'HH:MM' of a 'HH:MM[:SS]' time, for form fields. */
export function shortTime(time: string): string {
  return time.slice(0, 5);
}

/** « 9 h », « 9 h 30 », « 24 h » — the French way of writing a time in a sentence. */
export function frenchTime(time: string): string {
  const minutes = minutesOf(time);
  const h = Math.floor(minutes / 60);
  const m = minutes % 60;
  return m === 0 ? `${h} h` : `${h} h ${String(m).padStart(2, '0')}`;
}

export const weekdayNames = [
  'lundi',
  'mardi',
  'mercredi',
  'jeudi',
  'vendredi',
  'samedi',
  'dimanche',
] as const;

export function weekdayName(isoDay: number): string {
  return weekdayNames[isoDay - 1] ?? '';
}

/** « lundi, mardi et jeudi », in week order. */
export function weekdaysList(weekdays: number[]): string {
  const names = [...weekdays].sort((a, b) => a - b).map(weekdayName);
  if (names.length <= 1) return names.join('');
  return `${names.slice(0, -1).join(', ')} et ${names.at(-1)}`;
}

const longDate = new Intl.DateTimeFormat('fr-FR', {
  day: 'numeric',
  month: 'long',
  year: 'numeric',
  timeZone: 'UTC',
});

/** « 5 janvier 2027 » (« 1er » for the first of the month, as French writes it). */
export function frenchDay(day: string): string {
  const text = longDate.format(new Date(dayNumber(day) * DAY_MS));
  return text.replace(/^1 /, '1er ');
}

/** Whether the rule occurs on that local day (its date range, its weekdays and its week pattern). */
export function occursOn(rule: WeeklyRule, day: string): boolean {
  if (day < rule.firstDay || (rule.lastDay !== null && day > rule.lastDay)) return false;
  if (!rule.weekdays.includes(isoWeekday(day))) return false;
  const weeks = (mondayNumber(day) - mondayNumber(rule.firstDay)) / 7;
  return weeks % Math.max(1, rule.everyWeeks) === 0;
}

/** Whether two times of day overlap (touching ends, 9–12 and 12–14, do not). */
export function timesOverlap(
  a: Pick<WeeklyRule, 'startTime' | 'endTime'>,
  b: Pick<WeeklyRule, 'startTime' | 'endTime'>,
): boolean {
  return minutesOf(a.startTime) < minutesOf(b.endTime) && minutesOf(b.startTime) < minutesOf(a.endTime);
}

function gcd(a: number, b: number): number {
  return b === 0 ? a : gcd(b, a % b);
}

/**
 * The first local day on which both rules occur, or null if they never share a day. Two weekly
 * patterns repeat together every lcm(N, M) weeks (at most 56 weeks for N, M ≤ 8), so looking at that
 * many weeks from the first day both are active is exact: if they share no day then, they never do.
 * Example: every 2 weeks from Monday 4 January and every 2 weeks from Monday 11 January alternate
 * and never meet; every week and every 2 weeks meet on the first common weekday.
 */
export function firstCommonDay(a: WeeklyRule, b: WeeklyRule): string | null {
  const start = [a.firstDay, b.firstDay].sort()[1]!;
  const ends = [a.lastDay, b.lastDay].filter((d): d is string => d !== null).sort();
  const everyA = Math.max(1, a.everyWeeks);
  const everyB = Math.max(1, b.everyWeeks);
  const cycleDays = ((everyA * everyB) / gcd(everyA, everyB)) * 7;
  const from = dayNumber(start);
  let to = from + cycleDays + 7;
  if (ends[0] !== undefined) to = Math.min(to, dayNumber(ends[0]));
  for (let n = from; n <= to; n++) {
    const day = dayFromNumber(n);
    if (occursOn(a, day) && occursOn(b, day)) return day;
  }
  return null;
}

/**
 * The existing rules a new or edited rule would overlap: a day both occur on, with times that overlap.
 * Each conflict comes with the first such day, to name it in the message.
 */
export function findOverlaps<T extends WeeklyRule>(
  candidate: WeeklyRule,
  existing: T[],
): { rule: T; day: string }[] {
  const conflicts: { rule: T; day: string }[] = [];
  for (const rule of existing) {
    if (!timesOverlap(candidate, rule)) continue;
    const day = firstCommonDay(candidate, rule);
    if (day) conflicts.push({ rule, day });
  }
  return conflicts;
}

/** The instant of a local day and time in Europe/Paris ('24:00' is the next day's midnight). */
export function localInstant(day: string, time: string): Date {
  const minutes = minutesOf(time);
  const [y, m, d] = addDays(day, Math.floor(minutes / 1440))
    .split('-')
    .map(Number);
  const rest = minutes % 1440;
  return new Date(new TZDate(y!, m! - 1, d!, Math.floor(rest / 60), rest % 60, 0, TIME_ZONE).getTime());
}

/** The local day and the minutes since local midnight of an instant, in Europe/Paris. */
export function localParts(instant: Date): { day: string; minutes: number } {
  const local = new TZDate(instant.getTime(), TIME_ZONE);
  const day = `${local.getFullYear()}-${String(local.getMonth() + 1).padStart(2, '0')}-${String(local.getDate()).padStart(2, '0')}`;
  return { day, minutes: local.getHours() * 60 + local.getMinutes() };
}

/** Today's local day in Europe/Paris. */
export function localToday(now: Date): string {
  return localParts(now).day;
}

/**
 * Whether an appointment lies wholly inside one occurrence of an opening-slot rule: same local day,
 * starts at or after the slot's start and ends at or before its end.
 */
export function ruleCovers(rule: WeeklyRule, startsAt: Date, endsAt: Date): boolean {
  const start = localParts(startsAt);
  const end = localParts(endsAt);
  if (!occursOn(rule, start.day)) return false;
  const endMinutes =
    end.day === start.day
      ? end.minutes
      : end.day === addDays(start.day, 1) && end.minutes === 0
        ? 1440
        : Infinity;
  return start.minutes >= minutesOf(rule.startTime) && endMinutes <= minutesOf(rule.endTime);
}

export type AbsenceRule = {
  firstDay: string;
  lastDay: string | null;
  startTime: string;
  endTime: string;
  /** Null: one stretch from firstDay startTime to lastDay endTime. */
  weekdays: number[] | null;
  everyWeeks: number;
};

/**
 * The stretches of time an absence covers between two local days (inclusive). A recurring absence
 * without a last day is only expanded up to `until`, so the caller bounds it.
 */
export function absenceIntervals(
  absence: AbsenceRule,
  from: string,
  until: string,
): { start: Date; end: Date }[] {
  if (absence.weekdays === null) {
    const lastDay = absence.lastDay ?? absence.firstDay;
    if (lastDay < from || absence.firstDay > until) return [];
    return [
      {
        start: localInstant(absence.firstDay, absence.startTime),
        end: localInstant(lastDay, absence.endTime),
      },
    ];
  }
  const rule: WeeklyRule = { ...absence, weekdays: absence.weekdays };
  const first = absence.firstDay > from ? absence.firstDay : from;
  const last = absence.lastDay !== null && absence.lastDay < until ? absence.lastDay : until;
  const intervals: { start: Date; end: Date }[] = [];
  for (let n = dayNumber(first); n <= dayNumber(last); n++) {
    const day = dayFromNumber(n);
    if (occursOn(rule, day)) {
      intervals.push({
        start: localInstant(day, absence.startTime),
        end: localInstant(day, absence.endTime),
      });
    }
  }
  return intervals;
}
