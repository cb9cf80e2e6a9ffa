import type { Db } from '../../../platform/db/client.ts';
import { dayBounds, localDayOf } from '../../../platform/scheduling/agenda/week-grid.ts';
import type { Caller } from '../../../platform/tenancy/caller.ts';
import { type LineSummary, listLines } from '../lines.repository.ts';
import { accueilOrganisations, canAccueil } from '../policy.ts';
import { callCountsBetween } from './call-log.repository.ts';
import { openTicketCountsOf } from './tickets.repository.ts';
import { unhandledVoicemailCountsOf } from './voicemails.repository.ts';

export type LineCard = LineSummary & {
  counts: { toCall: number; overdue: number; voicemails: number; callsToday: number; lostToday: number };
  mayConsole: boolean;
  mayStats: boolean;
  mayConfigure: boolean;
};

/**
 * The module's home: the lines of the agent's organisations, each with what waits (tickets to call,
 * overdue ones, messages nobody handled) and today's calls (Europe/Paris day) with the lost ones.
 */
export async function listAgentLines(db: Db, caller: Caller, now: Date): Promise<LineCard[]> {
  const lines = await listLines(db, accueilOrganisations(caller.actor));
  const ids = lines.map((l) => l.id);
  const today = dayBounds(localDayOf(now));
  const [tickets, voicemails, calls] = await Promise.all([
    openTicketCountsOf(db, ids, now),
    unhandledVoicemailCountsOf(db, ids),
    callCountsBetween(db, ids, today.start, today.end),
  ]);
  return lines.map((line) => ({
    ...line,
    counts: {
      toCall: tickets.get(line.id)?.open ?? 0,
      overdue: tickets.get(line.id)?.overdue ?? 0,
      voicemails: voicemails.get(line.id) ?? 0,
      callsToday: calls.get(line.id)?.calls ?? 0,
      lostToday: calls.get(line.id)?.lost ?? 0,
    },
    mayConsole: canAccueil(caller.actor, 'accueil.console', line),
    mayStats: canAccueil(caller.actor, 'accueil.stats', line),
    mayConfigure: canAccueil(caller.actor, 'accueil.configure', line),
  }));
}
