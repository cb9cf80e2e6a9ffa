import nodemailer, { type Transporter } from 'nodemailer';
import type { Config } from '../config.ts';
import type { Db } from '../db/client.ts';
import { developmentEmails } from './tables.ts';

export type Email = { to: string; subject: string; text: string; html?: string };

export type Mailer = {
  /** Sends through SMTP when SMTP_URL is set; otherwise keeps the email in the development outbox. */
  send(email: Email): Promise<void>;
  mode: 'smtp' | 'outbox';
  close(): void;
};

/**
 * Until the messaging outbox lands (issue 3), emails are sent directly. Callers must not reveal
 * in their answer whether an email went out (sign-in answers the same either way).
 */
export function createMailer(db: Db, config: Config): Mailer {
  if (!config.smtpUrl) {
    return {
      mode: 'outbox',
      async send(email) {
        await db
          .insert(developmentEmails)
          .values({ to: email.to, subject: email.subject, text: email.text, html: email.html ?? null });
      },
      close() {},
    };
  }
  const transport: Transporter = nodemailer.createTransport(config.smtpUrl);
  return {
    mode: 'smtp',
    async send(email) {
      await transport.sendMail({ from: config.mailFrom, ...email });
    },
    close: () => transport.close(),
  };
}
