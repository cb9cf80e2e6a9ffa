import { CSV_BOM, csvLine } from '../../../platform/audit/csv.ts';
import { OUTCOMES } from '../flow/types.ts';
import { csvDecimal, weekdayNames } from './format.ts';
import { type AccueilStats, BASELINE_2019, REPEAT_THRESHOLD } from './stats.ts';

/**
 * The figures of the statistics page as CSV for a French spreadsheet (semicolons, decimal commas, BOM):
 * one row per service then the whole line, the 2019 baseline in the last row's columns that have one;
 * or the weekday × hour grid. Aggregates only: no number, no one's record.
 */
const pct = (value: number | null) => csvDecimal(value === null ? null : value * 100);

export function figuresCsv(stats: AccueilStats): string {
  const header = [
    'Service',
    'Du',
    'Au',
    'Appels',
    'Appels terminés',
    'Appels en cours',
    'Transferts tentés',
    'Transférés et répondus',
    'Messages vocaux',
    'SMS envoyés',
    ...OUTCOMES.map((o) => `Issue ${o}`),
    'Appels perdus',
    'Taux d’appels perdus (%)',
    'Rappels créés',
    'Rappels après appel raccroché',
    'Rappels faits',
    'Rappels injoignables',
    'Rappels à traiter',
    'Rappels faits dans le délai prévu',
    'Délai de rappel médian (heures d’horloge)',
    'Délai de rappel 90e centile (heures d’horloge)',
  ];
  const lines = [CSV_BOM, csvLine(header)];
  for (const s of [...stats.services, stats.overall]) {
    lines.push(
      csvLine([
        s.name,
        stats.period.from,
        stats.period.to,
        s.calls,
        s.ended,
        s.ongoing,
        s.transferred,
        s.answered,
        s.voicemails,
        s.sms,
        ...OUTCOMES.map((o) => s.outcomes[o]),
        s.lost,
        pct(s.lostRate),
        s.callbacks.created,
        s.callbacks.afterHangup,
        s.callbacks.done,
        s.callbacks.unreachable,
        s.callbacks.open,
        s.callbacks.onTime,
        csvDecimal(s.callbacks.medianHours),
        csvDecimal(s.callbacks.p90Hours),
      ]),
    );
  }
  const c = stats.callers;
  lines.push(csvLine([]));
  lines.push(csvLine(['Mesure', 'Sur la période', 'En 2019']));
  lines.push(csvLine(['Taux d’appels perdus (%)', pct(stats.overall.lostRate), BASELINE_2019.lostRate]));
  lines.push(
    csvLine([
      `Appelants ayant appelé ${REPEAT_THRESHOLD} fois ou plus (%)`,
      pct(c.repeatRate),
      BASELINE_2019.repeatCallers,
    ]),
  );
  lines.push(csvLine(['Numéros différents', c.callers, '']));
  lines.push(csvLine(['Appels de numéros masqués ou effacés', c.withheldCalls, '']));
  return lines.join('');
}

export function heatmapCsv(stats: AccueilStats): string {
  const lines = [CSV_BOM, csvLine(['Heure (Paris)', ...weekdayNames])];
  for (let hour = 0; hour < 24; hour++) {
    lines.push(csvLine([`${hour}h`, ...weekdayNames.map((_, day) => stats.heatmap.cells[day]![hour]!)]));
  }
  return lines.join('');
}
