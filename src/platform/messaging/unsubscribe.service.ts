import { type AuditActor, recordAudit } from '../audit/audit.ts';
import type { Db } from '../db/client.ts';
import { notFound } from '../errors.ts';
import { isUuid } from '../tenancy/caller.ts';
import type { OutboxMessage } from './channels.ts';
import { findMessageById, findOptOut, insertOptOut } from './messages.repository.ts';
import { isUnsubscribeSignatureValid } from './unsubscribe.ts';

export type UnsubscribeLink = { messageId: string; signature: string };

const invalidLink = () =>
  notFound('Ce lien de désabonnement n’est pas valable. Utilisez le lien du dernier courriel reçu.');

/**
 * The email a List-Unsubscribe link was made for. The signature is checked before anything is read,
 * so a forged link learns nothing (not even whether the message exists).
 */
async function messageOfLink(
  db: Db,
  secretKey: string,
  link: UnsubscribeLink,
): Promise<OutboxMessage & { recipientNormalised: string }> {
  if (!isUuid(link.messageId) || !isUnsubscribeSignatureValid(secretKey, link.messageId, link.signature)) {
    throw invalidLink();
  }
  const message = await findMessageById(db, link.messageId);
  if (message?.channel !== 'email' || !message.recipientNormalised) throw invalidLink();
  return message as OutboxMessage & { recipientNormalised: string };
}

/** What the confirmation page shows: the address concerned, and whether it already opted out. */
export async function openUnsubscribeLink(
  db: Db,
  secretKey: string,
  link: UnsubscribeLink,
): Promise<{ address: string; alreadyOptedOut: boolean }> {
  const message = await messageOfLink(db, secretKey, link);
  const optOut = await findOptOut(db, 'email', message.recipientNormalised);
  return { address: message.recipientNormalised, alreadyOptedOut: optOut !== undefined };
}

/**
 * The person behind an address asks for no more non-essential email (from the page's button, or their
 * mail client's one-click unsubscribe, RFC 8058). The address goes into opt_outs, which queueMessage
 * reads: their next non-essential email is recorded `invalid` and never sent; essential mail (sign-in
 * links, appointments) still goes. Idempotent; the opt-out is audited (without the address).
 */
export async function unsubscribeFromEmails(
  db: Db,
  secretKey: string,
  audit: AuditActor,
  link: UnsubscribeLink,
): Promise<{ address: string }> {
  const message = await messageOfLink(db, secretKey, link);
  await db.transaction(async (tx) => {
    const created = await insertOptOut(tx, {
      channel: 'email',
      address: message.recipientNormalised,
      source: 'list-unsubscribe',
    });
    if (!created) return;
    await recordAudit(tx, audit, {
      action: 'create',
      resourceType: 'opt_out',
      resourceId: message.id,
      organisationId: message.organisationId,
      territoryId: message.territoryId,
      details: { channel: 'email', source: 'list-unsubscribe' },
    });
  });
  return { address: message.recipientNormalised };
}
