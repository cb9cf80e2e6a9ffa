import { eq } from 'drizzle-orm';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { recordAudit } from '../audit/audit.ts';
import { type Config, isSecure } from '../config.ts';
import type { Db } from '../db/client.ts';
import { agents } from '../tenancy/tables.ts';
import type { SignedIn } from './actor.ts';
import { findActiveSession, insertSession, revokeSession, touchSession } from './session.repository.ts';
import { hashToken, randomToken } from './tokens.ts';

/** How often last_seen_at is written: often enough for the idle timeout, rarely enough to spare the database. */
const TOUCH_EVERY_MS = 60_000;

export function sessionCookieName(config: Config): string {
  // The __Host- prefix makes the browser refuse the cookie unless it is Secure, host-only and for path /.
  return isSecure(config) ? '__Host-tremplin_session' : 'tremplin_session';
}

function cookieOptions(config: Config) {
  return { path: '/', httpOnly: true, sameSite: 'lax' as const, secure: isSecure(config) };
}

/** Loads the signed-in agent, if any, on every page and API request. */
export function registerSessionLoading(app: FastifyInstance, db: Db, config: Config): void {
  const cookieName = sessionCookieName(config);
  app.decorateRequest('auth', null);
  app.addHook('onRequest', async (request) => {
    const token = request.cookies[cookieName];
    if (!token || request.url.startsWith('/static/')) return;
    request.auth = await loadSignedIn(db, config, token, new Date());
  });
}

export async function loadSignedIn(
  db: Db,
  config: Config,
  token: string,
  now: Date,
): Promise<SignedIn | null> {
  const idleSince = new Date(now.getTime() - config.sessionIdleMinutes * 60_000);
  const session = await findActiveSession(db, hashToken(token), now, idleSince);
  if (!session) return null;
  if (now.getTime() - session.lastSeenAt.getTime() > TOUCH_EVERY_MS)
    await touchSession(db, session.sessionId, now);
  const { memberships } = session;
  return {
    sessionId: session.sessionId,
    method: session.method,
    actor: {
      agentId: session.agent.id,
      email: session.agent.email,
      firstName: session.agent.firstName,
      lastName: session.agent.lastName,
      isOperator: session.agent.isOperator,
      memberships,
    },
    currentOrganisation:
      memberships.find((m) => m.organisationId === session.currentOrganisationId) ?? memberships[0] ?? null,
  };
}

/** Opens a session for an agent who has just proven who they are, and sets its cookie. */
export async function openSession(
  db: Db,
  config: Config,
  request: FastifyRequest,
  reply: FastifyReply,
  agentId: string,
  method: 'email' | 'oidc',
): Promise<void> {
  const token = randomToken();
  const expiresAt = new Date(Date.now() + config.sessionMaxHours * 3_600_000);
  await db.transaction(async (tx) => {
    const sessionId = await insertSession(tx, {
      tokenHash: hashToken(token),
      agentId,
      method,
      ip: request.ip,
      userAgent: request.headers['user-agent']?.slice(0, 300),
      expiresAt,
    });
    await tx.update(agents).set({ lastSignInAt: new Date() }).where(eq(agents.id, agentId));
    await recordAudit(
      tx,
      {
        actorType: 'agent',
        actorId: agentId,
        actorLabel: null,
        ip: request.ip,
        requestId: String(request.id),
      },
      { action: 'sign_in', resourceType: 'session', resourceId: sessionId, details: { method } },
    );
  });
  reply.setCookie(sessionCookieName(config), token, { ...cookieOptions(config), expires: expiresAt });
}

export async function closeSession(
  db: Db,
  config: Config,
  request: FastifyRequest,
  reply: FastifyReply,
): Promise<void> {
  if (request.auth) await revokeSession(db, request.auth.sessionId, request.auth.actor.agentId);
  reply.clearCookie(sessionCookieName(config), cookieOptions(config));
}
