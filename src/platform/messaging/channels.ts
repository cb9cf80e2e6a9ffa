import type { outboxMessages } from './tables.ts';
import type { EmailContent, LetterContent, SmsContent } from './templates.ts';

export type OutboxMessage = typeof outboxMessages.$inferSelect;
export type Channel = OutboxMessage['channel'];
export type Content = EmailContent | SmsContent | LetterContent;

/** What checking a recipient gives: the address to use (and, for SMS, the segments and the hour), or why not. */
export type Prepared =
  | { ok: true; normalised: string; segments?: number; startAfter?: Date }
  | { ok: false; reason: string };

export type SendResult = { provider: string; providerMessageId?: string; status?: 'sent' | 'to_print' };

/**
 * A way of reaching people. `prepare` is pure and runs in the request, so a bad address never reaches
 * a provider; `send` runs in a worker and throws PermanentSendError when retrying cannot help.
 */
export type ChannelSender = {
  channel: Channel;
  prepare(input: { recipient: string; content: Content; urgent: boolean; now: Date }): Prepared;
  send(message: OutboxMessage, content: Content): Promise<SendResult>;
  /**
   * Checked again just before sending: a time before which this message must not leave (an SMS retried
   * or delayed into the quiet hours). The worker then puts it back in the queue until that time.
   */
  holdUntil?(message: OutboxMessage, now: Date): Date | undefined;
  close?(): void;
};

export class PermanentSendError extends Error {}
