import { recordAudit } from '../audit/audit.ts';
import type { Actor, Membership } from '../auth/actor.ts';
import { can, organisationScope } from '../auth/permissions.ts';
import type { Db } from '../db/client.ts';
import { forbidden, notFound } from '../errors.ts';
import { type Caller, isUuid } from '../tenancy/caller.ts';
import type { Organisation, OrganisationSummary } from '../tenancy/organisation.repository.ts';
import { listOrganisationsFor, openOrganisation } from '../tenancy/organisation.service.ts';
import type { OutboxMessage } from './channels.ts';
import { type MonthlyCost, recentMonths, summariseCosts } from './costs.ts';
import {
  countSentPerMonth,
  findMessageById,
  type ListedMessage,
  listMessagesAbout,
  listOrganisationMessages,
  type MessageFilter,
  type OrganisationScope,
} from './messages.repository.ts';
import type { Messaging } from './messaging.ts';
import { requeueMessage } from './outbox.repository.ts';
import { sendDeliveryJob } from './outbox.service.ts';

/**
 * What agents see of their organisations' messages: the recent sends with their status, what they
 * cost per month, a person's history, and « Réessayer » on the ones that failed. Only the envelope
 * is shown (channel, recipient, template, status): the content, which may hold a sign-in link, stays
 * in the outbox (the development outbox renders it, outside production only).
 */

export const MESSAGES_SHOWN = 100;
const COST_MONTHS = 6;

/** A message as lists show it, without its data. */
export type MessageSummary = Omit<ListedMessage, 'data' | 'idempotencyKey' | 'claimedUntil'>;

function summary(message: ListedMessage): MessageSummary {
  const { data: _data, idempotencyKey: _key, claimedUntil: _claim, ...rest } = message;
  return rest;
}

/** The organisations whose messages the actor may see: every one for operators, else their own. */
export function messageScopeOf(actor: Actor): OrganisationScope {
  return organisationScope(actor, 'organisation.view');
}

/**
 * The messages about one person (a beneficiary, a volunteer, an agent…), newest first, with their
 * status, among those sent by the organisations in `scope` (from messageScopeOf, or narrower). For a
 * module's page about that person: the module has checked that the agent may see the person and
 * audited the read, so this adds no audit line of its own.
 */
export async function messageHistoryOf(
  db: Db,
  scope: OrganisationScope,
  subject: { type: string; id: string },
  limit = 50,
): Promise<MessageSummary[]> {
  return (await listMessagesAbout(db, scope, subject, limit)).map(summary);
}

export type MessagesView = {
  /** The organisation shown; null: all of them (operators). */
  organisation: Organisation | null;
  choices: OrganisationSummary[];
  filter: MessageFilter;
  messages: MessageSummary[];
  costs: MonthlyCost[];
  /** Whether the actor may send failed messages again, per organisation id. */
  mayRetry: (organisationId: string | null) => boolean;
};

/**
 * /messages: one organisation's recent messages (the one asked for, else the agent's current one),
 * or every organisation's for an operator who asks for none. An organisation that is not the agent's
 * answers "not found" and is audited (openOrganisation); the list itself is audited, as it names
 * recipients.
 */
export async function browseOrganisationMessages(
  db: Db,
  caller: Caller,
  input: { slug?: string; current: Membership | null; filter: MessageFilter; now: Date },
): Promise<MessagesView> {
  const { actor } = caller;
  const slug = input.slug ?? (actor.isOperator ? undefined : input.current?.organisationSlug);
  if (!slug && !actor.isOperator) {
    await recordAudit(db, caller.audit, { action: 'denied', resourceType: 'outbox_messages' });
    throw notFound();
  }
  const organisation = slug ? await openOrganisation(db, caller, slug) : null;
  const scope: OrganisationScope = organisation ? [organisation.id] : 'all';
  const { months, since } = recentMonths(input.now, COST_MONTHS);
  const [messages, counts, choices] = await Promise.all([
    listOrganisationMessages(db, scope, input.filter, MESSAGES_SHOWN),
    countSentPerMonth(db, scope, since),
    listOrganisationsFor(db, actor),
  ]);
  await recordAudit(db, caller.audit, {
    action: 'list',
    resourceType: 'outbox_messages',
    organisationId: organisation?.id ?? null,
    territoryId: organisation?.territoryId ?? null,
    details: { ...input.filter, count: messages.length },
  });
  return {
    organisation,
    choices,
    filter: input.filter,
    messages: messages.map(summary),
    costs: summariseCosts(months, counts),
    mayRetry: (organisationId) => can(actor, 'message.retry', { organisationId }),
  };
}

/**
 * « Réessayer »: a dead or failed message goes back to the queue with a new delivery job, both in one
 * transaction (so there is never a queued message without its job), audited. A message outside the
 * agent's organisations answers "not found" and is audited; read-only members may not do it.
 * Returns `requeued: false` when the message was no longer dead or failed (someone was quicker).
 */
export async function retryMessage(
  db: Db,
  messaging: Messaging,
  caller: Caller,
  messageId: string,
): Promise<{ message: OutboxMessage; requeued: boolean }> {
  const message = isUuid(messageId) ? await findMessageById(db, messageId) : undefined;
  if (!message) throw notFound();
  const resource = { organisationId: message.organisationId };
  if (!can(caller.actor, 'message.view', resource)) {
    await recordAudit(db, caller.audit, {
      action: 'denied',
      resourceType: 'outbox_message',
      resourceId: message.id,
      organisationId: message.organisationId,
    });
    throw notFound();
  }
  if (!can(caller.actor, 'message.retry', resource)) {
    throw forbidden('Les membres en lecture seule ne peuvent pas renvoyer un message.');
  }
  return db.transaction(async (tx) => {
    const requeued = await requeueMessage(tx, message.id);
    if (!requeued) return { message, requeued: false };
    await sendDeliveryJob(tx, messaging, message.id);
    await recordAudit(tx, caller.audit, {
      action: 'update',
      resourceType: 'outbox_message',
      resourceId: message.id,
      organisationId: message.organisationId,
      details: { status: { from: message.status, to: 'queued' }, retry: true },
    });
    return { message: requeued, requeued: true };
  });
}
