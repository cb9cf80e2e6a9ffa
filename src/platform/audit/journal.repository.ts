import { and, desc, eq, gte, ilike, lt, or, type SQL } from 'drizzle-orm';
import type { Db } from '../db/client.ts';
import { agents, organisations } from '../tenancy/tables.ts';
import { auditEvents } from './tables.ts';

/** Reads of the audit trail (writes are recordAudit's, in audit.ts). Only operators reach these. */

export type AuditSearch = {
  /** Part of the actor's label or of the email of the agent who acted, case-insensitive. */
  actor?: string;
  action?: string;
  resourceType?: string;
  resourceId?: string;
  /** Included. */
  from?: Date;
  /** Excluded. */
  until?: Date;
};

/** LIKE treats % and _ as wildcards: a search for "a_b" must find "a_b" only. */
function likePattern(text: string): string {
  return `%${text.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
}

function conditions(search: AuditSearch, beforeId: number | undefined): SQL | undefined {
  const parts: (SQL | undefined)[] = [];
  if (search.actor) {
    const pattern = likePattern(search.actor);
    parts.push(or(ilike(auditEvents.actorLabel, pattern), ilike(agents.email, pattern)));
  }
  if (search.action) parts.push(eq(auditEvents.action, search.action));
  if (search.resourceType) parts.push(eq(auditEvents.resourceType, search.resourceType));
  if (search.resourceId) parts.push(eq(auditEvents.resourceId, search.resourceId));
  if (search.from) parts.push(gte(auditEvents.occurredAt, search.from));
  if (search.until) parts.push(lt(auditEvents.occurredAt, search.until));
  if (beforeId !== undefined) parts.push(lt(auditEvents.id, beforeId));
  return and(...parts);
}

/**
 * Newest first, paged by id (keyset): the page after id N is "id < N", which stays fast and stable
 * however many events are written while someone reads.
 */
export async function findAuditEvents(
  db: Db,
  search: AuditSearch,
  page: { beforeId?: number; limit: number },
) {
  return db
    .select({
      id: auditEvents.id,
      occurredAt: auditEvents.occurredAt,
      actorType: auditEvents.actorType,
      actorId: auditEvents.actorId,
      actorLabel: auditEvents.actorLabel,
      agentEmail: agents.email,
      action: auditEvents.action,
      resourceType: auditEvents.resourceType,
      resourceId: auditEvents.resourceId,
      organisationId: auditEvents.organisationId,
      organisationName: organisations.name,
      ip: auditEvents.ip,
      requestId: auditEvents.requestId,
      details: auditEvents.details,
    })
    .from(auditEvents)
    .leftJoin(agents, and(eq(agents.id, auditEvents.actorId), eq(auditEvents.actorType, 'agent')))
    .leftJoin(organisations, eq(organisations.id, auditEvents.organisationId))
    .where(conditions(search, page.beforeId))
    .orderBy(desc(auditEvents.id))
    .limit(page.limit);
}

export type AuditEventRow = Awaited<ReturnType<typeof findAuditEvents>>[number];
