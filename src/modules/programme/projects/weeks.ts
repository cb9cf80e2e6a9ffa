import { addDays, isLocalDay, localDayOf, mondayOf } from '../../../platform/scheduling/agenda/week-grid.ts';
import { formatDay } from '../dates.ts';

/**
 * Weeks of the detachment, pure. A week is named by its Monday ('YYYY-MM-DD', Europe/Paris): the
 * check-in table keys its answers that way (programme_checkins.week_start).
 *
 * Why local days and not « now minus 7 × 24 h »: Sunday 23:30 in Paris on 30 March 2025 is already
 * Sunday 21:30 UTC, and a week that crosses the change to summer time lasts 167 hours. Counting on
 * calendar days only (addDays), a Friday is always four days after its Monday.
 */

/** The Monday of the week an instant falls in, in Europe/Paris. */
export function weekOf(instant: Date): string {
  return mondayOf(localDayOf(instant));
}

/** The Monday of the week holding a calendar day. */
export function weekOfDay(day: string): string {
  return mondayOf(day);
}

export function addWeeks(monday: string, count: number): string {
  return addDays(monday, 7 * count);
}

/**
 * Every week from the one holding `from` to the one holding `to`, both included, as Mondays.
 * Empty when `to` comes before the week of `from`.
 */
export function weeksBetween(from: string, to: string): string[] {
  const weeks: string[] = [];
  const last = mondayOf(to);
  for (let week = mondayOf(from); week <= last; week = addWeeks(week, 1)) weeks.push(week);
  return weeks;
}

export { isLocalDay };

/** « semaine du 3 mars 2025 ». */
export function weekLabel(monday: string): string {
  return `semaine du ${formatDay(monday)}`;
}
