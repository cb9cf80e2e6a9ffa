import {
  addDays,
  dayNumber,
  isoWeekday,
  localDay,
  localInstant,
} from '../../../platform/scheduling/slots/calendar.ts';

/** Dates of the demo: local days in Paris ('YYYY-MM-DD') and the instants at which clocks there show a time. */

/** The instant at which Paris clocks show `time` ('HH:MM') on `day`. */
export function parisAt(day: string, time: string): Date {
  return new Date(localInstant(day, Number(time.slice(0, 2)) * 60 + Number(time.slice(3, 5))));
}

export const plusMinutes = (instant: Date, minutes: number): Date =>
  new Date(instant.getTime() + minutes * 60_000);

export const earliest = (...instants: Date[]): Date =>
  new Date(Math.min(...instants.map((d) => d.getTime())));

export const latest = (...instants: Date[]): Date => new Date(Math.max(...instants.map((d) => d.getTime())));

/** `day` if it is a Monday, else the next Monday. */
export function mondayOnOrAfter(day: string): string {
  return addDays(day, (8 - isoWeekday(day)) % 7);
}

export function daysBetween(from: string, to: string): number {
  return dayNumber(to) - dayNumber(from);
}

export { addDays, localDay };

/** A time of day 'HH:MM' between two hours (inclusive), drawn from the generator. */
export function clock(random: () => number, fromHour: number, toHour: number): string {
  const hour = fromHour + Math.floor(random() * (toHour - fromHour + 1));
  const minute = Math.floor(random() * 60);
  return `${String(hour).padStart(2, '0')}:${String(minute).padStart(2, '0')}`;
}
