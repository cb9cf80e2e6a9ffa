import { and, desc, eq, gte, isNull, lt, sql } from 'drizzle-orm';
import type { Db } from '../../../platform/db/client.ts';
import { type Call, type CallStep, calls, lines, tickets, voicemails } from '../tables.ts';
import type { CallState } from './call-state.ts';

export type NewCall = {
  lineId: string;
  organisationId: string;
  channel: 'sip' | 'webhook';
  externalId: string;
  callerNumber: string | null;
  startedAt: Date;
};

/** Records a call once: the same (channel, external id) again returns undefined. */
export async function insertCall(tx: Db, values: NewCall): Promise<Call | undefined> {
  const [row] = await tx
    .insert(calls)
    .values(values)
    .onConflictDoNothing({ target: [calls.channel, calls.externalId] })
    .returning();
  return row;
}

export async function findCallByExternalId(
  db: Db,
  channel: 'sip' | 'webhook',
  externalId: string,
): Promise<Call | undefined> {
  const [row] = await db
    .select()
    .from(calls)
    .where(and(eq(calls.channel, channel), eq(calls.externalId, externalId)))
    .limit(1);
  return row;
}

/** The call, locked until the transaction ends: two events of one call are applied one after the other. */
export async function lockCall(tx: Db, id: string): Promise<Call | undefined> {
  const [row] = await tx.select().from(calls).where(eq(calls.id, id)).for('update').limit(1);
  return row;
}

export type CallChange = {
  state: CallState;
  steps: CallStep[];
  menuPath: string[];
  serviceKey: string | null;
  endedAt?: Date;
  outcome?: { outcome: NonNullable<Call['outcome']>; at: Date };
};

export async function saveCallProgress(tx: Db, id: string, change: CallChange): Promise<void> {
  await tx
    .update(calls)
    .set({
      state: change.state,
      steps: change.steps,
      menuPath: change.menuPath,
      serviceKey: change.serviceKey,
      ...(change.endedAt ? { endedAt: change.endedAt } : {}),
      ...(change.outcome ? { outcome: change.outcome.outcome, outcomeAt: change.outcome.at } : {}),
    })
    .where(eq(calls.id, id));
}

export type NewTicket = typeof tickets.$inferInsert;

/** One ticket per call at most. */
export async function insertTicket(tx: Db, values: NewTicket): Promise<void> {
  await tx.insert(tickets).values(values).onConflictDoNothing({ target: tickets.callId });
}

export type NewVoicemail = typeof voicemails.$inferInsert;

export async function insertVoicemail(tx: Db, values: NewVoicemail): Promise<void> {
  await tx.insert(voicemails).values(values).onConflictDoNothing({ target: voicemails.callId });
}

export type CallListFilter = {
  organisationId: string;
  from?: Date;
  to?: Date;
  outcome?: NonNullable<Call['outcome']> | 'perdu';
  limit: number;
  /** Calls started before this one (the previous page's last), for paging back in time. */
  before?: Date;
};

export type CallListRow = Pick<
  Call,
  | 'id'
  | 'channel'
  | 'callerNumber'
  | 'startedAt'
  | 'endedAt'
  | 'serviceKey'
  | 'menuPath'
  | 'outcome'
  | 'outcomeAt'
> & { lineNumber: string; lineName: string };

/** An organisation's calls, newest first, for the API. */
export async function listCallsOfOrganisation(db: Db, filter: CallListFilter): Promise<CallListRow[]> {
  const conditions = [eq(calls.organisationId, filter.organisationId)];
  if (filter.from) conditions.push(gte(calls.startedAt, filter.from));
  if (filter.to) conditions.push(lt(calls.startedAt, filter.to));
  if (filter.before) conditions.push(lt(calls.startedAt, filter.before));
  if (filter.outcome === 'perdu') {
    conditions.push(isNull(calls.outcome), sql`${calls.endedAt} is not null`);
  } else if (filter.outcome) conditions.push(eq(calls.outcome, filter.outcome));
  return db
    .select({
      id: calls.id,
      channel: calls.channel,
      callerNumber: calls.callerNumber,
      startedAt: calls.startedAt,
      endedAt: calls.endedAt,
      serviceKey: calls.serviceKey,
      menuPath: calls.menuPath,
      outcome: calls.outcome,
      outcomeAt: calls.outcomeAt,
      lineNumber: lines.number,
      lineName: lines.name,
    })
    .from(calls)
    .innerJoin(lines, eq(lines.id, calls.lineId))
    .where(and(...conditions))
    .orderBy(desc(calls.startedAt), desc(calls.id))
    .limit(filter.limit);
}
