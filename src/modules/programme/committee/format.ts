/** Dates in words, in Paris time, for the committee's pages and emails. */

const dayFormat = new Intl.DateTimeFormat('fr-FR', { dateStyle: 'full', timeZone: 'UTC' });
const timeFormat = new Intl.DateTimeFormat('fr-FR', {
  hour: '2-digit',
  minute: '2-digit',
  timeZone: 'Europe/Paris',
});
const instantDayFormat = new Intl.DateTimeFormat('fr-FR', { dateStyle: 'full', timeZone: 'Europe/Paris' });
const shortFormat = new Intl.DateTimeFormat('fr-FR', {
  dateStyle: 'short',
  timeStyle: 'short',
  timeZone: 'Europe/Paris',
});

/** '2019-05-28' → « mardi 28 mai 2019 » (a local day: formatted at UTC midnight, so no zone shifts it). */
export function longDay(day: string): string {
  return dayFormat.format(new Date(`${day}T00:00:00Z`));
}

/** An instant → « mardi 4 juin 2019 à 09:30 » in Paris. */
export function longDateTime(instant: Date): string {
  return `${instantDayFormat.format(instant)} à ${timeFormat.format(instant)}`;
}

/** An instant → « 28/05/2019 18:02 » in Paris. */
export function shortDateTime(instant: Date): string {
  return shortFormat.format(instant);
}

/** An instant's time of day in Paris, « 09:30 ». */
export function timeOfDay(instant: Date): string {
  return timeFormat.format(instant);
}
