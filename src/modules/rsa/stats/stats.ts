import { MIN_PUBLIC_SAMPLE } from '../../../platform/indicators/indicators.ts';
import { localDay } from '../../../platform/scheduling/slots/calendar.ts';
import { type BeneficiaryStatus, beneficiaryStatuses, statusLabels } from '../status.ts';
import type {
  CohortWindow,
  DelayCounts,
  FirstBookingCounts,
  MonthCounts,
  NoShowCounts,
} from './stats.repository.ts';

/**
 * The RSA statistics, pure part: the periods, the figures from the counts, and what may be shown
 * (agents see every figure; the public page withholds numbers from 1 to 4 and rates or delays computed
 * on fewer than 5 people). Dates are local days 'YYYY-MM-DD' in Europe/Paris; `now` is a parameter.
 */

/**
 * What things were like before (issue 5): in 2019 the Var counted on average 8.5 months between the
 * opening of a person's rights and their first meeting with a référent, 6 months nationally. In days
 * at 30.44 days a month (365.25 / 12): 258.7 → 259, and 182.6 → 183. Both are averages (moyennes).
 */
export const BASELINE_VAR_2019_DAYS = 259;
export const BASELINE_FRANCE_2019_DAYS = 183;
export const BASELINE_SOURCE =
  'Département du Var, constat présenté au programme de pré-incubation beta.gouv de 2019 (37 000 bénéficiaires du RSA)';
/** Published by rdv-insertion (GIP de l’inclusion): absences after an invitation to book vs after a convocation. */
export const RDV_INSERTION_NO_SHOW = { invitation: 11, convocation: 24 } as const;

/** Periods offered, in months back from today, on the date rights opened. */
export const RSA_STATS_PERIODS = [3, 6, 12, 24] as const;
export type RsaStatsPeriod = (typeof RSA_STATS_PERIODS)[number];

export const periodLabels: Record<RsaStatsPeriod, string> = {
  3: '3 derniers mois',
  6: '6 derniers mois',
  12: '12 derniers mois',
  24: '24 derniers mois',
};

export function parsePeriod(value: string | undefined): RsaStatsPeriod {
  const n = Number(value);
  return (RSA_STATS_PERIODS as readonly number[]).includes(n) ? (n as RsaStatsPeriod) : 12;
}

/**
 * 'YYYY-MM-DD' moved by whole months, the day kept when the month has it, else its last day
 * ('2030-03-31' − 1 month → '2030-02-28').
 */
export function addMonths(day: string, months: number): string {
  const year = Number(day.slice(0, 4));
  const month = Number(day.slice(5, 7)) - 1 + months;
  const target = new Date(Date.UTC(year, month, 1));
  const lastDay = new Date(Date.UTC(target.getUTCFullYear(), target.getUTCMonth() + 1, 0)).getUTCDate();
  const date = Math.min(Number(day.slice(8, 10)), lastDay);
  return `${target.toISOString().slice(0, 8)}${String(date).padStart(2, '0')}`;
}

/** People whose rights opened in the last `months` months, up to today (local): [today − months, today]. */
export function cohortWindow(months: number, now: Date): CohortWindow {
  const today = localDay(now);
  return { from: addMonths(today, -months), to: today, today };
}

/** The 12 months of the trend: from the first day of the month 11 months ago to today. */
export function trendWindow(now: Date): CohortWindow & { months: string[] } {
  const today = localDay(now);
  const first = `${addMonths(today, -11).slice(0, 8)}01`;
  const months = Array.from({ length: 12 }, (_, i) => addMonths(first, i).slice(0, 7));
  return { from: first, to: today, today, months };
}

export type Share = { count: number; of: number; share: number | null };

export type RsaStats = {
  period: RsaStatsPeriod;
  window: CohortWindow;
  /** People whose rights opened in the period. */
  total: number;
  met: number;
  medianDays: number | null;
  meanDays: number | null;
  /** Met within 30 days, of the people whose rights opened at least 30 days ago. */
  within30: Share;
  /** Absent, of the people marked vu or absent, per kind of first contact. */
  noShow: Record<'invitation' | 'convocation', Share>;
  /** First orientation appointment booked by the person, of all first orientation appointments. */
  bookedByPerson: Share;
  byStatus: Record<BeneficiaryStatus, number>;
  /** Twelve months of rights opening, oldest first, months without anyone included (zeros). */
  months: MonthCounts[];
  /** People of the scope without a rights opening date: in no figure. */
  undated: number;
};

const share = (count: number, of: number): Share => ({ count, of, share: of ? count / of : null });

