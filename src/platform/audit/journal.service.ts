import type { Actor } from '../auth/actor.ts';
import { can } from '../auth/permissions.ts';
import type { Db } from '../db/client.ts';
import { notFound } from '../errors.ts';
import { type AuditActor, recordAudit } from './audit.ts';
import { CSV_BOM, csvLine, parisTimestamp } from './csv.ts';
import { type AuditEventRow, type AuditSearch, findAuditEvents } from './journal.repository.ts';
import { describeFilter, type JournalFilter, nextDay, parisDayStart } from './journal-filter.ts';

/**
 * Operators read the audit trail in the journal and export it. Reading the trail is itself
 * written to the trail: who looked for what is part of the record.
 */

export const JOURNAL_PAGE_SIZE = 50;
const EXPORT_BATCH_SIZE = 1000;

/** Anyone but an operator gets "not found" (the journal's existence is nobody else's business), audited. */
export async function openJournal(db: Db, actor: Actor, auditActor: AuditActor): Promise<void> {
  if (can(actor, 'audit.view')) return;
  await recordAudit(db, auditActor, { action: 'denied', resourceType: 'audit_events' });
  throw notFound();
}

function toSearch(filter: JournalFilter): AuditSearch {
  return {
    actor: filter.actor,
    action: filter.action,
    resourceType: filter.resourceType,
    resourceId: filter.resourceId,
    from: filter.from ? parisDayStart(filter.from) : undefined,
    until: filter.to ? parisDayStart(nextDay(filter.to)) : undefined,
  };
}

/** One page of events, newest first, and the cursor of the next page if there is one. */
export async function browseJournal(
  db: Db,
  actor: Actor,
  auditActor: AuditActor,
  filter: JournalFilter,
  beforeId?: number,
): Promise<{ events: AuditEventRow[]; nextBeforeId: number | null }> {
  if (!can(actor, 'audit.view')) throw notFound();
  const rows = await findAuditEvents(db, toSearch(filter), { beforeId, limit: JOURNAL_PAGE_SIZE + 1 });
  const events = rows.slice(0, JOURNAL_PAGE_SIZE);
  await recordAudit(db, auditActor, {
    action: 'list',
    resourceType: 'audit_events',
    details: {
      filter: describeFilter(filter),
      count: events.length,
      ...(beforeId === undefined ? {} : { beforeId }),
    },
  });
  return {
    events,
    nextBeforeId: rows.length > JOURNAL_PAGE_SIZE ? events[events.length - 1]!.id : null,
  };
}

export const exportColumns = [
  'id',
  'date (heure de Paris)',
  'type d’acteur',
  'acteur',
  'identifiant de l’acteur',
  'action',
  'type de ressource',
  'identifiant de la ressource',
  'organisation',
  'identifiant de l’organisation',
  'adresse IP',
  'requête',
  'détails',
];

function exportLine(event: AuditEventRow): string {
  return csvLine([
    event.id,
    parisTimestamp(event.occurredAt),
    event.actorType,
    event.actorLabel ?? event.agentEmail,
    event.actorId,
    event.action,
    event.resourceType,
    event.resourceId,
    event.organisationName,
    event.organisationId,
    event.ip,
    event.requestId,
    event.details ? JSON.stringify(event.details) : null,
  ]);
}

/**
 * Every event of the filter as CSV, newest first, read in batches so that a large export never
 * sits whole in memory. The export is audited before the first line leaves.
 */
export async function exportJournal(
  db: Db,
  actor: Actor,
  auditActor: AuditActor,
  filter: JournalFilter,
): Promise<AsyncIterable<string>> {
  if (!can(actor, 'audit.view')) throw notFound();
  await recordAudit(db, auditActor, {
    action: 'export',
    resourceType: 'audit_events',
    details: { filter: describeFilter(filter), format: 'csv' },
  });
  const search = toSearch(filter);
  return (async function* lines() {
    yield CSV_BOM + csvLine(exportColumns);
    let beforeId: number | undefined;
    for (;;) {
      const batch = await findAuditEvents(db, search, { beforeId, limit: EXPORT_BATCH_SIZE });
      if (batch.length > 0) yield batch.map(exportLine).join('');
      if (batch.length < EXPORT_BATCH_SIZE) return;
      beforeId = batch[batch.length - 1]!.id;
    }
  })();
}
