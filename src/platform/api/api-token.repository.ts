import { and, desc, eq, isNull, lt, or, sql } from 'drizzle-orm';
import { apiTokens } from '../auth/tables.ts';
import type { Db } from '../db/client.ts';
import { agents } from '../tenancy/tables.ts';

/**
 * The only place with SQL on api_tokens. Every function that reads or changes a token takes the
 * organisation it must belong to, except the lookup by hash that authenticates a request.
 */

export async function insertApiToken(
  db: Db,
  values: {
    organisationId: string;
    name: string;
    prefix: string;
    tokenHash: string;
    createdByAgentId: string | null;
  },
): Promise<{ id: string; createdAt: Date }> {
  const [row] = await db
    .insert(apiTokens)
    .values(values)
    .returning({ id: apiTokens.id, createdAt: apiTokens.createdAt });
  return row!;
}

export async function listApiTokensOf(db: Db, organisationId: string) {
  return db
    .select({
      id: apiTokens.id,
      name: apiTokens.name,
      prefix: apiTokens.prefix,
      createdAt: apiTokens.createdAt,
      lastUsedAt: apiTokens.lastUsedAt,
      revokedAt: apiTokens.revokedAt,
      creatorEmail: agents.email,
      creatorFirstName: agents.firstName,
      creatorLastName: agents.lastName,
    })
    .from(apiTokens)
    .leftJoin(agents, eq(agents.id, apiTokens.createdByAgentId))
    .where(eq(apiTokens.organisationId, organisationId))
    .orderBy(sql`${apiTokens.revokedAt} is not null`, desc(apiTokens.createdAt));
}

/** Revokes in one statement; returns nothing when the token is not this organisation's or already revoked. */
export async function markApiTokenRevoked(db: Db, organisationId: string, tokenId: string, now: Date) {
  const [row] = await db
    .update(apiTokens)
    .set({ revokedAt: now })
    .where(
      and(
        eq(apiTokens.id, tokenId),
        eq(apiTokens.organisationId, organisationId),
        isNull(apiTokens.revokedAt),
      ),
    )
    .returning({ id: apiTokens.id, name: apiTokens.name, prefix: apiTokens.prefix });
  return row;
}

export async function findApiTokenOf(db: Db, organisationId: string, tokenId: string) {
  const [row] = await db
    .select({ id: apiTokens.id, revokedAt: apiTokens.revokedAt })
    .from(apiTokens)
    .where(and(eq(apiTokens.id, tokenId), eq(apiTokens.organisationId, organisationId)))
    .limit(1);
  return row;
}

/** The token that carries this hash, if it is not revoked. */
export async function findActiveApiTokenByHash(db: Db, tokenHash: string) {
  const [row] = await db
    .select({
      id: apiTokens.id,
      organisationId: apiTokens.organisationId,
      prefix: apiTokens.prefix,
      lastUsedAt: apiTokens.lastUsedAt,
    })
    .from(apiTokens)
    .where(and(eq(apiTokens.tokenHash, tokenHash), isNull(apiTokens.revokedAt)))
    .limit(1);
  return row;
}

/**
 * Records a use. The condition repeats the caller's "older than a minute" check so that concurrent
 * requests on several instances write at most once per minute between them.
 */
export async function touchApiToken(db: Db, tokenId: string, now: Date, olderThan: Date): Promise<void> {
  await db
    .update(apiTokens)
    .set({ lastUsedAt: now })
    .where(
      and(eq(apiTokens.id, tokenId), or(isNull(apiTokens.lastUsedAt), lt(apiTokens.lastUsedAt, olderThan))),
    );
}
