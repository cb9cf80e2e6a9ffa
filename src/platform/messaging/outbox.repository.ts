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
 * Takes a message for sending. Only one worker can hold it: the UPDATE matches only a message that is
 * waiting, or whose previous claim expired (its worker died mid-send).
 */
export async function claimMessage(
  db: Db,
  id: string,
  claimSeconds: number,
): Promise<OutboxMessage | undefined> {
  const [row] = await db
    .update(outboxMessages)
    .set({
      status: 'sending',
      attempts: sql`${outboxMessages.attempts} + 1`,
      claimedUntil: sql`now() + make_interval(secs => ${claimSeconds})`,
      updatedAt: sql`now()`,
    })
    .where(
      and(
        eq(outboxMessages.id, id),
        or(
          inArray(outboxMessages.status, ['queued', 'retrying']),
          and(eq(outboxMessages.status, 'sending'), lt(outboxMessages.claimedUntil, sql`now()`)),
        ),
      ),
    )
    .returning();
  return row;
}

export async function markSent(db: Db, id: string, result: SendResult): Promise<void> {
  await db
    .update(outboxMessages)
    .set({
      status: result.status ?? 'sent',
      provider: result.provider,
      providerMessageId: result.providerMessageId ?? null,
      statusReason: null,
      claimedUntil: null,
      sentAt: sql`now()`,
      updatedAt: sql`now()`,
    })
    .where(eq(outboxMessages.id, id));
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
