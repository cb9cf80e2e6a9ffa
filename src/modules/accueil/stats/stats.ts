import { OUTCOMES, type Outcome } from '../flow/types.ts';
import type { StatsPeriod } from './period.ts';
import type {
  CallCounts,
  CallerCounts,
  HourCount,
  TicketCounts,
  VoicemailCounts,
  WeekCount,
} from './stats.repository.ts';

/**
 * The phone statistics, pure part: the 2019 baseline, percentiles and rates, and the figures of a line
 * from the repository's counts. No clock, no database: table tests beside (stats.test.ts).
 */

/**
 * What things were like before (issue 7): the 2019 investigation of the « Accueil UTS » project of the
 * beta.gouv pre-incubation programme with the Département du Var counted, at the UTS of La
 * Seyne-sur-Mer, 70 % of incoming calls lost, 59 % of callers calling 5 times or more, and 42 % of
 * those who could not get through having to come in person.
 */
export const BASELINE_2019 = { lostRate: 70, repeatCallers: 59, hadToTravel: 42 } as const;
export const BASELINE_SOURCE =
  'Enquête du projet « Accueil UTS » (programme de pré-incubation beta.gouv avec le Département du Var, 2019)';
export const BASELINE_LABEL = 'Appels perdus à l’UTS de La Seyne-sur-Mer en 2019';

/** A caller who calls this many times in the period « calls again and again » (the 2019 measure). */
export const REPEAT_THRESHOLD = 5;

/**
 * The p-th percentile (0 ≤ p ≤ 1) by linear interpolation between the closest ranks, as PostgreSQL's
 * percentile_cont: [1, 2, 3, 4] → median 2.5, p90 3.7. Null for no value.
 */
export function percentile(values: readonly number[], p: number): number | null {
  if (values.length === 0) return null;
  const sorted = [...values].sort((a, b) => a - b);
  const position = Math.min(Math.max(p, 0), 1) * (sorted.length - 1);
  const low = Math.floor(position);
  const high = Math.ceil(position);
  return sorted[low]! + (sorted[high]! - sorted[low]!) * (position - low);
}

/** count / of, from 0 to 1; null when there is nothing to divide. */
export const rate = (count: number, of: number): number | null => (of > 0 ? count / of : null);

/** A rate as a percentage rounded to one decimal (the indicators' unit): 0.0666 → 6.7. */
export const percent = (count: number, of: number): number | null =>
  of > 0 ? Math.round((count / of) * 1000) / 10 : null;

export type Callbacks = {
  created: number;
  afterHangup: number;
  done: number;
  unreachable: number;
  open: number;
  onTime: number;
  /** Hours (clock hours, nights and week-ends included) from the call to the callback marked done. */
  medianHours: number | null;
  p90Hours: number | null;
  /** Done, of those created; done within the due time, of those done. */
  doneRate: number | null;
  onTimeRate: number | null;
};

export type ServiceFigures = {
  /** The service's key; null for the calls where no service was chosen (and for the overall row). */
  key: string | null;
  name: string;
  calls: number;
  ended: number;
  /** Started but not ended yet (a call going on now). */
  ongoing: number;
  lost: number;
  /** Lost, of the ended calls: the figure that should be 0. */
  lostRate: number | null;
  /** Transferred and answered by the service. */
  answered: number;
  answeredRate: number | null;
  transferred: number;
  sms: number;
  voicemails: number;
  outcomes: Record<Outcome, number>;
  callbacks: Callbacks;
};

export type CallerFigures = CallerCounts & {
  /** Callers who called 5 times or more, of the distinct known numbers. */
  repeatRate: number | null;
};

export type Heatmap = {
  /** cells[weekday - 1][hour]: calls started then (Paris time). */
  cells: number[][];
  lost: number[][];
  max: number;
  /** Rows shown: every hour from the first to the last with a call, at least 8 h to 17 h. */
  firstHour: number;
  lastHour: number;
};

export type WeekFigures = WeekCount & { lostRate: number | null };

export type AccueilStats = {
  period: StatsPeriod;
  /** One row per service of the line's flow (in its order), then services no longer in the flow, then « no service ». */
  services: ServiceFigures[];
  overall: ServiceFigures;
  callers: CallerFigures;
  heatmap: Heatmap;
  weeks: WeekFigures[];
};

const noOutcomes = (): Record<Outcome, number> =>
  Object.fromEntries(OUTCOMES.map((o) => [o, 0])) as Record<Outcome, number>;

const HOUR = 3600;

