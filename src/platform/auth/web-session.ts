import type { FastifyReply, FastifyRequest } from 'fastify';
import { actorOf, recordAudit } from '../audit/audit.ts';
import type { Config } from '../config.ts';
import type { Db } from '../db/client.ts';
import { revokeSession } from './session.repository.ts';
import { closeSession, openSession } from './session.ts';

/** Route helpers shared by the email link and OIDC sign-ins, and by sign-out. */

/**
 * Signs the agent in. A session already open in this browser (perhaps someone else's, on a shared
 * computer) is revoked first, so it cannot be reused from an old copy of the cookie.
 */
export async function replaceSession(
  db: Db,
  config: Config,
  request: FastifyRequest,
  reply: FastifyReply,
  agentId: string,
  method: 'email' | 'oidc',
): Promise<void> {
  if (request.auth) await revokeSession(db, request.auth.sessionId, request.auth.actor.agentId);
  await openSession(db, config, request, reply, agentId, method);
}

/** Revokes the current session in the database (not only the cookie) and records it. */
export async function endSession(
  db: Db,
  config: Config,
  request: FastifyRequest,
  reply: FastifyReply,
): Promise<void> {
  const auth = request.auth;
  await closeSession(db, config, request, reply);
  if (auth) {
    await recordAudit(db, actorOf(request), {
      action: 'sign_out',
      resourceType: 'session',
      resourceId: auth.sessionId,
    });
  }
}

/** A single query-string value; repeated or missing parameters give undefined. */
export function queryParam(request: FastifyRequest, name: string): string | undefined {
  const value = (request.query as Record<string, unknown> | undefined)?.[name];
  return typeof value === 'string' ? value : undefined;
}

/** A single posted field, as text. */
export function bodyField(request: FastifyRequest, name: string): string | undefined {
  const value = (request.body as Record<string, unknown> | undefined)?.[name];
  return typeof value === 'string' ? value : undefined;
}
