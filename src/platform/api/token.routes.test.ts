import { and, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { systemActor } from '../audit/audit.ts';
import { auditEvents } from '../audit/tables.ts';
import { apiTokens } from '../auth/tables.ts';
import { hashToken } from '../auth/tokens.ts';
import type { Db } from '../db/client.ts';
import { newAgent, newOrganisation, signInAs } from '../testing/factories.ts';
import { submitForm } from '../testing/forms.ts';
import { startTestApp, type TestContext } from '../testing/harness.ts';
import { API_TOKEN_PATTERN, createApiToken } from './api-token.service.ts';

describe('API token pages', () => {
  let t: TestContext;
  let db: Db;
  let organisation: Awaited<ReturnType<typeof newOrganisation>>;
  let adminCookie: string;
  let admin: Awaited<ReturnType<typeof newAgent>>;
  let page: string;

  beforeAll(async () => {
    t = await startTestApp();
    db = t.platform.database.db;
    organisation = await newOrganisation(db, { name: 'CCAS de Pau' });
    admin = await newAgent(db, {
      firstName: 'Jeanne',
      lastName: 'Lacoste',
      memberships: [{ organisationId: organisation.id, role: 'admin' }],
    });
    adminCookie = await signInAs(db, admin.id);
    page = `/admin/organisations/${organisation.slug}/jetons`;
  });
  afterAll(() => t.close());

  const api = (token: string) =>
    t.app.inject({ url: '/api/v1/organisation', headers: { authorization: `Bearer ${token}` } });

  it('lets an admin create a token, shown once, then revoke it', async () => {
    const empty = await t.app.inject({ url: page, headers: { cookie: adminCookie } });
    expect(empty.statusCode).toBe(200);
    expect(empty.body).toContain('Jetons d’API de CCAS de Pau');
    expect(empty.body).toContain('aucun jeton');

    const { response: created } = await submitForm(t.app, {
      page,
      cookie: adminCookie,
      fields: { name: 'Logiciel de suivi RSA' },
    });
    expect(created.statusCode).toBe(200);
    expect(created.headers['cache-control']).toBe('no-store');
    expect(created.body).toContain('il ne sera plus affiché');
    const token = /value="(trp_[^"]+)"/.exec(created.body)?.[1];
    expect(token).toMatch(API_TOKEN_PATTERN);
    expect(created.body.split(token!)).toHaveLength(2); // once on the page

    const [row] = await db.select().from(apiTokens).where(eq(apiTokens.organisationId, organisation.id));
    expect(row).toMatchObject({
      name: 'Logiciel de suivi RSA',
      prefix: token!.slice(4, 12),
      tokenHash: hashToken(token!),
      createdByAgentId: admin.id,
      revokedAt: null,
    });
    expect((await api(token!)).statusCode).toBe(200);

    const list = await t.app.inject({ url: page, headers: { cookie: adminCookie } });
    expect(list.body).toContain('Logiciel de suivi RSA');
    expect(list.body).toContain(`trp_${row!.prefix}_…`);
    expect(list.body).toContain('Jeanne Lacoste');
    expect(list.body).not.toContain(token!);
    expect(list.body).toContain('Actif');

    const { response: revoked, cookie } = await submitForm(t.app, {
      page,
      action: `${page}/${row!.id}/revoquer`,
      cookie: adminCookie,
      fields: {},
    });
    expect(revoked.statusCode).toBe(303);
    expect(revoked.headers.location).toBe(page);
    const after = await t.app.inject({ url: page, headers: { cookie } });
    expect(after.body).toContain('est révoqué');
    expect(after.body).toContain('Révoqué le');
    expect((await api(token!)).statusCode).toBe(401);

    const again = await submitForm(t.app, {
      page,
      action: `${page}/${row!.id}/revoquer`,
      cookie: adminCookie,
      fields: {},
    });
    expect(again.response.statusCode).toBe(303);

    const audit = await db
      .select()
      .from(auditEvents)
      .where(and(eq(auditEvents.resourceType, 'api_token'), eq(auditEvents.resourceId, row!.id)));
    expect(audit.map((e) => e.action).sort()).toEqual(['create', 'delete']);
    expect(audit.every((e) => e.actorId === admin.id && e.organisationId === organisation.id)).toBe(true);
  });

  it('asks again for a name when it is missing', async () => {
    const { response } = await submitForm(t.app, { page, cookie: adminCookie, fields: { name: '  ' } });
    expect(response.statusCode).toBe(400);
    expect(response.body).toContain('Donnez un nom au jeton');
    expect(response.body).not.toMatch(/trp_[0-9a-f]{8}_[A-Za-z0-9_-]{43}/);
  });

  it('answers 404 to members who are not admins, to other organisations’ admins, and audits it', async () => {
    const other = await newOrganisation(db);
    const plainMember = await newAgent(db, {
      memberships: [{ organisationId: organisation.id, role: 'agent' }],
    });
    const otherAdmin = await newAgent(db, { memberships: [{ organisationId: other.id, role: 'admin' }] });
    for (const agent of [plainMember, otherAdmin]) {
      const cookie = await signInAs(db, agent.id);
      const response = await t.app.inject({ url: page, headers: { cookie } });
      expect(response.statusCode).toBe(404);
      const unknown = await t.app.inject({
        url: '/admin/organisations/nulle-part/jetons',
        headers: { cookie },
      });
      expect(unknown.statusCode).toBe(404);
      expect(response.body.replace(/name="_csrf" value="[^"]+"/g, '')).toBe(
        unknown.body.replace(/name="_csrf" value="[^"]+"/g, ''),
      );
      const denied = await db
        .select()
        .from(auditEvents)
        .where(and(eq(auditEvents.actorId, agent.id), eq(auditEvents.action, 'denied')));
      expect(denied).toHaveLength(1);
      expect(denied[0]).toMatchObject({ resourceType: 'api_token', organisationId: organisation.id });
    }
    // Posting is refused the same way, and nothing is created or revoked.
    const existing = await createApiToken(db, { organisation, name: 'actif', createdBy: null }, systemActor);
    const before = await db.select().from(apiTokens).where(eq(apiTokens.organisationId, organisation.id));
    for (const agent of [plainMember, otherAdmin]) {
      const cookie = await signInAs(db, agent.id);
      // The 404 page carries the sign-out form, hence a valid CSRF token: only the permission stops these.
      const create = await submitForm(t.app, { page, cookie, fields: { name: 'intrus' } });
      expect(create.response.statusCode).toBe(404);
      const revoke = await submitForm(t.app, {
        page,
        action: `${page}/${existing!.id}/revoquer`,
        cookie,
        fields: {},
      });
      expect(revoke.response.statusCode).toBe(404);
    }
    const after = await db.select().from(apiTokens).where(eq(apiTokens.organisationId, organisation.id));
    expect(after).toEqual(before);
    expect((await api(existing.token)).statusCode).toBe(200);
  });

  it('does not revoke a token through another organisation’s page', async () => {
    const other = await newOrganisation(db);
    await newAgent(db, { memberships: [{ organisationId: other.id, role: 'admin' }] });
    const own = await createApiToken(db, { organisation, name: 'à garder', createdBy: null }, systemActor);
    const operator = await newAgent(db, { isOperator: true });
    const cookie = await signInAs(db, operator.id);
    const otherPage = `/admin/organisations/${other.slug}/jetons`;
    const { response } = await submitForm(t.app, {
      page: otherPage,
      action: `${otherPage}/${own!.id}/revoquer`,
      cookie,
      fields: {},
    });
    expect(response.statusCode).toBe(404);
    expect((await api(own.token)).statusCode).toBe(200);
  });

  it('lets an operator manage any organisation’s tokens', async () => {
    const operator = await newAgent(db, { isOperator: true });
    const cookie = await signInAs(db, operator.id);
    const response = await t.app.inject({ url: page, headers: { cookie } });
    expect(response.statusCode).toBe(200);
  });

  it('sends people who are not signed in to the sign-in page', async () => {
    const response = await t.app.inject({ url: page });
    expect(response.statusCode).toBe(303);
    expect(response.headers.location).toBe(`/connexion?suite=${encodeURIComponent(page)}`);
  });
});
