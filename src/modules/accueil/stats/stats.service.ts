import { recordAudit } from '../../../platform/audit/audit.ts';
import type { Db } from '../../../platform/db/client.ts';
import { notFound } from '../../../platform/errors.ts';
import { type Caller, isUuid } from '../../../platform/tenancy/caller.ts';
import { findLine } from '../lines.repository.ts';
import { canAccueil } from '../policy.ts';
import type { Line } from '../tables.ts';
import { type PeriodQuery, parsePeriod, periodWindow, type StatsPeriod } from './period.ts';
import {
  countByWeek,
  countByWeekdayHour,
  countCallers,
  countCalls,
  countTickets,
  countVoicemails,
} from './stats.repository.ts';
import { type AccueilStats, summariseAccueilStats } from './stats.ts';

/**
 * The figures of one line over a period: six aggregate queries, one after the other (PGlite has a
 * single connection). No permission check here: showLineStatistics decides who may see them.
 */
export async function computeLineStats(
  db: Db,
  line: Pick<Line, 'id' | 'flow'>,
  period: StatsPeriod,
): Promise<AccueilStats> {
  const window = periodWindow(period);
  const scope = { lineId: line.id };
  const calls = await countCalls(db, scope, window);
  const tickets = await countTickets(db, scope, window);
  const voicemails = await countVoicemails(db, scope, window);
  const callers = await countCallers(db, scope, window);
  const hours = await countByWeekdayHour(db, scope, window);
  const weeks = await countByWeek(db, scope, window);
  return summariseAccueilStats({
    period,
    services: line.flow.services.map((s) => ({ key: s.key, name: s.name })),
    calls,
    tickets,
    voicemails,
    callers,
    hours,
    weeks,
  });
}

export type LineStatisticsView = {
  line: Pick<Line, 'id' | 'name' | 'number' | 'organisationId'>;
  stats: AccueilStats;
  /** The period form as typed, and its messages when it could not be read (the default period is shown). */
  form: { values: { periode: string; du: string; au: string }; errors: Record<string, string> };
};

/**
 * The statistics of a line for a member of its organisation (any role) or an operator. Anyone else —
 * and an id that is no line — gets « not found », as if the line did not exist (the attempt audited).
 */
export async function showLineStatistics(
  db: Db,
  caller: Caller,
  lineId: string,
  query: PeriodQuery,
  now: Date,
): Promise<LineStatisticsView> {
  const line = isUuid(lineId) ? await findLine(db, lineId) : undefined;
  if (!line || !canAccueil(caller.actor, 'accueil.stats', line)) {
    if (line) {
      await recordAudit(db, caller.audit, {
        action: 'denied',
        resourceType: 'accueil_line',
        resourceId: line.id,
        details: { page: 'statistiques' },
      });
    }
    throw notFound();
  }
  const { period, errors, values } = parsePeriod(query, now);
  const stats = await computeLineStats(db, line, period);
  return {
    line: { id: line.id, name: line.name, number: line.number, organisationId: line.organisationId },
    stats,
    form: {
      values: { periode: Object.keys(errors).length ? (query.periode ?? 'perso') : period.choice, ...values },
      errors,
    },
  };
}
