import { formatDay } from '../dates.ts';

export { formatDay, formatInstant } from '../dates.ts';
/**
 * How the public portfolio writes people, days and figures. Pure, so table-tested (format.test.ts).
 */

/**
 * A team member as the public sees them: first name and the initial of the last name (« Valérie D. »).
 * Enough to thank people by name; their full name and email stay in the agent space.
 */
export function publicName(firstName: string, lastName: string): string {
  const initial = lastName.trim().charAt(0).toLocaleUpperCase('fr-FR');
  return initial ? `${firstName.trim()} ${initial}.` : firstName.trim();
}

const monthYear = new Intl.DateTimeFormat('fr-FR', { month: 'long', year: 'numeric', timeZone: 'UTC' });

/** '2019-02-04' → « février 2019 ». */
export function formatMonth(day: string): string {
  return monthYear.format(new Date(`${day}T00:00:00Z`));
}

/** « du 4 février 2019 au 28 juin 2019 », or « depuis le 4 février 2019 » while it lasts. */
export function formatPeriod(startsOn: string, endsOn: string | null): string {
  return endsOn ? `du ${formatDay(startsOn)} au ${formatDay(endsOn)}` : `depuis le ${formatDay(startsOn)}`;
}

const decimal = new Intl.NumberFormat('fr-FR', { maximumFractionDigits: 1 });

/** 1234.5 → « 1 234,5 » (French separators, at most one decimal). */
export function formatNumber(value: number): string {
  return decimal.format(value);
}

/** A figure with its unit: « 12,5 % », « 42 jours », « 1 jour ». */
export function formatQuantity(value: number, unit: string): string {
  const number = formatNumber(value);
  if (unit === '%') return `${number} %`;
  if (unit === '') return number;
  // The registry's units are plural nouns (« jours », « personnes »); below 2, French uses the singular.
  const singular = Math.abs(value) < 2 && unit.endsWith('s') ? unit.slice(0, -1) : unit;
  return `${number} ${singular}`;
}

/** « 3 projets », « 1 projet », « 0 projet ». */
export function countOf(count: number, one: string, many: string): string {
  return `${formatNumber(count)} ${count >= 2 ? many : one}`;
}

/** A share of a whole, as the funnel shows it: « 10 % »; « — » when the whole is zero. */
export function formatShare(part: number, whole: number): string {
  if (whole === 0) return '—';
  return `${formatNumber(Math.round((part / whole) * 1000) / 10)} %`;
}

/** Ends a sentence with one full stop, even when it ends with an initial (« Coach : Coline M. »). */
export function sentence(text: string): string {
  return text.endsWith('.') ? text : `${text}.`;
}
