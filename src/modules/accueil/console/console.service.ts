import type { Db } from '../../../platform/db/client.ts';
import type { Caller } from '../../../platform/tenancy/caller.ts';
import { canAccueil } from '../policy.ts';
import { openLine } from './access.ts';
import { type CallRow, recentCalls } from './call-log.repository.ts';
import type { ConsoleLine } from './console.repository.ts';
import {
  countTicketsByFilter,
  listTickets,
  type TicketCounts,
  type TicketFilter,
  type TicketRow,
} from './tickets.repository.ts';
import { listVoicemails, type VoicemailRow } from './voicemails.repository.ts';

/** How many rows each list of the console shows at most (the newest or most urgent). */
export const CONSOLE_LIMITS = { tickets: 100, voicemails: 50, calls: 50 };

export type ConsoleView = {
  line: ConsoleLine;
  filter: TicketFilter;
  counts: TicketCounts;
  tickets: TicketRow[];
  voicemails: VoicemailRow[];
  calls: CallRow[];
  agentId: string;
  mayConfigure: boolean;
  now: Date;
};

/** The console of a line: its callback tickets (one filter), its voicemails and its latest calls. */
export async function viewConsole(
  db: Db,
  caller: Caller,
  lineId: string,
  filter: TicketFilter,
  now: Date,
): Promise<ConsoleView> {
  const line = await openLine(db, caller, lineId);
  const agentId = caller.actor.agentId;
  const [counts, tickets, voicemails, calls] = await Promise.all([
    countTicketsByFilter(db, line.id, agentId),
    listTickets(db, line.id, filter, agentId, CONSOLE_LIMITS.tickets),
    listVoicemails(db, line.id, CONSOLE_LIMITS.voicemails),
    recentCalls(db, line.id, CONSOLE_LIMITS.calls),
  ]);
  return {
    line,
    filter,
    counts,
    tickets,
    voicemails,
    calls,
    agentId,
    mayConfigure: canAccueil(caller.actor, 'accueil.configure', line),
    now,
  };
}

/** A ticket is late once its due time has passed while still open. */
export function isOverdue(ticket: Pick<TicketRow, 'status' | 'dueAt'>, now: Date): boolean {
  return (ticket.status === 'a_rappeler' || ticket.status === 'en_cours') && ticket.dueAt < now;
}
