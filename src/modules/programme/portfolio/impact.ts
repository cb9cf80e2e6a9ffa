import type { IndicatorReading } from '../../../platform/indicators/indicators.ts';
import { formatNumber, formatQuantity } from './format.ts';

/**
 * How an impact indicator reads on a project's public page: the figure, what it is computed on, and
 * how it compares with the situation before the service (its baseline). Pure, table-tested.
 */

/** The figure, « Non publié » when withheld (fewer than 5 people), « Pas encore de données » when empty. */
export function indicatorValueText(reading: IndicatorReading): string {
  if (reading.masked) return 'Non publié';
  if (reading.value === null) return 'Pas encore de données';
  return formatQuantity(reading.value, reading.unit);
}

/**
 * What the figure is computed on, as the public API tells it: a sample under 5 is itself withheld and
 * shown « < 5 ».
 */
export function sampleText(reading: IndicatorReading): string {
  if (reading.masked) {
    return 'Calculé sur moins de 5 personnes (< 5) : le chiffre n’est pas publié, pour que personne ne puisse être reconnu.';
  }
  if (reading.sample === null || reading.sample === 0) return 'Aucune donnée à compter pour l’instant.';
  return `Calculé sur ${formatNumber(reading.sample)} ${reading.sample >= 2 ? 'personnes ou événements' : 'personne ou événement'}.`;
}

/**
 * The change from the baseline in words: « Mieux qu’avant : 217 jours de moins. ». Null without a value
 * or without a baseline. Percentages move in points, not in percent.
 */
export function baselineComparison(reading: IndicatorReading): string | null {
  if (reading.value === null || !reading.baseline) return null;
  const difference = Math.round((reading.value - reading.baseline.value) * 10) / 10;
  if (difference === 0) return 'Comme avant.';
  const size = Math.abs(difference);
  const amount =
    reading.unit === '%'
      ? `${formatNumber(size)} ${size >= 2 ? 'points' : 'point'}`
      : formatQuantity(size, reading.unit);
  const direction = difference < 0 ? 'de moins' : 'de plus';
  if (!reading.better) return `${capitalise(amount)} ${direction} qu’avant.`;
  const better = reading.better === 'lower' ? difference < 0 : difference > 0;
  return `${better ? 'Mieux' : 'Moins bien'} qu’avant : ${amount} ${direction}.`;
}

const capitalise = (text: string) => text.charAt(0).toLocaleUpperCase('fr-FR') + text.slice(1);