function callbacksOf(row: TicketCounts | undefined): Callbacks {
  const t = row ?? {
    created: 0,
    afterHangup: 0,
    done: 0,
    unreachable: 0,
    open: 0,
    onTime: 0,
    delaysSeconds: [],
  };
  const hours = t.delaysSeconds.map((s) => s / HOUR);
  return {
    created: t.created,
    afterHangup: t.afterHangup,
    done: t.done,
    unreachable: t.unreachable,
    open: t.open,
    onTime: t.onTime,
    medianHours: percentile(hours, 0.5),
    p90Hours: percentile(hours, 0.9),
    doneRate: rate(t.done, t.created),
    onTimeRate: rate(t.onTime, t.done),
  };
}

function figuresOf(
  key: string | null,
  name: string,
  call: CallCounts | undefined,
  ticket: TicketCounts | undefined,
  voicemail: VoicemailCounts | undefined,
): ServiceFigures {
  const c = call ?? { calls: 0, ended: 0, lost: 0, transferred: 0, sms: 0, outcomes: noOutcomes() };
  return {
    key,
    name,
    calls: c.calls,
    ended: c.ended,
    ongoing: c.calls - c.ended,
    lost: c.lost,
    lostRate: rate(c.lost, c.ended),
    answered: c.outcomes.transfere_repondu,
    answeredRate: rate(c.outcomes.transfere_repondu, c.ended),
    transferred: c.transferred,
    sms: c.sms,
    voicemails: voicemail?.voicemails ?? 0,
    outcomes: { ...c.outcomes },
    callbacks: callbacksOf(ticket),
  };
}

export const NO_SERVICE_NAME = 'Aucun service choisi';
export const OVERALL_NAME = 'Ensemble de la ligne';

/** Hours always shown in the heatmap, whatever the calls: the opening hours of a UTS. */
const CORE_HOURS = { first: 8, last: 17 } as const;

export function heatmapOf(rows: HourCount[]): Heatmap {
  const cells = Array.from({ length: 7 }, () => Array<number>(24).fill(0));
  const lost = Array.from({ length: 7 }, () => Array<number>(24).fill(0));
  let firstHour: number = CORE_HOURS.first;
  let lastHour: number = CORE_HOURS.last;
  for (const row of rows) {
    if (row.weekday < 1 || row.weekday > 7 || row.hour < 0 || row.hour > 23) continue;
    cells[row.weekday - 1]![row.hour]! += row.calls;
    lost[row.weekday - 1]![row.hour]! += row.lost;
    if (row.calls > 0) {
      firstHour = Math.min(firstHour, row.hour);
      lastHour = Math.max(lastHour, row.hour);
    }
  }
  const max = Math.max(0, ...cells.flat());
  return { cells, lost, max, firstHour, lastHour };
}

/** Shading level of a cell, 0 (no call) to 4 (the busiest hour): an enhancement, the number is in the cell. */
export function heatLevel(count: number, max: number): 0 | 1 | 2 | 3 | 4 {
  if (count <= 0 || max <= 0) return 0;
  return Math.min(4, Math.max(1, Math.ceil((count / max) * 4))) as 1 | 2 | 3 | 4;
}

/** The figures of a line from the repository's counts; `services` names the flow's services in its order. */
export function summariseAccueilStats(input: {
  period: StatsPeriod;
  services: { key: string; name: string }[];
  calls: CallCounts[];
  tickets: TicketCounts[];
  voicemails: VoicemailCounts[];
  callers: CallerCounts;
  hours: HourCount[];
  weeks: WeekCount[];
}): AccueilStats {
  const perService = <T extends { serviceKey: string | null; overall: boolean }>(
    list: T[],
    key: string | null,
  ) => list.find((r) => !r.overall && r.serviceKey === key);
  const overallOf = <T extends { overall: boolean }>(list: T[]) => list.find((r) => r.overall);

  const known = new Map(input.services.map((s) => [s.key, s.name]));
  // Services found in the records but no longer in the flow keep their rows, under their key.
  const former = [...input.calls, ...input.tickets, ...input.voicemails]
    .filter((r) => !r.overall && r.serviceKey !== null && !known.has(r.serviceKey))
    .map((r) => r.serviceKey!);
  const keys: (string | null)[] = [...input.services.map((s) => s.key), ...new Set(former), null];

  const services = keys.map((key) =>
    figuresOf(
      key,
      key === null ? NO_SERVICE_NAME : (known.get(key) ?? key),
      perService(input.calls, key),
      perService(input.tickets, key),
      perService(input.voicemails, key),
    ),
  );
  const overall = figuresOf(
    null,
    OVERALL_NAME,
    overallOf(input.calls),
    overallOf(input.tickets),
    overallOf(input.voicemails),
  );
  return {
    period: input.period,
    services,
    overall,
    callers: { ...input.callers, repeatRate: rate(input.callers.fivePlus, input.callers.callers) },
    heatmap: heatmapOf(input.hours),
    weeks: input.weeks.map((w) => ({ ...w, lostRate: rate(w.lost, w.ended) })),
  };
}
