/**
 * Waiting times in whole days between two local days (yyyy-mm-dd), counted on the calendar: from a
 * Monday to the next Monday is 7, whatever the daylight-saving change in between (computed in UTC on
 * the days themselves, never on instants).
 */
export function daysBetween(from: string, to: string): number {
  return Math.round((Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / 86_400_000);
}

/** « 1 jour », « 45 jours », « 254 jours, soit 8 mois » past two months (months of 30.44 days, rounded down). */
export function waitLabel(days: number): string {
  if (days < 0) return 'à venir';
  const text = days === 1 ? '1 jour' : `${days} jours`;
  return days >= 61 ? `${text}, soit ${Math.floor(days / 30.44)} mois` : text;
}
