import { TZDate } from '@date-fns/tz';
import { addDays, format, startOfWeek } from 'date-fns';

/**
 * Dates and times as the person reads them, always in Europe/Paris whatever the server's zone:
 * « lundi 10 mars 2025 », « 9 h 30 » (French typography), and the local-day arithmetic of the
 * week pages (a week runs Monday to Sunday).
 */
export const TIME_ZONE = 'Europe/Paris';

const dayFormat = new Intl.DateTimeFormat('fr-FR', {
  weekday: 'long',
  day: 'numeric',
  month: 'long',
  year: 'numeric',
  timeZone: TIME_ZONE,
});
const shortDayFormat = new Intl.DateTimeFormat('fr-FR', {
  weekday: 'long',
  day: 'numeric',
  month: 'long',
  timeZone: TIME_ZONE,
});
const timeParts = new Intl.DateTimeFormat('fr-FR', {
  hour: 'numeric',
  minute: '2-digit',
  hourCycle: 'h23',
  timeZone: TIME_ZONE,
});

/** A local day 'YYYY-MM-DD' as noon UTC of that day: its Paris date is the same day in every season. */
function dayInstant(day: string): Date {
  return new Date(`${day}T12:00:00Z`);
}

/** « lundi 10 mars 2025 » for an instant (its day in Paris) or a local day 'YYYY-MM-DD'. */
export function formatDay(value: Date | string, withYear = true): string {
  const instant = typeof value === 'string' ? dayInstant(value) : value;
  return (withYear ? dayFormat : shortDayFormat).format(instant);
}

/** « 9 h 30 », « 14 h » in Paris (as the notifications write it), with no-break spaces: never cut. */
export function formatTime(value: Date): string {
  const parts = timeParts.formatToParts(value);
  const hour = parts.find((p) => p.type === 'hour')?.value ?? '';
  const minute = parts.find((p) => p.type === 'minute')?.value ?? '';
  return minute === '00' ? `${Number(hour)}\u00a0h` : `${Number(hour)}\u00a0h\u00a0${minute}`;
}

/** « lundi 10 mars 2025 à 9 h 30 ». */
export function formatWhen(value: Date): string {
  return `${formatDay(value)} à ${formatTime(value)}`;
}

/** The local day of an instant in Paris, 'YYYY-MM-DD'. */
export function localDay(value: Date): string {
  return format(new TZDate(value.getTime(), TIME_ZONE), 'yyyy-MM-dd');
}

/** The Monday of the week holding a local day. */
export function mondayOf(day: string): string {
  const [y, m, d] = day.split('-').map(Number) as [number, number, number];
  return format(startOfWeek(new Date(y, m - 1, d), { weekStartsOn: 1 }), 'yyyy-MM-dd');
}

/** A local day plus n days (calendar days: no time of day, so no daylight-saving surprise). */
export function addLocalDays(day: string, n: number): string {
  const [y, m, d] = day.split('-').map(Number) as [number, number, number];
  return format(addDays(new Date(y, m - 1, d), n), 'yyyy-MM-dd');
}

/** « du lundi 10 au dimanche 16 mars 2025 » for the week starting on `monday`. */
export function formatWeek(monday: string): string {
  const sunday = addLocalDays(monday, 6);
  const first = new Intl.DateTimeFormat('fr-FR', {
    weekday: 'long',
    day: 'numeric',
    ...(monday.slice(5, 7) === sunday.slice(5, 7) ? {} : { month: 'long' }),
    ...(monday.slice(0, 4) === sunday.slice(0, 4) ? {} : { year: 'numeric' }),
    timeZone: TIME_ZONE,
  }).format(dayInstant(monday));
  return `du ${first} au ${formatDay(sunday)}`;
}

/** A valid local day 'YYYY-MM-DD' (a real calendar date), or undefined. */
export function parseLocalDay(value: string | undefined): string | undefined {
  if (!value || !/^\d{4}-\d{2}-\d{2}$/.test(value)) return undefined;
  const [y, m, d] = value.split('-').map(Number) as [number, number, number];
  const date = new Date(Date.UTC(y, m - 1, d));
  return date.getUTCFullYear() === y && date.getUTCMonth() === m - 1 && date.getUTCDate() === d
    ? value
    : undefined;
}

/** « lundi 10 mars » → « Lundi 10 mars », at the start of a sentence or a heading. */
export function capitalise(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}
