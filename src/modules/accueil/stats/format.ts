/** How the phone statistics read in French (pages and CSV). */

const nbsp = (text: string) => text.replace(/[\u202f ]/g, '\u00a0');
const percentFormat = new Intl.NumberFormat('fr-FR', { style: 'percent', maximumFractionDigits: 1 });
const integerFormat = new Intl.NumberFormat('fr-FR');
const decimalFormat = new Intl.NumberFormat('fr-FR', { maximumFractionDigits: 1, useGrouping: false });

/** 0.0666 → « 6,7 % »; « — » when there is nothing to divide. */
export function formatRate(value: number | null): string {
  return value === null ? '—' : nbsp(percentFormat.format(value));
}

/** 1234 → « 1 234 ». */
export function formatCount(n: number): string {
  return nbsp(integerFormat.format(n));
}

/** Hours as read: « 45 min », « 2 h 05 », « 30 h 00 »; « — » when unknown. */
export function formatHours(hours: number | null): string {
  if (hours === null) return '—';
  const minutes = Math.round(hours * 60);
  if (minutes < 60) return `${minutes}\u00a0min`;
  return `${Math.floor(minutes / 60)}\u00a0h\u00a0${String(minutes % 60).padStart(2, '0')}`;
}

/** A number for a CSV cell read by a French spreadsheet: decimal comma, one decimal; empty when unknown. */
export function csvDecimal(value: number | null): string {
  return value === null ? '' : decimalFormat.format(Math.round(value * 10) / 10);
}

const longDayFormat = new Intl.DateTimeFormat('fr-FR', { dateStyle: 'long', timeZone: 'UTC' });
const shortDayFormat = new Intl.DateTimeFormat('fr-FR', { day: 'numeric', month: 'short', timeZone: 'UTC' });

/** '2031-03-01' → « 1er mars 2031 ». */
export function longDay(day: string): string {
  return longDayFormat.format(new Date(`${day}T00:00:00Z`)).replace(/^1 /, '1er ');
}

/** '2031-03-03' → « 3 mars ». */
export function shortDay(day: string): string {
  return shortDayFormat.format(new Date(`${day}T00:00:00Z`));
}

export const weekdayNames = ['Lundi', 'Mardi', 'Mercredi', 'Jeudi', 'Vendredi', 'Samedi', 'Dimanche'];

/** 9 → « 9 h – 10 h ». */
export function hourRange(hour: number): string {
  return `${hour}\u00a0h\u00a0–\u00a0${hour + 1}\u00a0h`;
}
