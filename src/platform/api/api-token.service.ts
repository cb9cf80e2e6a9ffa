import { randomBytes } from 'node:crypto';
import { type AuditActor, recordAudit } from '../audit/audit.ts';
import type { Actor } from '../auth/actor.ts';
import { can } from '../auth/permissions.ts';
import { hashToken, randomToken } from '../auth/tokens.ts';
import type { Db } from '../db/client.ts';
import { notFound } from '../errors.ts';
import { findOrganisationBySlug } from '../tenancy/organisation.repository.ts';
import {
  findActiveApiTokenByHash,
  findApiTokenOf,
  insertApiToken,
  listApiTokensOf,
  markApiTokenRevoked,
  touchApiToken,
} from './api-token.repository.ts';

/**
 * API tokens: `trp_<prefix>_<secret>`. The 8 hex characters of the prefix are stored in clear so
 * that people can tell their tokens apart in lists and logs; the whole token is stored only as its
 * SHA-256, so a leaked table opens nothing. The token is shown once, when it is created.
 */
export const API_TOKEN_PATTERN = /^trp_([0-9a-f]{8})_[A-Za-z0-9_-]{43}$/;

/** last_used_at is a hint for administrators ("is this token still in use?"), not a log: a minute is precise enough. */
const TOUCH_EVERY_MS = 60_000;

export type ApiTokenIdentity = { id: string; organisationId: string; prefix: string };

export function generateApiTokenSecret(): { token: string; prefix: string } {
  const prefix = randomBytes(4).toString('hex');
  return { token: `trp_${prefix}_${randomToken(32)}`, prefix };
}

/** How a token is shown once it is no longer available in full. */
export function maskedToken(prefix: string): string {
  return `trp_${prefix}_…`;
}

/** Creates a token for the organisation and returns its secret, which is never retrievable again. */
export async function createApiToken(
  db: Db,
  input: {
    organisation: { id: string; territoryId?: string | null };
    name: string;
    createdBy: string | null;
  },
  auditActor: AuditActor,
): Promise<{ id: string; token: string; prefix: string }> {
  const { token, prefix } = generateApiTokenSecret();
  const id = await db.transaction(async (tx) => {
    const row = await insertApiToken(tx, {
      organisationId: input.organisation.id,
      name: input.name,
      prefix,
      tokenHash: hashToken(token),
      createdByAgentId: input.createdBy,
    });
    await recordAudit(tx, auditActor, {
      action: 'create',
      resourceType: 'api_token',
      resourceId: row.id,
      organisationId: input.organisation.id,
      territoryId: input.organisation.territoryId ?? null,
      details: { name: input.name, prefix },
    });
    return row.id;
  });
  return { id, token, prefix };
}

/** Revokes one of the organisation's tokens; a token of another organisation is "not found". */
export async function revokeApiToken(
  db: Db,
  input: { organisation: { id: string; territoryId?: string | null }; tokenId: string; now?: Date },
  auditActor: AuditActor,
): Promise<{ name: string; prefix: string } | 'already_revoked'> {
  return db.transaction(async (tx) => {
    const revoked = await markApiTokenRevoked(
      tx,
      input.organisation.id,
      input.tokenId,
      input.now ?? new Date(),
    );
    if (!revoked) {
      const existing = await findApiTokenOf(tx, input.organisation.id, input.tokenId);
      if (existing?.revokedAt) return 'already_revoked' as const;
      throw notFound('Ce jeton n’existe pas.');
    }
    await recordAudit(tx, auditActor, {
      action: 'delete',
      resourceType: 'api_token',
      resourceId: revoked.id,
      organisationId: input.organisation.id,
      territoryId: input.organisation.territoryId ?? null,
      details: { name: revoked.name, prefix: revoked.prefix, revoked: true },
    });
    return { name: revoked.name, prefix: revoked.prefix };
  });
}

/** The token's identity if it is well formed, known and not revoked; records its use at most once a minute. */
export async function authenticateApiToken(
  db: Db,
  token: string,
  now: Date,
): Promise<ApiTokenIdentity | null> {
  if (!API_TOKEN_PATTERN.test(token)) return null;
  const found = await findActiveApiTokenByHash(db, hashToken(token));
  if (!found) return null;
  const olderThan = new Date(now.getTime() - TOUCH_EVERY_MS);
  if (!found.lastUsedAt || found.lastUsedAt < olderThan) await touchApiToken(db, found.id, now, olderThan);
  return { id: found.id, organisationId: found.organisationId, prefix: found.prefix };
}

/**
 * The organisation whose tokens the agent wants to manage. An agent who may not manage it gets the
 * same "not found" as for an organisation that does not exist, and the attempt is audited.
 */
export async function openTokenAdministration(db: Db, actor: Actor, auditActor: AuditActor, slug: string) {
  const organisation = await findOrganisationBySlug(db, slug);
  if (!organisation) throw notFound();
  if (!can(actor, 'organisation.manage', { organisationId: organisation.id })) {
    await recordAudit(db, auditActor, {
      action: 'denied',
      resourceType: 'api_token',
      organisationId: organisation.id,
      territoryId: organisation.territoryId,
      details: { slug },
    });
    throw notFound();
  }
  return organisation;
}

export function listApiTokens(db: Db, organisationId: string) {
  return listApiTokensOf(db, organisationId);
}

/** For the command line: the organisation is named by its slug; null when there is none. */
export async function createApiTokenForOrganisationSlug(
  db: Db,
  input: { slug: string; name: string },
  auditActor: AuditActor,
) {
  const organisation = await findOrganisationBySlug(db, input.slug);
  if (!organisation) return null;
  const created = await createApiToken(db, { organisation, name: input.name, createdBy: null }, auditActor);
  return { ...created, organisation };
}
