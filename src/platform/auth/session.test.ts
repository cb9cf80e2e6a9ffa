import { eq, sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { auditEvents } from '../audit/tables.ts';
import { newAgent, signInAs } from '../testing/factories.ts';
import { mergeCookies, submitForm } from '../testing/forms.ts';
import { startTestApp, type TestContext } from '../testing/harness.ts';
import { issueLoginLink } from './login-link.service.ts';
import { sessions } from './tables.ts';
import { confirmLink, linkIn, outboxFor, signInByEmail } from './testing.ts';

describe('agent sessions', () => {
  let t: TestContext;
  beforeAll(async () => {
    t = await startTestApp({ SESSION_IDLE_MINUTES: '30' });
  });
  afterAll(() => t.close());
  const db = () => t.platform.database.db;

  it('signs out on the server: the old cookie no longer opens anything', async () => {
    const agent = await newAgent(db());
    const cookie = await signInByEmail(t, agent.email);
    const { response, cookie: after } = await submitForm(t.app, {
      page: '/tableau-de-bord',
      action: '/deconnexion',
      fields: {},
      cookie,
    });
    expect(response.statusCode).toBe(303);
    expect(response.headers.location).toBe('/');
    expect([response.headers['set-cookie']].flat().join('\n')).toMatch(
      /tremplin_session=;.*Expires=Thu, 01 Jan 1970/,
    );

    const home = await t.app.inject({ url: '/', headers: { cookie: after } });
    expect(home.body).toContain('Vous êtes déconnecté.');
    // Even a copy of the cookie taken before signing out is refused.
    const replay = await t.app.inject({ url: '/tableau-de-bord', headers: { cookie } });
    expect(replay.statusCode).toBe(303);
    expect(replay.headers.location).toBe('/connexion?suite=%2Ftableau-de-bord');
    const [row] = await db().select().from(sessions).where(eq(sessions.agentId, agent.id));
    expect(row?.revokedAt).not.toBeNull();
    const events = await db().select().from(auditEvents).where(eq(auditEvents.actorId, agent.id));
    expect(events.map((e) => e.action).sort()).toEqual(['sign_in', 'sign_out']);
  });

  it('signs out an agent idle for longer than SESSION_IDLE_MINUTES', async () => {
    const agent = await newAgent(db());
    const cookie = await signInAs(db(), agent.id);
    expect((await t.app.inject({ url: '/tableau-de-bord', headers: { cookie } })).statusCode).toBe(200);
    await db()
      .update(sessions)
      .set({ lastSeenAt: sql`now() - interval '31 minutes'` })
      .where(eq(sessions.agentId, agent.id));
    const idle = await t.app.inject({ url: '/tableau-de-bord', headers: { cookie } });
    expect(idle.statusCode).toBe(303);
    expect(idle.headers.location).toBe('/connexion?suite=%2Ftableau-de-bord');
  });

  it('keeps a recently active session', async () => {
    const agent = await newAgent(db());
    const cookie = await signInAs(db(), agent.id);
    await db()
      .update(sessions)
      .set({ lastSeenAt: sql`now() - interval '29 minutes'` })
      .where(eq(sessions.agentId, agent.id));
    expect((await t.app.inject({ url: '/tableau-de-bord', headers: { cookie } })).statusCode).toBe(200);
  });

  it('replaces the session already open in the browser when someone signs in again', async () => {
    const first = await newAgent(db());
    const second = await newAgent(db());
    const firstCookie = await signInByEmail(t, first.email);
    const secondCookie = mergeCookies(
      firstCookie,
      (await signInAndGetSetCookie(second.email, firstCookie)) ?? [],
    );
    const dashboard = await t.app.inject({ url: '/tableau-de-bord', headers: { cookie: secondCookie } });
    expect(dashboard.body).toContain(second.lastName);
    expect(
      (await t.app.inject({ url: '/tableau-de-bord', headers: { cookie: firstCookie } })).statusCode,
    ).toBe(303);
  });

  async function signInAndGetSetCookie(address: string, cookie: string) {
    await submitForm(t.app, { page: '/connexion', fields: { email: address } });
    const [email] = await outboxFor(t, address);
    const { response } = await confirmLink(t.app, linkIn(email!.text, t.platform.config.baseUrl), cookie);
    return response.headers['set-cookie'];
  }
});

describe('session cookie over https', () => {
  let t: TestContext;
  beforeAll(async () => {
    t = await startTestApp({ BASE_URL: 'https://tremplin.example.fr' });
  });
  afterAll(() => t.close());

  it('is Secure, HttpOnly, SameSite=Lax and host-only (__Host- prefix)', async () => {
    const agent = await newAgent(t.platform.database.db);
    const cookie = await signInByEmail(t, agent.email);
    expect(cookie).toMatch(/__Host-tremplin_session=/);
    const session = cookie.split('; ').find((c) => c.startsWith('__Host-tremplin_session='))!;
    const dashboard = await t.app.inject({ url: '/tableau-de-bord', headers: { cookie: session } });
    expect(dashboard.statusCode).toBe(200);
  });

  it('sets the cookie with every protective flag', async () => {
    const agent = await newAgent(t.platform.database.db);
    const { url } = await issueLoginLink(t.platform.database.db, t.platform.config, {
      agentId: agent.id,
      purpose: 'sign_in',
      requestedIp: null,
    });
    const { response } = await submitForm(t.app, {
      page: url.slice(t.platform.config.baseUrl.length),
      action: '/connexion/lien',
      fields: { jeton: new URL(url).searchParams.get('jeton')! },
    });
    const setCookie = [response.headers['set-cookie']].flat().find((c) => c?.startsWith('__Host-'))!;
    expect(setCookie).toMatch(/; Path=\/(;|$)/);
    expect(setCookie).toMatch(/; HttpOnly/);
    expect(setCookie).toMatch(/; Secure/);
    expect(setCookie).toMatch(/; SameSite=Lax/);
    expect(setCookie).not.toMatch(/Domain=/i);
  });
});
