import { and, eq, inArray, lt, or, sql } from 'drizzle-orm';
import type { Db } from '../db/client.ts';
import { organisations, territories } from '../tenancy/tables.ts';
import type { OutboxMessage, SendResult } from './channels.ts';
import { optOuts, outboxMessages } from './tables.ts';

export async function insertMessage(
  db: Db,
  values: typeof outboxMessages.$inferInsert,
): Promise<OutboxMessage | undefined> {
  const [row] = await db
    .insert(outboxMessages)
    .values(values)
    .onConflictDoNothing({ target: outboxMessages.idempotencyKey })
    .returning();
  return row;
}

export async function findMessageByIdempotencyKey(db: Db, key: string): Promise<OutboxMessage | undefined> {
  const [row] = await db.select().from(outboxMessages).where(eq(outboxMessages.idempotencyKey, key)).limit(1);
  return row;
}

export async function isOptedOut(
  db: Db,
  channel: OutboxMessage['channel'],
  address: string,
): Promise<boolean> {
  const [row] = await db
    .select({ address: optOuts.address })
    .from(optOuts)
    .where(and(eq(optOuts.channel, channel), eq(optOuts.address, address)))
    .limit(1);
  return row !== undefined;
}

export async function territoryNameOf(
  db: Db,
  scope: { organisationId?: string | null; territoryId?: string | null },
) {
  if (scope.territoryId) {
    const [row] = await db
      .select({ name: territories.name })
      .from(territories)
      .where(eq(territories.id, scope.territoryId));
    return row?.name ?? null;
  }
  if (scope.organisationId) {
    const [row] = await db
      .select({ name: territories.name, territoryId: territories.id })
      .from(organisations)
      .leftJoin(territories, eq(territories.id, organisations.territoryId))
      .where(eq(organisations.id, scope.organisationId));
    return row?.name ?? null;
  }
  return null;
}

/**
 * Takes messages for sending, a worker's batch in one statement. Only one worker can hold a message:
 * the UPDATE matches only a message that is waiting, or whose previous claim expired (its worker died
 * mid-send); the others are left out of the answer.
 */
export async function claimMessages(db: Db, ids: string[], claimSeconds: number): Promise<OutboxMessage[]> {
  if (ids.length === 0) return [];
  return db
    .update(outboxMessages)
    .set({
      status: 'sending',
      attempts: sql`${outboxMessages.attempts} + 1`,
      claimedUntil: sql`now() + make_interval(secs => ${claimSeconds})`,
      updatedAt: sql`now()`,
    })
    .where(
      and(
        inArray(outboxMessages.id, ids),
        or(
          inArray(outboxMessages.status, ['queued', 'retrying']),
          and(eq(outboxMessages.status, 'sending'), lt(outboxMessages.claimedUntil, sql`now()`)),
        ),
      ),
    )
    .returning();
}

/** Of these messages, the ones a worker holds right now (status `sending`). */
export async function findMessagesBeingSent(db: Db, ids: string[]): Promise<string[]> {
  if (ids.length === 0) return [];
  const rows = await db
    .select({ id: outboxMessages.id })
    .from(outboxMessages)
    .where(and(inArray(outboxMessages.id, ids), eq(outboxMessages.status, 'sending')));
  return rows.map((r) => r.id);
}

/**
 * Records several sends in one statement: the delivery job groups the ones that finish while the
 * previous group is being written (deliver.job.ts). The rows travel as one JSON parameter, which
 * node-postgres and PGlite pass alike.
 */
export async function markSentMany(db: Db, sends: { id: string; result: SendResult }[]): Promise<void> {
  if (sends.length === 0) return;
  const rows = sends.map(({ id, result }) => ({
    id,
    status: result.status ?? 'sent',
    provider: result.provider,
    provider_message_id: result.providerMessageId ?? null,
  }));
  await db
    .update(outboxMessages)
    .set({
      status: sql`done.status`,
      provider: sql`done.provider`,
      providerMessageId: sql`done.provider_message_id`,
      statusReason: null,
      claimedUntil: null,
      sentAt: sql`now()`,
      updatedAt: sql`now()`,
    })
    .from(
      sql`jsonb_to_recordset(${JSON.stringify(rows)}::jsonb)
        as done(id uuid, status message_status, provider text, provider_message_id text)`,
    )
    .where(eq(outboxMessages.id, sql`done.id`));
}

export async function markAttemptFailed(
  db: Db,
  id: string,
  status: 'retrying' | 'failed' | 'dead',
  reason: string,
) {
  await db
    .update(outboxMessages)
    .set({ status, statusReason: reason.slice(0, 500), claimedUntil: null, updatedAt: sql`now()` })
    .where(eq(outboxMessages.id, id));
}

/** After the last retry: the job went to the dead-letter queue; the message shows as such to admins. */
export async function markDead(db: Db, id: string): Promise<void> {
  await db
    .update(outboxMessages)
    .set({ status: 'dead', claimedUntil: null, updatedAt: sql`now()` })
    .where(and(eq(outboxMessages.id, id), inArray(outboxMessages.status, ['queued', 'retrying', 'sending'])));
}

/** « Réessayer »: a dead or failed message goes back to the queue. */
export async function requeueMessage(db: Db, id: string): Promise<OutboxMessage | undefined> {
  const [row] = await db
    .update(outboxMessages)
    .set({ status: 'queued', statusReason: null, updatedAt: sql`now()` })
    .where(and(eq(outboxMessages.id, id), inArray(outboxMessages.status, ['dead', 'failed'])))
    .returning();
  return row;
}

/** Gives a claimed message back to the queue until `until` (quiet hours), without counting an attempt. */
export async function holdMessage(db: Db, id: string, until: Date, reason: string): Promise<void> {
  await db
    .update(outboxMessages)
    .set({
      status: 'queued',
      attempts: sql`greatest(${outboxMessages.attempts} - 1, 0)`,
      claimedUntil: null,
      nextAttemptAt: until,
      statusReason: reason,
      updatedAt: sql`now()`,
    })
    .where(eq(outboxMessages.id, id));
}
