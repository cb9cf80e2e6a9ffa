import { and, eq, inArray, sql } from 'drizzle-orm';
import type { Db } from '../../db/client.ts';
import { optOuts, outboxMessages } from '../tables.ts';

/**
 * A delivery receipt: the SMS reached the phone. Matched on the provider and its message id (index
 * outbox_messages_provider_idx). A late "delivered" after a "failed" wins: the phone has it.
 */
export async function markSmsDelivered(db: Db, provider: string, providerMessageId: string): Promise<number> {
  const rows = await db
    .update(outboxMessages)
    .set({ status: 'delivered', statusReason: null, updatedAt: sql`now()` })
    .where(
      and(
        eq(outboxMessages.channel, 'sms'),
        eq(outboxMessages.provider, provider),
        eq(outboxMessages.providerMessageId, providerMessageId),
        inArray(outboxMessages.status, ['sent', 'failed']),
      ),
    )
    .returning({ id: outboxMessages.id });
  return rows.length;
}

/** The provider or the operator gave up on a sent SMS; a delivered one stays delivered. */
export async function markSmsFailed(
  db: Db,
  provider: string,
  providerMessageId: string,
  reason: string,
): Promise<number> {
  const rows = await db
    .update(outboxMessages)
    .set({ status: 'failed', statusReason: reason.slice(0, 500), updatedAt: sql`now()` })
    .where(
      and(
        eq(outboxMessages.channel, 'sms'),
        eq(outboxMessages.provider, provider),
        eq(outboxMessages.providerMessageId, providerMessageId),
        eq(outboxMessages.status, 'sent'),
      ),
    )
    .returning({ id: outboxMessages.id });
  return rows.length;
}

/** Records that a number answered STOP; true if it was not already on the list. */
export async function addSmsOptOut(db: Db, phone: string, source: string): Promise<boolean> {
  const rows = await db
    .insert(optOuts)
    .values({ channel: 'sms', address: phone, source })
    .onConflictDoNothing({ target: [optOuts.channel, optOuts.address] })
    .returning({ address: optOuts.address });
  return rows.length > 0;
}

/**
 * SMS to that number still waiting (held for the morning, or between retries) will not go out: they
 * become invalid with the reason. Urgent ones still go, as queueMessage lets them through.
 */
export async function cancelWaitingSms(db: Db, phone: string, reason: string): Promise<number> {
  const rows = await db
    .update(outboxMessages)
    .set({ status: 'invalid', statusReason: reason, updatedAt: sql`now()` })
    .where(
      and(
        eq(outboxMessages.channel, 'sms'),
        eq(outboxMessages.recipientNormalised, phone),
        eq(outboxMessages.urgent, false),
        inArray(outboxMessages.status, ['queued', 'retrying']),
      ),
    )
    .returning({ id: outboxMessages.id });
  return rows.length;
}
