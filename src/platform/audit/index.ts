import type { FastifyInstance } from 'fastify';
import { can } from '../auth/permissions.ts';
import type { Platform } from '../platform.ts';
import { registerJournalPages } from './journal.routes.tsx';
import { JOURNAL_PATH } from './views/journal.tsx';

/** The audit journal for operators: pages, CSV export and its entry in the navigation. */
export async function registerAuditJournal(app: FastifyInstance, platform: Platform): Promise<void> {
  app.navigation.push({
    label: 'Journal d’audit',
    href: JOURNAL_PATH,
    visible: (auth) => auth !== null && can(auth.actor, 'audit.view'),
  });
  await registerJournalPages(app, platform.database.db);
}
