import { recordAudit } from '../../../platform/audit/audit.ts';
import type { Db } from '../../../platform/db/client.ts';
import { notFound } from '../../../platform/errors.ts';
import type { Caller } from '../../../platform/tenancy/caller.ts';
import { openLine } from './access.ts';
import { callsOfNumber } from './call-log.repository.ts';
import type { ConsoleLine } from './console.repository.ts';
import { type HistoryEntry, mergeHistory } from './history.ts';
import { E164 } from './labels.ts';
import { ticketsOfNumber } from './tickets.repository.ts';
import { voicemailsOfNumber } from './voicemails.repository.ts';

/** Everything a number did on a line: calls, tickets, voicemails, newest first. */
export async function callerHistoryOf(db: Db, lineId: string, number: string): Promise<HistoryEntry[]> {
  const [calls, tickets, voicemails] = await Promise.all([
    callsOfNumber(db, lineId, number),
    ticketsOfNumber(db, lineId, number),
    voicemailsOfNumber(db, lineId, number),
  ]);
  return mergeHistory(calls, tickets, voicemails);
}

/** Writes who read a caller's history (a number is personal data), with where they read it from. */
export async function auditCallerRead(
  db: Db,
  caller: Caller,
  line: ConsoleLine,
  number: string,
  details: Record<string, unknown> = {},
): Promise<void> {
  await recordAudit(db, caller.audit, {
    action: 'read',
    resourceType: 'accueil_appelant',
    resourceId: number,
    organisationId: line.organisationId,
    territoryId: line.territoryId,
    details: { lineId: line.id, ...details },
  });
}

export type CallerPage = { line: ConsoleLine; number: string; history: HistoryEntry[] };

/** The caller's page: their history on this line. Audited; a number not in E.164 is not found. */
export async function viewCallerHistory(
  db: Db,
  caller: Caller,
  lineId: string,
  number: string,
): Promise<CallerPage> {
  const line = await openLine(db, caller, lineId);
  if (!E164.test(number))
    throw notFound(
      'Ce numéro n’est pas valide : il s’écrit au format international, par exemple +33612345678.',
    );
  const history = await callerHistoryOf(db, line.id, number);
  await auditCallerRead(db, caller, line, number);
  return { line, number, history };
}
