/**
 * How the programme's pages and messages write days and instants, in French: a date column is a
 * calendar day (read in UTC, so it never shifts), an instant is read in Europe/Paris.
 */

const longDay = new Intl.DateTimeFormat('fr-FR', { dateStyle: 'long', timeZone: 'UTC' });
const longParisDay = new Intl.DateTimeFormat('fr-FR', { dateStyle: 'long', timeZone: 'Europe/Paris' });
const longParisInstant = new Intl.DateTimeFormat('fr-FR', {
  dateStyle: 'long',
  timeStyle: 'short',
  timeZone: 'Europe/Paris',
});

/** French writes the first of the month « 1er ». */
const firstOfMonth = (text: string) => text.replace(/^1 /, '1er ');

/** '2019-02-04' → « 4 février 2019 »; '2019-03-01' → « 1er mars 2019 ». */
export function formatDay(day: string): string {
  return firstOfMonth(longDay.format(new Date(`${day}T00:00:00Z`)));
}

/** An instant as its day in Paris: « 1er juillet 2019 ». */
export function formatInstantDay(instant: Date): string {
  return firstOfMonth(longParisDay.format(instant));
}

/** An instant in Paris: « 31 mars 2026 à 23:59 ». */
export function formatInstant(instant: Date): string {
  return firstOfMonth(longParisInstant.format(instant));
}
