import { and, desc, eq } from 'drizzle-orm';
import type { Platform } from '../platform.ts';
import type { OutboxMessage } from './channels.ts';
import { territoryNameOf } from './outbox.repository.ts';
import { renderStoredMessage } from './render.ts';
import { outboxMessages } from './tables.ts';
import type { EmailContent } from './templates.ts';

/** Test helpers: what the outbox holds for someone, rendered as its worker would send it. */

export type QueuedEmail = EmailContent & { message: OutboxMessage };

/**
 * The emails queued for an address (whatever their status), newest first, optionally of one
 * template. Tests read these instead of delivering: delivery has its own tests (outbox.test.ts).
 */
export async function emailsQueuedFor(
  platform: Platform,
  address: string,
  template?: string,
): Promise<QueuedEmail[]> {
  const db = platform.database.db;
  const rows = await db
    .select()
    .from(outboxMessages)
    .where(
      and(
        eq(outboxMessages.channel, 'email'),
        eq(outboxMessages.recipientNormalised, address.trim().toLowerCase()),
        template ? eq(outboxMessages.template, template) : undefined,
      ),
    )
    .orderBy(desc(outboxMessages.createdAt), desc(outboxMessages.id));
  const emails: QueuedEmail[] = [];
  for (const message of rows) {
    const context = {
      territoryName: await territoryNameOf(db, message),
      baseUrl: platform.messaging.baseUrl,
    };
    const rendered = renderStoredMessage(platform.messaging.templates, message, context);
    if ('error' in rendered || rendered.channel !== 'email')
      throw new Error(`message ${message.id}: not an email`);
    emails.push({ ...rendered.content, message });
  }
  return emails;
}
