import type { Db } from '../db/client.ts';
import { transactionDb } from '../jobs/boss.ts';
import type { Channel, OutboxMessage } from './channels.ts';
import { DELIVER_QUEUE } from './deliver.job.ts';
import type { Messaging } from './messaging.ts';
import {
  findMessageByIdempotencyKey,
  insertMessage,
  isOptedOut,
  territoryNameOf,
} from './outbox.repository.ts';

export type QueueMessageInput = {
  channel: Channel;
  template: string;
  /** Email address, phone number, or for a letter the postal address (lines separated by newlines). */
  recipient: string;
  recipientName?: string;
  data: Record<string, unknown>;
  /** Unique per business event (e.g. "rsa:invitation:<id>:sms"): queuing it again does nothing. */
  idempotencyKey: string;
  organisationId?: string | null;
  territoryId?: string | null;
  /** The person the message is about, for their message history. */
  subject?: { type: string; id: string };
  /** Urgent SMS ignore the quiet hours (20:00–08:00) and opt-outs do not apply to essential mail. */
  urgent?: boolean;
};

/**
 * Queues one email, SMS or letter inside the caller's transaction: the message and its delivery job
 * commit with the business change or not at all. A recipient that cannot be used is recorded as
 * `invalid` with the reason, and nothing else in the transaction is undone. Nothing is sent here.
 */
export async function queueMessage(
  tx: Db,
  messaging: Messaging,
  input: QueueMessageInput,
  now = new Date(),
): Promise<OutboxMessage> {
  const existing = await findMessageByIdempotencyKey(tx, input.idempotencyKey);
  if (existing) return existing;

  const template = messaging.templates.get(input.template);
  if (template.channel !== input.channel) {
    throw new Error(`template ${input.template} is for ${template.channel}, not ${input.channel}`);
  }
  const sender = messaging.channels.get(input.channel);
  if (!sender) throw new Error(`no ${input.channel} channel configured`);
  const territoryName = await territoryNameOf(tx, input);
  const content = template.render(input.data as never, { territoryName, baseUrl: messaging.baseUrl });
  let prepared = sender.prepare({ recipient: input.recipient, content, urgent: input.urgent ?? false, now });
  // An unsubscribed address still gets its essential mail (sign-in links, appointments): opting out
  // covers the rest (List-Unsubscribe is only offered on non-essential mail, see email.channel.ts).
  const essential = template.channel === 'email' && template.essential;
  if (
    prepared.ok &&
    !input.urgent &&
    !essential &&
    (await isOptedOut(tx, input.channel, prepared.normalised))
  ) {
    prepared = {
      ok: false,
      reason: 'la personne a demandé à ne plus recevoir de messages (STOP ou désabonnement)',
    };
  }

  const row = await insertMessage(tx, {
    organisationId: input.organisationId ?? null,
    territoryId: input.territoryId ?? null,
    channel: input.channel,
    recipient: input.recipient,
    recipientNormalised: prepared.ok ? prepared.normalised : null,
    recipientName: input.recipientName ?? null,
    subjectType: input.subject?.type ?? null,
    subjectId: input.subject?.id ?? null,
    template: input.template,
    data: input.data,
    idempotencyKey: input.idempotencyKey,
    status: prepared.ok ? 'queued' : 'invalid',
    statusReason: prepared.ok ? null : prepared.reason,
    urgent: input.urgent ?? false,
    segments: prepared.ok ? (prepared.segments ?? null) : null,
    nextAttemptAt: prepared.ok ? (prepared.startAfter ?? null) : null,
  });
  // A concurrent transaction queued the same event first: theirs is the message.
  if (!row) return (await findMessageByIdempotencyKey(tx, input.idempotencyKey))!;
  if (row.status === 'queued')
    await sendDeliveryJob(tx, messaging, row.id, prepared.ok ? prepared.startAfter : undefined);
  return row;
}

export async function sendDeliveryJob(
  tx: Db,
  messaging: Messaging,
  messageId: string,
  startAfter?: Date,
): Promise<void> {
  await messaging.boss.send(
    DELIVER_QUEUE,
    { messageId },
    { db: transactionDb(tx), ...(startAfter ? { startAfter } : {}) },
  );
}
