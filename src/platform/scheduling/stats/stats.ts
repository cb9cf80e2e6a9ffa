import { type ParticipationStatus, participationStatusLabels } from '../types.ts';
import type { StatsCounts } from './stats.repository.ts';

/** The periods offered, in days back from today, by appointment date. */
export const STATS_PERIODS = [30, 90, 365] as const;
export type StatsPeriod = (typeof STATS_PERIODS)[number];

export const periodLabels: Record<StatsPeriod, string> = {
  30: '30 derniers jours',
  90: '90 derniers jours',
  365: '12 derniers mois',
};

export type AppointmentStats = {
  period: StatsPeriod;
  from: Date;
  to: Date;
  /** Participations (one per person per appointment) whose appointment starts in the period. */
  total: number;
  byStatus: Record<ParticipationStatus, number>;
  /** absent / (vu + absent): of the people expected who were marked, the share who did not come. */
  noShowRate: number | null;
  medianLeadDays: number | null;
  /** Booked by the person themselves (public pages, invitation link) rather than an agent or the API. */
  selfBooked: number;
  byAgentOrApi: number;
  selfBookedShare: number | null;
};

const STATUSES: ParticipationStatus[] = ['a_venir', 'vu', 'absent', 'excuse', 'annule'];

/** The figures from the counts: pure, so that the rules are tested without a database. */
export function summariseStats(
  counts: StatsCounts,
  period: StatsPeriod,
  window: { from: Date; to: Date },
): AppointmentStats {
  const byStatus = Object.fromEntries(STATUSES.map((s) => [s, 0])) as Record<ParticipationStatus, number>;
  for (const row of counts.byStatus) byStatus[row.status] += row.count;
  const total = STATUSES.reduce((sum, s) => sum + byStatus[s], 0);
  const marked = byStatus.vu + byStatus.absent;
  let selfBooked = 0;
  let byAgentOrApi = 0;
  for (const row of counts.byChannel) {
    if (row.channel === 'public' || row.channel === 'invitation') selfBooked += row.count;
    else byAgentOrApi += row.count;
  }
  return {
    period,
    ...window,
    total,
    byStatus,
    noShowRate: marked ? byStatus.absent / marked : null,
    medianLeadDays: counts.medianLeadDays,
    selfBooked,
    byAgentOrApi,
    selfBookedShare: selfBooked + byAgentOrApi ? selfBooked / (selfBooked + byAgentOrApi) : null,
  };
}

const percent = new Intl.NumberFormat('fr-FR', { style: 'percent', maximumFractionDigits: 1 });
const decimal = new Intl.NumberFormat('fr-FR', { maximumFractionDigits: 1 });

/** « 12,5 % »; « — » when there is nothing to divide. */
export function formatRate(rate: number | null): string {
  return rate === null ? '—' : percent.format(rate).replace(/\u202f/g, '\u00a0');
}

/** « 0,5 jour », « 1 jour », « 12,3 jours »; « — » when unknown. */
export function formatDays(days: number | null): string {
  if (days === null) return '—';
  const rounded = Math.round(days * 10) / 10;
  return `${decimal.format(rounded)}\u00a0${rounded >= 2 ? 'jours' : 'jour'}`;
}

/** The rows of the « par statut » table, in the statuses' order, with each one's share. */
export function statusRows(stats: AppointmentStats): { label: string; count: number; share: string }[] {
  return STATUSES.map((s) => ({
    label: participationStatusLabels[s],
    count: stats.byStatus[s],
    share: formatRate(stats.total ? stats.byStatus[s] / stats.total : null),
  }));
}

export function parsePeriod(value: string | undefined): StatsPeriod {
  const n = Number(value);
  return (STATS_PERIODS as readonly number[]).includes(n) ? (n as StatsPeriod) : 30;
}
