import { pgTable, text, timestamp, uuid } from 'drizzle-orm/pg-core';

/**
 * Emails kept instead of sent when no SMTP_URL is set (development and demo). Shown at /outils/messages.
 * Kept in the database, not in memory, so that every app instance shows the same box.
 */
export const developmentEmails = pgTable('development_emails', {
  id: uuid('id').primaryKey().defaultRandom(),
  to: text('to').notNull(),
  subject: text('subject').notNull(),
  text: text('text').notNull(),
  html: text('html'),
  createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
});
