import nodemailer, { type Transporter } from 'nodemailer';
import { z } from 'zod';
import type { Config } from '../config.ts';
import { type ChannelSender, PermanentSendError } from './channels.ts';
import type { EmailContent } from './templates.ts';

const emailAddress = z.email();

/**
 * Email through SMTP (SMTP_URL), pooled. Without SMTP_URL (development, demo) nothing leaves the
 * machine: the message is marked sent by the "development" provider and shown at /outils/messages.
 * The Message-ID comes from the outbox id, so a message resent after a crash is recognisably the same.
 */
export function emailChannel(
  config: Config,
  options: { unsubscribeUrl?: (messageId: string) => string } = {},
): ChannelSender {
  const transport: Transporter | undefined = config.smtpUrl
    ? nodemailer.createTransport(config.smtpUrl, {
        pool: true,
        maxConnections: 5,
        // A send must end (or fail) before its claim on the message runs out, or a retry could take the
        // message over while it is still being sent: nodemailer's defaults (up to 10 min) are far longer.
        connectionTimeout: 10_000,
        greetingTimeout: 10_000,
        socketTimeout: 20_000,
      } as never)
    : undefined;
  const domain = new URL(config.baseUrl).hostname;
  return {
    channel: 'email',
    prepare({ recipient }) {
      const address = recipient.trim().toLowerCase();
      return emailAddress.safeParse(address).success
        ? { ok: true, normalised: address }
        : { ok: false, reason: `adresse électronique invalide : « ${recipient} »` };
    },
    async send(message, content) {
      const email = content as EmailContent & { essential?: boolean };
      if (!transport) return { provider: 'development', providerMessageId: `<${message.id}@${domain}>` };
      const headers: Record<string, string> = {};
      const unsubscribe = options.unsubscribeUrl?.(message.id);
      if (!email.essential && unsubscribe) {
        headers['List-Unsubscribe'] = `<${unsubscribe}>`;
        headers['List-Unsubscribe-Post'] = 'List-Unsubscribe=One-Click';
      }
      try {
        const info = await transport.sendMail({
          from: config.mailFrom,
          to: message.recipientName
            ? { name: message.recipientName, address: message.recipientNormalised! }
            : message.recipientNormalised!,
          subject: email.subject,
          text: email.text,
          html: email.html,
          attachments: email.attachments,
          messageId: `<${message.id}@${domain}>`,
          headers,
        });
        return { provider: 'smtp', providerMessageId: info.messageId };
      } catch (error) {
        const code = (error as { responseCode?: number }).responseCode;
        // 5xx on the recipient: the server will never take it. Anything else (connection refused,
        // timeouts, 4xx greylisting) is worth retrying.
        if (code && code >= 500 && code < 600)
          throw new PermanentSendError(`refusé par le serveur SMTP (${code}) : ${(error as Error).message}`);
        throw error;
      }
    },
    close: () => transport?.close(),
  };
}