/** The figures from the repository's counts. */
export function summariseRsaStats(input: {
  period: RsaStatsPeriod;
  window: CohortWindow;
  delays: DelayCounts;
  statuses: { status: BeneficiaryStatus; count: number }[];
  noShows: NoShowCounts[];
  firstBookings: FirstBookingCounts;
  months: MonthCounts[];
  trendMonths: string[];
  undated: number;
}): RsaStats {
  const byStatus = Object.fromEntries(beneficiaryStatuses.map((s) => [s, 0])) as Record<
    BeneficiaryStatus,
    number
  >;
  for (const row of input.statuses) byStatus[row.status] += row.count;
  const noShowOf = (kind: 'invitation' | 'convocation') => {
    const row = input.noShows.find((r) => r.kind === kind) ?? { seen: 0, absent: 0 };
    return share(row.absent, row.seen + row.absent);
  };
  const { byPerson, byAgent } = input.firstBookings;
  return {
    period: input.period,
    window: input.window,
    total: input.delays.total,
    met: input.delays.met,
    medianDays: input.delays.medianDays,
    meanDays: input.delays.meanDays,
    within30: share(input.delays.within30, input.delays.eligible30),
    noShow: { invitation: noShowOf('invitation'), convocation: noShowOf('convocation') },
    bookedByPerson: share(byPerson, byPerson + byAgent),
    byStatus,
    months: input.trendMonths.map(
      (month) =>
        input.months.find((m) => m.month === month) ?? {
          month,
          opened: 0,
          met: 0,
          waiting: 0,
          medianDays: null,
        },
    ),
    undated: input.undated,
  };
}

// What may be shown, and how it reads in French.

const percentFormat = new Intl.NumberFormat('fr-FR', { style: 'percent', maximumFractionDigits: 1 });
const decimalFormat = new Intl.NumberFormat('fr-FR', { maximumFractionDigits: 1 });
const integerFormat = new Intl.NumberFormat('fr-FR');
const nbsp = (text: string) => text.replace(/[\u202f ]/g, '\u00a0');

/** « 12,5 % »; « — » when there is nothing to divide. */
export function formatRate(rate: number | null): string {
  return rate === null ? '—' : nbsp(percentFormat.format(rate));
}

/** « 0 jour », « 1 jour », « 12,5 jours »; « — » when unknown. */
export function formatDays(days: number | null): string {
  if (days === null) return '—';
  const rounded = Math.round(days * 10) / 10;
  return `${decimalFormat.format(rounded)}\u00a0${rounded >= 2 ? 'jours' : 'jour'}`;
}

/** « 37 000 ». */
export function formatCount(n: number): string {
  return nbsp(integerFormat.format(n));
}

/** Whether a number of people is too small to publish (1 to 4: 0 identifies no one). */
export const isSmall = (n: number) => n > 0 && n < MIN_PUBLIC_SAMPLE;

/**
 * How the pages show the figures: agents see them all (`publicOnly` false); the public sees counts of
 * 1 to 4 as « < 5 », and no rate, delay or bar computed on fewer than 5 people (null, drawn as nothing).
 */
export type Disclosure = {
  publicOnly: boolean;
  /** « 12 », or « < 5 » in public. */
  count(n: number): string;
  /** The value, or null when it must not be shown. */
  value<T>(value: T | null, sample: number): T | null;
};

export function disclosure(publicOnly: boolean): Disclosure {
  return {
    publicOnly,
    count: (n) => (publicOnly && isSmall(n) ? '<\u00a05' : formatCount(n)),
    value: (value, sample) => (publicOnly && sample < MIN_PUBLIC_SAMPLE ? null : value),
  };
}

export type StatusRow = {
  status: BeneficiaryStatus;
  label: string;
  count: number | null;
  text: string;
  share: string;
};

/** One row per status, in the journey's order, with its share of the cohort (hidden in public when small). */
export function statusRows(stats: RsaStats, show: Disclosure): StatusRow[] {
  return beneficiaryStatuses.map((status) => {
    const n = stats.byStatus[status];
    const hidden = show.publicOnly && isSmall(n);
    return {
      status,
      label: statusLabels[status],
      count: hidden ? null : n,
      text: show.count(n),
      share: hidden ? '—' : formatRate(stats.total ? n / stats.total : null),
    };
  });
}

const monthFormat = new Intl.DateTimeFormat('fr-FR', { month: 'long', year: 'numeric', timeZone: 'UTC' });
const shortMonthFormat = new Intl.DateTimeFormat('fr-FR', { month: 'short', timeZone: 'UTC' });

/** '2030-03' → « mars 2030 ». */
export function monthLabel(month: string): string {
  return monthFormat.format(new Date(`${month}-01T00:00:00Z`));
}

/** '2030-03' → « mars » (chart axis; the year shows under January and under the first month). */
export function shortMonthLabel(month: string): string {
  return shortMonthFormat.format(new Date(`${month}-01T00:00:00Z`));
}

export type MonthRow = {
  month: string;
  label: string;
  opened: string;
  met: string;
  waiting: string;
  /** Null when nobody of the month was met, or in public when fewer than 5 were. */
  medianDays: number | null;
  median: string;
};

export function monthRows(stats: RsaStats, show: Disclosure): MonthRow[] {
  return stats.months.map((m) => {
    const medianDays = show.value(m.medianDays, m.met);
    return {
      month: m.month,
      label: monthLabel(m.month),
      opened: show.count(m.opened),
      met: show.count(m.met),
      waiting: show.count(m.waiting),
      medianDays,
      median: m.medianDays !== null && medianDays === null ? 'non publié' : formatDays(medianDays),
    };
  });
}

/** « 8,5 mois » from days, for the baselines (30.44 days a month). */
export function daysAsMonths(days: number): string {
  return `${decimalFormat.format(Math.round((days / 30.44) * 10) / 10)}\u00a0mois`;
}
