import { desc } from 'drizzle-orm';
import type { Db } from '../db/client.ts';
import { developmentEmails } from './tables.ts';

/** The development outbox, newest first. It only exists outside production and holds no tenant data scope. */
export async function listDevelopmentEmails(db: Db, limit: number) {
  return db.select().from(developmentEmails).orderBy(desc(developmentEmails.createdAt)).limit(limit);
}
