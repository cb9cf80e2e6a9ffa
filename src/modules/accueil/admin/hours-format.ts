import type { TimeRange, Weekday, WeeklyHours } from '../flow/types.ts';

/** Opening hours as people read them: « lundi », « 8 h 30 – 12 h », « fermé ». */

export const WEEKDAYS: Weekday[] = [1, 2, 3, 4, 5, 6, 7];

export const WEEKDAY_NAMES: Record<Weekday, string> = {
  1: 'lundi',
  2: 'mardi',
  3: 'mercredi',
  4: 'jeudi',
  5: 'vendredi',
  6: 'samedi',
  7: 'dimanche',
};

/** '08:30' → « 8 h 30 », '12:00' → « 12 h », '00:00' → « 0 h ». */
export function formatTime(value: string): string {
  const match = /^(\d{1,2}):(\d{2})$/.exec(value);
  if (!match) return value;
  const hours = Number(match[1]);
  return match[2] === '00' ? `${hours} h` : `${hours} h ${match[2]}`;
}

/** « 8 h 30 – 12 h » (an en dash between spaces, as French typography writes a range). */
export function formatRange(range: TimeRange): string {
  return `${formatTime(range.from)} – ${formatTime(range.to)}`;
}

/** A day's ranges, « 8 h 30 – 12 h, 13 h 30 – 17 h », or « fermé ». */
export function formatDay(ranges: TimeRange[] | undefined): string {
  if (!ranges || ranges.length === 0) return 'fermé';
  return ranges.map(formatRange).join(', ');
}

/** Each weekday with its hours, Monday first. */
export function weekSummary(hours: WeeklyHours): { day: Weekday; name: string; text: string }[] {
  return WEEKDAYS.map((day) => ({ day, name: WEEKDAY_NAMES[day], text: formatDay(hours[day]) }));
}

const dayFormat = new Intl.DateTimeFormat('fr-FR', {
  weekday: 'long',
  day: 'numeric',
  month: 'long',
  year: 'numeric',
  timeZone: 'Europe/Paris',
});
const timeFormat = new Intl.DateTimeFormat('fr-FR', {
  hour: '2-digit',
  minute: '2-digit',
  hourCycle: 'h23',
  timeZone: 'Europe/Paris',
});

/** « mardi 3 juin 2025 à 10 h » (Europe/Paris). */
export function formatMoment(at: Date): string {
  return `${dayFormat.format(at)} à ${formatTime(timeFormat.format(at))}`;
}

/** A 'YYYY-MM-DD' day as « 25 décembre 2025 ». */
export function formatDayDate(day: string): string {
  const [y, m, d] = day.split('-').map(Number);
  if (!y || !m || !d) return day;
  return new Intl.DateTimeFormat('fr-FR', {
    day: 'numeric',
    month: 'long',
    year: 'numeric',
    timeZone: 'UTC',
  }).format(new Date(Date.UTC(y, m - 1, d)));
}
