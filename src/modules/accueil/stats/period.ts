import { addDays, dayNumber, localDay, localInstant } from '../../../platform/scheduling/slots/calendar.ts';

/**
 * The period the statistics count: whole local days (Europe/Paris), the last 7, 28 or 90 days up to
 * today, or two days chosen by the agent. Calls are counted by the moment they started, tickets by the
 * moment they were created, voicemails by the moment they were recorded. Pure: `now` is a parameter.
 */
export const PERIOD_PRESETS = ['7', '28', '90'] as const;
export type PeriodPreset = (typeof PERIOD_PRESETS)[number];
export type PeriodChoice = PeriodPreset | 'perso';

export const DEFAULT_PRESET: PeriodPreset = '28';
/** A custom period spans a year at most: beyond, caller numbers are erased anyway (numberRetentionDays ≤ 730). */
export const MAX_CUSTOM_DAYS = 366;

export const periodChoiceLabels: Record<PeriodChoice, string> = {
  '7': '7 derniers jours',
  '28': '28 derniers jours',
  '90': '90 derniers jours',
  perso: 'Période choisie (du … au …)',
};

export type StatsPeriod = {
  choice: PeriodChoice;
  /** First and last local day, inclusive, 'YYYY-MM-DD'. */
  from: string;
  to: string;
  days: number;
};

/** The instants of a period: [from 00:00 Paris, the day after `to` 00:00 Paris). */
export type PeriodWindow = { start: Date; end: Date };

export function periodWindow(period: Pick<StatsPeriod, 'from' | 'to'>): PeriodWindow {
  return {
    start: new Date(localInstant(period.from, 0)),
    end: new Date(localInstant(addDays(period.to, 1), 0)),
  };
}

/** The last `days` local days up to today, today included. */
export function lastDays(days: number, now: Date): Pick<StatsPeriod, 'from' | 'to' | 'days'> {
  const today = localDay(now);
  return { from: addDays(today, -(days - 1)), to: today, days };
}

export type PeriodQuery = { periode?: string; du?: string; au?: string };

const DAY_PATTERN = /^\d{4}-\d{2}-\d{2}$/;

function isDay(value: string | undefined): value is string {
  if (!value || !DAY_PATTERN.test(value)) return false;
  const date = new Date(`${value}T00:00:00Z`);
  return !Number.isNaN(date.getTime()) && date.toISOString().slice(0, 10) === value;
}

/**
 * The period asked for in the query string, and the French message of each field that cannot be read
 * (the page then shows the default period and the form with its errors). Two days given without
 * « periode » mean a custom period too (a link that keeps du/au).
 */
export function parsePeriod(
  query: PeriodQuery,
  now: Date,
): { period: StatsPeriod; errors: Record<string, string>; values: { du: string; au: string } } {
  const today = localDay(now);
  const preset = (PERIOD_PRESETS as readonly string[]).includes(query.periode ?? '')
    ? (query.periode as PeriodPreset)
    : undefined;
  const custom = query.periode === 'perso' || (!preset && (query.du || query.au));
  const fallback = (): StatsPeriod => ({ choice: DEFAULT_PRESET, ...lastDays(Number(DEFAULT_PRESET), now) });
  if (!custom) {
    const chosen = preset ?? DEFAULT_PRESET;
    const period: StatsPeriod = { choice: chosen, ...lastDays(Number(chosen), now) };
    return { period, errors: {}, values: { du: period.from, au: period.to } };
  }
  const values = { du: query.du ?? '', au: query.au ?? '' };
  const errors: Record<string, string> = {};
  if (!isDay(query.du)) errors.du = 'Indiquez le premier jour, par exemple 2031-03-01.';
  if (!isDay(query.au)) errors.au = 'Indiquez le dernier jour, par exemple 2031-03-28.';
  if (isDay(query.du) && isDay(query.au)) {
    const span = dayNumber(query.au) - dayNumber(query.du) + 1;
    if (query.du > today) errors.du = 'Le premier jour ne peut pas être dans le futur.';
    else if (span < 1) errors.au = 'Le dernier jour doit suivre le premier.';
    else if (span > MAX_CUSTOM_DAYS) errors.au = `La période compte au plus ${MAX_CUSTOM_DAYS} jours.`;
  }
  if (Object.keys(errors).length > 0) return { period: fallback(), errors, values };
  // Days compare as text ('YYYY-MM-DD'); a last day after today stops at today.
  const to = query.au!.localeCompare(today) > 0 ? today : query.au!;
  const period: StatsPeriod = {
    choice: 'perso',
    from: query.du!,
    to,
    days: dayNumber(to) - dayNumber(query.du!) + 1,
  };
  return { period, errors, values };
}

/** The query string that shows this period again (links, the CSV export). */
export function periodQuery(period: StatsPeriod): string {
  if (period.choice === 'perso') return `periode=perso&du=${period.from}&au=${period.to}`;
  return `periode=${period.choice}`;
}
