import { and, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { systemActor } from '../audit/audit.ts';
import { auditEvents } from '../audit/tables.ts';
import { apiTokens } from '../auth/tables.ts';
import type { Db } from '../db/client.ts';
import { newAgent, newOrganisation, newTerritory, signInAs } from '../testing/factories.ts';
import { startTestApp, type TestContext } from '../testing/harness.ts';
import { authenticateApiToken, createApiToken, revokeApiToken } from './api-token.service.ts';

describe('/api/v1', () => {
  let t: TestContext;
  let db: Db;
  let organisation: Awaited<ReturnType<typeof newOrganisation>>;
  let territory: Awaited<ReturnType<typeof newTerritory>>;
  let member: Awaited<ReturnType<typeof newAgent>>;
  let formerMember: Awaited<ReturnType<typeof newAgent>>;
  let outsider: Awaited<ReturnType<typeof newAgent>>;
  let token: string;
  let tokenId: string;
  const get = (url: string, bearer?: string, headers: Record<string, string> = {}) =>
    t.app.inject({ url, headers: { ...headers, ...(bearer ? { authorization: `Bearer ${bearer}` } : {}) } });
  const auditOf = (resourceType: string, actorId: string) =>
    db
      .select()
      .from(auditEvents)
      .where(and(eq(auditEvents.resourceType, resourceType), eq(auditEvents.actorId, actorId)));

  beforeAll(async () => {
    t = await startTestApp();
    db = t.platform.database.db;
    territory = await newTerritory(db, { name: 'Département du Var' });
    organisation = await newOrganisation(db, {
      territoryId: territory.id,
      name: 'UTS La Seyne',
      kind: 'uts',
    });
    const other = await newOrganisation(db, { territoryId: territory.id });
    member = await newAgent(db, {
      firstName: 'Amina',
      lastName: 'Benali',
      memberships: [{ organisationId: organisation.id, role: 'admin' }],
    });
    formerMember = await newAgent(db, {
      deactivatedAt: new Date(),
      memberships: [{ organisationId: organisation.id, role: 'readonly' }],
    });
    outsider = await newAgent(db, { memberships: [{ organisationId: other.id, role: 'agent' }] });
    ({ token, id: tokenId } = await createApiToken(
      db,
      { organisation, name: 'Logiciel RSA', createdBy: member.id },
      systemActor,
    ));
  });
  afterAll(() => t.close());

  it('gives the token’s organisation and its territory', async () => {
    const response = await get('/api/v1/organisation', token);
    expect(response.statusCode).toBe(200);
    expect(response.json()).toEqual({
      id: organisation.id,
      slug: organisation.slug,
      name: 'UTS La Seyne',
      kind: 'uts',
      territory: {
        id: territory.id,
        slug: territory.slug,
        name: 'Département du Var',
        kind: 'departement',
        code: territory.code,
      },
    });
  });

  it('gives a null territory for an organisation without one', async () => {
    const incubator = await newOrganisation(db, { territoryId: null, kind: 'incubateur' });
    const created = await createApiToken(
      db,
      { organisation: incubator, name: 'x', createdBy: null },
      systemActor,
    );
    const response = await get('/api/v1/organisation', created.token);
    expect(response.json()).toMatchObject({ id: incubator.id, territory: null });
  });

  it('lists the organisation’s agents only, and audits the listing once with its count', async () => {
    const response = await get('/api/v1/agents', token);
    expect(response.statusCode).toBe(200);
    const { agents } = response.json() as { agents: { id: string; active: boolean; role: string }[] };
    expect(agents.map((a) => a.id).sort()).toEqual([member.id, formerMember.id].sort());
    expect(agents.find((a) => a.id === member.id)).toEqual({
      id: member.id,
      email: member.email,
      firstName: 'Amina',
      lastName: 'Benali',
      role: 'admin',
      active: true,
    });
    expect(agents.find((a) => a.id === formerMember.id)).toMatchObject({ role: 'readonly', active: false });
    expect(agents.some((a) => a.id === outsider.id)).toBe(false);

    const audit = (await auditOf('agent', tokenId)).filter((e) => e.action === 'list');
    expect(audit).toHaveLength(1);
    expect(audit[0]).toMatchObject({
      actorType: 'api_token',
      actorLabel: expect.stringMatching(/^jeton [0-9a-f]{8}$/),
      organisationId: organisation.id,
      details: { count: 2 },
    });

    const active = await get('/api/v1/agents?active=true', token);
    expect((active.json() as { agents: { id: string }[] }).agents.map((a) => a.id)).toEqual([member.id]);
  });

  it('reads one member and audits the read', async () => {
    const response = await get(`/api/v1/agents/${member.id}`, token);
    expect(response.statusCode).toBe(200);
    expect(response.json()).toMatchObject({ id: member.id, email: member.email, role: 'admin' });
    const reads = (await auditOf('agent', tokenId)).filter((e) => e.action === 'read');
    expect(reads.map((e) => e.resourceId)).toContain(member.id);
  });

  it('answers 404 for an agent of another organisation, as for an unknown one, and audits the attempt', async () => {
    const response = await get(`/api/v1/agents/${outsider.id}`, token);
    expect(response.statusCode).toBe(404);
    const body = response.json() as { error: string; message: string; fields: object };
    expect(body).toEqual({ error: 'not_found', message: expect.any(String), fields: {} });
    const unknown = await get('/api/v1/agents/00000000-0000-4000-8000-000000000000', token);
    expect(unknown.statusCode).toBe(404);
    expect(unknown.json()).toEqual(body);

    const denied = (await auditOf('agent', tokenId)).filter((e) => e.action === 'denied');
    expect(denied.map((e) => e.resourceId)).toContain(outsider.id);
    const reads = (await auditOf('agent', tokenId)).filter((e) => e.action === 'read');
    expect(reads.map((e) => e.resourceId)).not.toContain(outsider.id);
  });

  it('refuses a request without a token: 401 JSON with a Bearer challenge', async () => {
    const response = await get('/api/v1/agents');
    expect(response.statusCode).toBe(401);
    expect(response.headers['www-authenticate']).toMatch(/^Bearer/);
    expect(response.json()).toEqual({ error: 'unauthenticated', message: expect.any(String), fields: {} });
  });

  it('refuses a wrong or malformed token', async () => {
    const wrong = `trp_${token.slice(4, 12)}_${'A'.repeat(43)}`;
    for (const bad of [wrong, 'trp_nimporte_quoi', 'x']) {
      const response = await get(`/api/v1/agents/${member.id}`, bad);
      expect(response.statusCode).toBe(401);
      expect(response.headers['www-authenticate']).toContain('error="invalid_token"');
      expect(response.json()).toMatchObject({ error: 'unauthenticated', fields: {} });
    }
    const basic = await t.app.inject({
      url: '/api/v1/organisation',
      headers: { authorization: 'Basic dXNlcjpwYXNz' },
    });
    expect(basic.statusCode).toBe(401);
  });

  it('refuses a revoked token', async () => {
    const created = await createApiToken(
      db,
      { organisation, name: 'éphémère', createdBy: null },
      systemActor,
    );
    expect((await get('/api/v1/organisation', created.token)).statusCode).toBe(200);
    await revokeApiToken(db, { organisation, tokenId: created.id }, systemActor);
    const response = await get('/api/v1/organisation', created.token);
    expect(response.statusCode).toBe(401);
    expect(response.json()).toMatchObject({ error: 'unauthenticated' });
  });

  it('ignores a session cookie: the API is authenticated by its token only', async () => {
    const cookie = await signInAs(db, member.id);
    const response = await get('/api/v1/organisation', undefined, { cookie });
    expect(response.statusCode).toBe(401);
    const withToken = await get(`/api/v1/agents/${member.id}`, token, { cookie });
    expect(withToken.statusCode).toBe(200);
    const [last] = (await auditOf('agent', tokenId)).filter((e) => e.action === 'read').slice(-1);
    expect(last).toMatchObject({ actorType: 'api_token', actorId: tokenId });
  });

  it('gives field paths for invalid parameters', async () => {
    const badId = await get('/api/v1/agents/pas-un-uuid', token);
    expect(badId.statusCode).toBe(400);
    expect(badId.json()).toEqual({
      error: 'validation',
      message: 'La requête contient des valeurs invalides.',
      fields: { 'params.id': 'Identifiant invalide : un UUID est attendu.' },
    });
    const badQuery = await get('/api/v1/agents?active=peut-etre', token);
    expect(badQuery.statusCode).toBe(400);
    expect(badQuery.json()).toMatchObject({
      error: 'validation',
      fields: { 'querystring.active': 'Valeurs possibles : true ou false.' },
    });
  });

  it('checks the token before the parameters', async () => {
    expect((await get('/api/v1/agents/pas-un-uuid')).statusCode).toBe(401);
  });

  it('records the last use at most once a minute', async () => {
    const created = await createApiToken(db, { organisation, name: 'horloge', createdBy: null }, systemActor);
    const lastUsed = async () =>
      (await db.select().from(apiTokens).where(eq(apiTokens.id, created.id)))[0]!.lastUsedAt;
    expect(await lastUsed()).toBeNull();
    const start = new Date('2030-01-01T10:00:00Z');
    await authenticateApiToken(db, created.token, start);
    expect(await lastUsed()).toEqual(start);
    await authenticateApiToken(db, created.token, new Date(start.getTime() + 30_000));
    expect(await lastUsed()).toEqual(start);
    const later = new Date(start.getTime() + 61_000);
    await authenticateApiToken(db, created.token, later);
    expect(await lastUsed()).toEqual(later);
  });
});
