import { and, asc, eq, gt, isNull, sql } from 'drizzle-orm';
import type { Db } from '../db/client.ts';
import { agents, memberships, organisations, territories } from '../tenancy/tables.ts';
import { agentWithMembershipColumns, membershipsOf } from './actor.repository.ts';
import type { Membership } from './actor.ts';
import { sessions } from './tables.ts';

export type ActiveSession = {
  sessionId: string;
  method: 'email' | 'oidc';
  lastSeenAt: Date;
  currentOrganisationId: string | null;
  agent: { id: string; email: string; firstName: string; lastName: string; isOperator: boolean };
  memberships: Membership[];
};

export async function insertSession(
  db: Db,
  values: {
    tokenHash: string;
    agentId: string;
    method: 'email' | 'oidc';
    ip: string;
    userAgent: string | undefined;
    expiresAt: Date;
  },
): Promise<string> {
  const [row] = await db
    .insert(sessions)
    .values({ ...values, currentOrganisationId: null })
    .returning({ id: sessions.id });
  return row!.id;
}

/**
 * The session, its agent and the agent's memberships, in one round trip: this runs on every signed-in
 * request. A session counts only if not revoked, not past its absolute expiry, not idle too long, and
 * its agent is active. Prepared once per database, so PostgreSQL plans it once.
 */
const activeSessionQueries = new WeakMap<Db, ReturnType<typeof prepareActiveSessionQuery>>();

function prepareActiveSessionQuery(db: Db) {
  return db
    .select({
      sessionId: sessions.id,
      method: sessions.method,
      lastSeenAt: sessions.lastSeenAt,
      currentOrganisationId: sessions.currentOrganisationId,
      ...agentWithMembershipColumns,
    })
    .from(sessions)
    .innerJoin(agents, eq(agents.id, sessions.agentId))
    .leftJoin(memberships, eq(memberships.agentId, agents.id))
    .leftJoin(organisations, eq(organisations.id, memberships.organisationId))
    .leftJoin(territories, eq(territories.id, organisations.territoryId))
    .where(
      and(
        eq(sessions.tokenHash, sql.placeholder('tokenHash')),
        isNull(sessions.revokedAt),
        gt(sessions.expiresAt, sql.placeholder('now')),
        gt(sessions.lastSeenAt, sql.placeholder('idleSince')),
        isNull(agents.deactivatedAt),
      ),
    )
    .orderBy(asc(territories.name), asc(organisations.name))
    .prepare('tremplin_active_session');
}

export async function findActiveSession(
  db: Db,
  tokenHash: string,
  now: Date,
  idleSince: Date,
): Promise<ActiveSession | undefined> {
  let query = activeSessionQueries.get(db);
  if (!query) {
    query = prepareActiveSessionQuery(db);
    activeSessionQueries.set(db, query);
  }
  const rows = await query.execute({ tokenHash, now: now.toISOString(), idleSince: idleSince.toISOString() });
  const first = rows[0];
  if (!first) return undefined;
  return {
    sessionId: first.sessionId,
    method: first.method,
    lastSeenAt: first.lastSeenAt,
    currentOrganisationId: first.currentOrganisationId,
    agent: {
      id: first.agentId,
      email: first.email,
      firstName: first.firstName,
      lastName: first.lastName,
      isOperator: first.isOperator,
    },
    memberships: membershipsOf(rows),
  };
}

export async function touchSession(db: Db, sessionId: string, now: Date): Promise<void> {
  await db.update(sessions).set({ lastSeenAt: now }).where(eq(sessions.id, sessionId));
}

export async function setCurrentOrganisation(
  db: Db,
  sessionId: string,
  organisationId: string | null,
): Promise<void> {
  await db.update(sessions).set({ currentOrganisationId: organisationId }).where(eq(sessions.id, sessionId));
}

export async function revokeSession(db: Db, sessionId: string, agentId: string): Promise<boolean> {
  const rows = await db
    .update(sessions)
    .set({ revokedAt: sql`now()` })
    .where(and(eq(sessions.id, sessionId), eq(sessions.agentId, agentId), isNull(sessions.revokedAt)))
    .returning({ id: sessions.id });
  return rows.length > 0;
}

export async function revokeAllSessionsOf(db: Db, agentId: string): Promise<number> {
  const rows = await db
    .update(sessions)
    .set({ revokedAt: sql`now()` })
    .where(and(eq(sessions.agentId, agentId), isNull(sessions.revokedAt)))
    .returning({ id: sessions.id });
  return rows.length;
}

export async function listOpenSessions(db: Db, agentId: string, now: Date, idleSince: Date) {
  return db
    .select({
      id: sessions.id,
      method: sessions.method,
      ip: sessions.ip,
      userAgent: sessions.userAgent,
      createdAt: sessions.createdAt,
      lastSeenAt: sessions.lastSeenAt,
    })
    .from(sessions)
    .where(
      and(
        eq(sessions.agentId, agentId),
        isNull(sessions.revokedAt),
        gt(sessions.expiresAt, now),
        gt(sessions.lastSeenAt, idleSince),
      ),
    )
    .orderBy(asc(sessions.createdAt));
}
