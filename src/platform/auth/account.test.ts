import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { newAgent, newOrganisation, newTerritory, signInAs } from '../testing/factories.ts';
import { submitForm } from '../testing/forms.ts';
import { startTestApp, type TestContext } from '../testing/harness.ts';
import { sessions } from './tables.ts';
import { describeUserAgent } from './views/account.tsx';

const sessionIds = (body: string) =>
  [...body.matchAll(/action="\/compte\/sessions\/([0-9a-f-]{36})\/revoquer"/g)].map((m) => m[1]!);

describe('my account', () => {
  let t: TestContext;
  beforeAll(async () => {
    t = await startTestApp();
  });
  afterAll(() => t.close());
  const db = () => t.platform.database.db;
  const opens = async (cookie: string) =>
    (await t.app.inject({ url: '/tableau-de-bord', headers: { cookie } })).statusCode === 200;

  it('shows my identity, organisations and open sessions', async () => {
    const territory = await newTerritory(db(), { name: 'Département du Var' });
    const organisation = await newOrganisation(db(), {
      name: 'Direction de l’insertion',
      territoryId: territory.id,
    });
    const agent = await newAgent(db(), {
      firstName: 'Hélène',
      lastName: 'Garnier',
      memberships: [{ organisationId: organisation.id, role: 'admin' }],
    });
    const cookie = await signInAs(db(), agent.id);
    await signInAs(db(), agent.id);
    const page = await t.app.inject({ url: '/compte', headers: { cookie } });
    expect(page.statusCode).toBe(200);
    expect(page.body.match(/<h1[ >]/g)).toHaveLength(1);
    expect(page.body).toContain('Hélène Garnier');
    expect(page.body).toContain(agent.email);
    expect(page.body).toContain('Direction de l’insertion');
    expect(page.body).toContain('Département du Var');
    expect(page.body).toContain('Administrateur de l’organisation');
    expect(page.body).toContain('Cette session');
    expect(sessionIds(page.body)).toHaveLength(1); // the other one; the current one has no button
    expect(page.body).toContain('Déconnecter mes autres sessions');
  });

  it('revokes one of my other sessions', async () => {
    const agent = await newAgent(db());
    const mine = await signInAs(db(), agent.id);
    const other = await signInAs(db(), agent.id);
    const page = await t.app.inject({ url: '/compte', headers: { cookie: mine } });
    const [otherId] = sessionIds(page.body);
    const { response, cookie } = await submitForm(t.app, {
      page: '/compte',
      action: `/compte/sessions/${otherId}/revoquer`,
      fields: {},
      cookie: mine,
    });
    expect(response.statusCode).toBe(303);
    expect(response.headers.location).toBe('/compte');
    expect(await opens(other)).toBe(false);
    expect(await opens(mine)).toBe(true);
    const after = await t.app.inject({ url: '/compte', headers: { cookie } });
    expect(after.body).toContain('La session a été révoquée.');
    expect(sessionIds(after.body)).toHaveLength(0);
  });

  it('cannot revoke another agent’s session', async () => {
    const agent = await newAgent(db());
    const someoneElse = await newAgent(db());
    const mine = await signInAs(db(), agent.id);
    const theirs = await signInAs(db(), someoneElse.id);
    const [theirSession] = await db().select().from(sessions).where(eq(sessions.agentId, someoneElse.id));
    for (const id of [theirSession!.id, 'pas-un-identifiant']) {
      const { response } = await submitForm(t.app, {
        page: '/compte',
        action: `/compte/sessions/${id}/revoquer`,
        fields: {},
        cookie: mine,
      });
      expect(response.statusCode).toBe(404);
    }
    expect(await opens(theirs)).toBe(true);
  });

  it('signs me out of every other session at once', async () => {
    const agent = await newAgent(db());
    const mine = await signInAs(db(), agent.id);
    const others = [await signInAs(db(), agent.id), await signInAs(db(), agent.id)];
    const { response, cookie } = await submitForm(t.app, {
      page: '/compte',
      action: '/compte/sessions/revoquer-autres',
      fields: {},
      cookie: mine,
    });
    expect(response.statusCode).toBe(303);
    for (const other of others) expect(await opens(other)).toBe(false);
    expect(await opens(mine)).toBe(true);
    const after = await t.app.inject({ url: '/compte', headers: { cookie } });
    expect(after.body).toContain('Vos 2 autres sessions ont été fermées.');
  });

  it('revoking my current session signs me out', async () => {
    const agent = await newAgent(db());
    const mine = await signInAs(db(), agent.id);
    const [current] = await db().select().from(sessions).where(eq(sessions.agentId, agent.id));
    const { response } = await submitForm(t.app, {
      page: '/compte',
      action: `/compte/sessions/${current!.id}/revoquer`,
      fields: {},
      cookie: mine,
    });
    expect(response.headers.location).toBe('/');
    expect(await opens(mine)).toBe(false);
  });

  it('lets me choose my current organisation among my memberships only', async () => {
    const first = await newOrganisation(db(), { name: 'CCAS de Pau' });
    const second = await newOrganisation(db(), { name: 'Service démocratie locale' });
    const notMine = await newOrganisation(db(), { name: 'Organisation étrangère' });
    const agent = await newAgent(db(), {
      memberships: [
        { organisationId: first.id, role: 'agent' },
        { organisationId: second.id, role: 'readonly' },
      ],
    });
    const cookie = await signInAs(db(), agent.id);
    const form = await t.app.inject({ url: '/compte/organisation', headers: { cookie } });
    expect(form.statusCode).toBe(200);
    expect(form.body).toContain('for="champ-organisationId"');
    expect(form.body).not.toContain('Organisation étrangère');

    const refused = await submitForm(t.app, {
      page: '/compte/organisation',
      fields: { organisationId: notMine.id },
      cookie,
    });
    expect(refused.response.statusCode).toBe(400);
    expect(refused.response.body).toContain('Choisissez une des organisations dont vous êtes membre.');

    const chosen = await submitForm(t.app, {
      page: '/compte/organisation',
      fields: { organisationId: second.id },
      cookie,
    });
    expect(chosen.response.statusCode).toBe(303);
    expect(chosen.response.headers.location).toBe('/tableau-de-bord');
    const dashboard = await t.app.inject({ url: '/tableau-de-bord', headers: { cookie: chosen.cookie } });
    expect(dashboard.body).toContain('Vous travaillez maintenant pour : Service démocratie locale.');
    expect(dashboard.body).toMatch(/Vous travaillez pour <strong>Service démocratie locale<\/strong>/);
  });

  it('sends anonymous visitors to the sign-in page', async () => {
    for (const url of ['/compte', '/compte/organisation']) {
      const response = await t.app.inject({ url });
      expect(response.statusCode).toBe(303);
      expect(response.headers.location).toBe(`/connexion?suite=${encodeURIComponent(url)}`);
    }
  });
});

describe('describeUserAgent', () => {
  it.each([
    [
      'Mozilla/5.0 (Windows NT 10.0; Win64; x64; rv:128.0) Gecko/20100101 Firefox/128.0',
      'Firefox sous Windows',
    ],
    [
      'Mozilla/5.0 (Macintosh; Intel Mac OS X 10_15_7) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.4 Safari/605.1.15',
      'Safari sous macOS',
    ],
    [
      'Mozilla/5.0 (Linux; Android 14) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/126.0 Mobile Safari/537.36',
      'Chrome sous Android',
    ],
    [
      'Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/126.0 Safari/537.36 Edg/126.0',
      'Edge sous Windows',
    ],
    ['test', 'Navigateur'],
    [null, 'Navigateur inconnu'],
  ])('%s → %s', (userAgent, expected) => {
    expect(describeUserAgent(userAgent)).toBe(expected);
  });
});
