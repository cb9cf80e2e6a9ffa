import { and, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { systemActor } from '../audit/audit.ts';
import { auditEvents } from '../audit/tables.ts';
import { apiTokens } from '../auth/tables.ts';
import { hashToken } from '../auth/tokens.ts';
import type { Db } from '../db/client.ts';
import type { AppError } from '../errors.ts';
import { newAgent, newOrganisation } from '../testing/factories.ts';
import { openTestDatabase } from '../testing/harness.ts';
import {
  API_TOKEN_PATTERN,
  authenticateApiToken,
  createApiToken,
  createApiTokenForOrganisationSlug,
  generateApiTokenSecret,
  revokeApiToken,
} from './api-token.service.ts';

describe('API token service', () => {
  let database: Awaited<ReturnType<typeof openTestDatabase>>;
  let db: Db;
  beforeAll(async () => {
    database = await openTestDatabase();
    db = database.database.db;
  });
  afterAll(() => database.drop());

  it('generates trp_<8 hex>_<43 url-safe characters>, different each time', () => {
    const first = generateApiTokenSecret();
    const second = generateApiTokenSecret();
    expect(first.token).toMatch(API_TOKEN_PATTERN);
    expect(first.token.slice(4, 12)).toBe(first.prefix);
    expect(first.token).not.toBe(second.token);
  });

  it('creates, authenticates and revokes a token; only its hash is stored', async () => {
    const organisation = await newOrganisation(db);
    const creator = await newAgent(db, { memberships: [{ organisationId: organisation.id, role: 'admin' }] });
    const created = await createApiToken(
      db,
      { organisation, name: 'Synchronisation', createdBy: creator.id },
      systemActor,
    );
    const [row] = await db.select().from(apiTokens).where(eq(apiTokens.id, created.id));
    expect(row!.tokenHash).toBe(hashToken(created.token));
    expect(JSON.stringify(row)).not.toContain(created.token.slice(13));

    expect(await authenticateApiToken(db, created.token, new Date())).toEqual({
      id: created.id,
      organisationId: organisation.id,
      prefix: created.prefix,
    });

    expect(await revokeApiToken(db, { organisation, tokenId: created.id }, systemActor)).toEqual({
      name: 'Synchronisation',
      prefix: created.prefix,
    });
    expect(await authenticateApiToken(db, created.token, new Date())).toBeNull();
    expect(await revokeApiToken(db, { organisation, tokenId: created.id }, systemActor)).toBe(
      'already_revoked',
    );

    const audit = await db
      .select()
      .from(auditEvents)
      .where(and(eq(auditEvents.resourceType, 'api_token'), eq(auditEvents.resourceId, created.id)));
    expect(audit.map((e) => e.action).sort()).toEqual(['create', 'delete']);
  });

  it('does not revoke another organisation’s token', async () => {
    const owner = await newOrganisation(db);
    const stranger = await newOrganisation(db);
    const created = await createApiToken(
      db,
      { organisation: owner, name: 'x', createdBy: null },
      systemActor,
    );
    await expect(
      revokeApiToken(db, { organisation: stranger, tokenId: created.id }, systemActor),
    ).rejects.toMatchObject({ code: 'not_found' } satisfies Partial<AppError>);
    expect(await authenticateApiToken(db, created.token, new Date())).not.toBeNull();
  });

  it('refuses malformed tokens without asking the database', async () => {
    for (const bad of ['', 'trp_', 'trp_ABCDEF12_x', `trp_abcdef12_${'a'.repeat(42)}`, 'Bearer trp_x']) {
      expect(await authenticateApiToken(db, bad, new Date())).toBeNull();
    }
  });

  it('creates a token for an organisation named by its slug (command line)', async () => {
    const organisation = await newOrganisation(db, { slug: 'ccas-de-test' });
    const created = await createApiTokenForOrganisationSlug(
      db,
      { slug: 'ccas-de-test', name: 'Script' },
      systemActor,
    );
    expect(created?.organisation.id).toBe(organisation.id);
    expect(created?.token).toMatch(API_TOKEN_PATTERN);
    expect(
      await createApiTokenForOrganisationSlug(db, { slug: 'inconnue', name: 'x' }, systemActor),
    ).toBeNull();
  });
});
