import {
  boolean,
  index,
  integer,
  jsonb,
  pgEnum,
  pgTable,
  primaryKey,
  text,
  timestamp,
  uuid,
} from 'drizzle-orm/pg-core';
import { agents, organisations, territories } from '../tenancy/tables.ts';

export const messageChannel = pgEnum('message_channel', ['email', 'sms', 'letter']);

/**
 * Where a message is in its life:
 * - queued: written with the business change, waiting for a worker (or for 08:00 for a held SMS);
 * - sending: claimed by a worker (a crashed worker's claim expires and the message is retried);
 * - retrying: the last attempt failed for a passing reason, another will come;
 * - sent: the provider accepted it (emails, SMS) — delivered / failed later from delivery receipts;
 * - to_print / posted: letters, from generated PDF to the batch marked as posted by an agent;
 * - dead: attempts exhausted (shown to admins with « réessayer »);
 * - invalid: the recipient could not be used (bad address or number, opted out); never reaches a provider.
 */
export const messageStatus = pgEnum('message_status', [
  'queued',
  'sending',
  'retrying',
  'sent',
  'delivered',
  'failed',
  'to_print',
  'posted',
  'dead',
  'invalid',
]);

/**
 * The transactional outbox: a message is written in the same transaction as the business change
 * that causes it, with an idempotency key unique per business event, so it is never lost and never
 * sent twice. Workers deliver it (jobs/messaging.deliver).
 */
export const outboxMessages = pgTable(
  'outbox_messages',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    organisationId: uuid('organisation_id').references(() => organisations.id),
    territoryId: uuid('territory_id').references(() => territories.id),
    channel: messageChannel('channel').notNull(),
    /** What the caller gave: an email address, a phone number, or a postal address (letters). */
    recipient: text('recipient').notNull(),
    /** The recipient as used: lower-cased email, E.164 phone number; null when invalid. */
    recipientNormalised: text('recipient_normalised'),
    recipientName: text('recipient_name'),
    /** The person the message is about, for their history: e.g. ("rsa_beneficiary", id). */
    subjectType: text('subject_type'),
    subjectId: text('subject_id'),
    template: text('template').notNull(),
    data: jsonb('data').$type<Record<string, unknown>>().notNull(),
    idempotencyKey: text('idempotency_key').notNull().unique(),
    status: messageStatus('status').notNull(),
    statusReason: text('status_reason'),
    urgent: boolean('urgent').notNull().default(false),
    attempts: integer('attempts').notNull().default(0),
    nextAttemptAt: timestamp('next_attempt_at', { withTimezone: true }),
    claimedUntil: timestamp('claimed_until', { withTimezone: true }),
    provider: text('provider'),
    providerMessageId: text('provider_message_id'),
    /** SMS segments billed (cost tracking), computed before sending. */
    segments: integer('segments'),
    letterBatchId: uuid('letter_batch_id'),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
    sentAt: timestamp('sent_at', { withTimezone: true }),
  },
  (t) => [
    index('outbox_messages_organisation_idx').on(t.organisationId, t.createdAt),
    index('outbox_messages_subject_idx').on(t.subjectType, t.subjectId),
    index('outbox_messages_status_idx').on(t.status),
    index('outbox_messages_provider_idx').on(t.provider, t.providerMessageId),
  ],
);

/**
 * Addresses that asked for no more messages: a phone number that answered STOP, an email address that
 * used the List-Unsubscribe link of a non-essential email. Nothing non-urgent goes to them again.
 */
export const optOuts = pgTable(
  'opt_outs',
  {
    channel: messageChannel('channel').notNull(),
    address: text('address').notNull(),
    optedOutAt: timestamp('opted_out_at', { withTimezone: true }).notNull().defaultNow(),
    source: text('source').notNull(),
  },
  (t) => [primaryKey({ columns: [t.channel, t.address] })],
);

/** A file of letters printed together; "posted" when an agent marks the batch sent. */
export const letterBatches = pgTable('letter_batches', {
  id: uuid('id').primaryKey().defaultRandom(),
  organisationId: uuid('organisation_id')
    .notNull()
    .references(() => organisations.id),
  createdByAgentId: uuid('created_by_agent_id').references(() => agents.id),
  createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  postedAt: timestamp('posted_at', { withTimezone: true }),
  postedByAgentId: uuid('posted_by_agent_id').references(() => agents.id),
});
