import type { FastifyRequest } from 'fastify';
import type { Db } from '../db/client.ts';
import { auditEvents } from './tables.ts';

export type AuditAction =
  | 'read'
  | 'list'
  | 'create'
  | 'update'
  | 'delete'
  | 'denied'
  | 'sign_in'
  | 'sign_out'
  | 'export';

export type AuditEvent = {
  action: AuditAction;
  resourceType: string;
  resourceId?: string | null;
  organisationId?: string | null;
  territoryId?: string | null;
  details?: Record<string, unknown>;
};

export type AuditActor = {
  actorType: 'agent' | 'api_token' | 'system' | 'anonymous';
  actorId: string | null;
  actorLabel: string | null;
  ip: string | null;
  requestId: string | null;
};

export const systemActor: AuditActor = {
  actorType: 'system',
  actorId: null,
  actorLabel: 'système',
  ip: null,
  requestId: null,
};

/** Writes one line of the append-only trail. Pass the transaction of the change it records, if any. */
export async function recordAudit(db: Db, actor: AuditActor, event: AuditEvent): Promise<void> {
  await db.insert(auditEvents).values({
    ...actor,
    action: event.action,
    resourceType: event.resourceType,
    resourceId: event.resourceId ?? null,
    organisationId: event.organisationId ?? null,
    territoryId: event.territoryId ?? null,
    details: event.details ?? null,
  });
}

/** Who did it, as far as the request tells: the signed-in agent, the API token, or nobody. */
export function actorOf(request: FastifyRequest): AuditActor {
  const base = { ip: request.ip, requestId: String(request.id) };
  if (request.auth) {
    return {
      ...base,
      actorType: 'agent',
      actorId: request.auth.actor.agentId,
      actorLabel: request.auth.actor.email,
    };
  }
  if (request.apiToken) {
    return {
      ...base,
      actorType: 'api_token',
      actorId: request.apiToken.id,
      actorLabel: `jeton ${request.apiToken.prefix}`,
    };
  }
  return { ...base, actorType: 'anonymous', actorId: null, actorLabel: null };
}
