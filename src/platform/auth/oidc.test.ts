import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { and, eq } from 'drizzle-orm';
import Provider from 'oidc-provider';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { auditEvents } from '../audit/tables.ts';
import { agents } from '../tenancy/tables.ts';
import { newAgent, newOrganisation } from '../testing/factories.ts';
import { mergeCookies } from '../testing/forms.ts';
import { startTestApp, type TestContext } from '../testing/harness.ts';
import { sessions } from './tables.ts';

/**
 * The whole ProConnect round trip against a real OpenID Connect provider (node oidc-provider) on a
 * random local port, driven over HTTP: its sign-in and consent forms are posted like a browser
 * would, and Tremplin's side runs the real openid-client code (discovery, PKCE, token exchange,
 * ID token and signed userinfo checks).
 */
const BASE_URL = 'http://localhost:3000';
const CLIENT = { id: 'tremplin', secret: 'secret-du-client-tremplin-pour-les-tests' };

/** Accounts known to the provider, by login; the provider vouches for these addresses. */
const providerAccounts = new Map<string, { email: string; given_name: string; usual_name: string }>();

async function startProvider(): Promise<{ issuer: string; server: Server }> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const issuer = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  const provider = new Provider(issuer, {
    clients: [
      {
        client_id: CLIENT.id,
        client_secret: CLIENT.secret,
        redirect_uris: [`${BASE_URL}/connexion/proconnect/retour`],
        token_endpoint_auth_method: 'client_secret_post',
        // Like ProConnect: userinfo comes back as a signed JWT.
        userinfo_signed_response_alg: 'RS256',
      },
    ],
    claims: {
      openid: ['sub'],
      email: ['email'],
      given_name: ['given_name'],
      usual_name: ['usual_name'],
    },
    features: { jwtUserinfo: { enabled: true } },
    pkce: { required: () => true },
    cookies: { keys: ['cle-de-test-des-cookies-du-fournisseur'] },
    async findAccount(_ctx: unknown, id: string) {
      const account = providerAccounts.get(id);
      if (!account) return undefined;
      return { accountId: id, claims: async () => ({ sub: id, ...account }) };
    },
  });
  server.on('request', provider.callback());
  return { issuer, server };
}

/**
 * Plays the browser at the provider: follows redirects with its cookies, fills in the development
 * login form (any password) and the consent form, until the provider sends the browser back to
 * Tremplin. Returns that return address.
 */
async function signInAtProvider(authorizationUrl: string, login: string): Promise<string> {
  let cookie = '';
  let url = authorizationUrl;
  let body: URLSearchParams | undefined;
  for (let step = 0; step < 12; step++) {
    const response = await fetch(url, {
      method: body ? 'POST' : 'GET',
      redirect: 'manual',
      headers: {
        ...(cookie ? { cookie } : {}),
        ...(body ? { 'content-type': 'application/x-www-form-urlencoded' } : {}),
      },
      body,
    });
    cookie = mergeCookies(cookie, response.headers.getSetCookie());
    const location = response.headers.get('location');
    if (location) {
      const next = new URL(location, url).href;
      if (next.startsWith(`${BASE_URL}/`)) return next;
      url = next;
      body = undefined;
      continue;
    }
    const html = await response.text();
    const action = /<form[^>]*action="([^"]+)"/.exec(html)?.[1];
    const prompt = /name="prompt" value="([^"]+)"/.exec(html)?.[1];
    if (response.status !== 200 || !action || !prompt) {
      throw new Error(`provider answered ${response.status}: ${html.slice(0, 500)}`);
    }
    url = new URL(action.replaceAll('&amp;', '&'), url).href;
    body = new URLSearchParams(prompt === 'login' ? { prompt, login, password: 'peu-importe' } : { prompt });
  }
  throw new Error('the provider never sent the browser back');
}

describe('sign-in with ProConnect (OIDC)', () => {
  let t: TestContext;
  let server: Server;

  beforeAll(async () => {
    const provider = await startProvider();
    server = provider.server;
    t = await startTestApp({
      BASE_URL,
      OIDC_ISSUER: provider.issuer,
      OIDC_CLIENT_ID: CLIENT.id,
      OIDC_CLIENT_SECRET: CLIENT.secret,
    });
  });
  afterAll(async () => {
    await t.close();
    server.closeAllConnections();
    await new Promise((resolve) => server.close(resolve));
  });
  const db = () => t.platform.database.db;

  /** From Tremplin's button to Tremplin's answer on the return address. */
  async function roundTrip(login: string, suite?: string) {
    const start = await t.app.inject({
      url: suite ? `/connexion/proconnect?suite=${encodeURIComponent(suite)}` : '/connexion/proconnect',
    });
    expect(start.statusCode).toBe(303);
    const pendingCookie = mergeCookies(undefined, start.headers['set-cookie']);
    const back = await signInAtProvider(start.headers.location!, login);
    const response = await t.app.inject({
      url: back.slice(BASE_URL.length),
      headers: { cookie: pendingCookie },
    });
    return { start, back, response, cookie: mergeCookies(pendingCookie, response.headers['set-cookie']) };
  }

  it('shows the ProConnect button on the sign-in page', async () => {
    const page = await t.app.inject({ url: '/connexion?suite=%2Fcompte' });
    expect(page.body).toContain('class="fr-connect fr-connect--pro"');
    expect(page.body).toContain('href="/connexion/proconnect?suite=%2Fcompte"');
    expect(page.body).toContain('Se connecter avec');
  });

  it('starts the code flow with PKCE, state and nonce kept in a signed, short-lived cookie', async () => {
    const start = await t.app.inject({ url: '/connexion/proconnect' });
    const url = new URL(start.headers.location!);
    expect(url.searchParams.get('client_id')).toBe(CLIENT.id);
    expect(url.searchParams.get('response_type')).toBe('code');
    expect(url.searchParams.get('scope')).toBe('openid email given_name usual_name');
    expect(url.searchParams.get('code_challenge_method')).toBe('S256');
    expect(url.searchParams.get('redirect_uri')).toBe(`${BASE_URL}/connexion/proconnect/retour`);
    for (const p of ['state', 'nonce', 'code_challenge']) expect(url.searchParams.get(p)).toBeTruthy();
    const setCookie = [start.headers['set-cookie']].flat().find((c) => c?.startsWith('tremplin_oidc='))!;
    expect(setCookie).toMatch(/Max-Age=600/);
    expect(setCookie).toMatch(/HttpOnly/);
    expect(setCookie).toMatch(/SameSite=Lax/);
    // The verifier never travels in clear: the cookie is signed JSON, but the challenge is a hash of it.
    expect(setCookie).not.toContain(url.searchParams.get('code_challenge')!);
  });

  it('signs in an active agent whose address the provider vouches for', async () => {
    const organisation = await newOrganisation(db(), { name: 'CCAS de Pau' });
    const agent = await newAgent(db(), {
      email: 'claire.dupont@pau.example.fr',
      firstName: 'Claire',
      memberships: [{ organisationId: organisation.id, role: 'agent' }],
    });
    providerAccounts.set('claire', {
      email: 'Claire.Dupont@pau.example.fr',
      given_name: 'Claire',
      usual_name: 'Dupont',
    });
    const { response, cookie } = await roundTrip('claire', '/compte');
    expect(response.statusCode).toBe(303);
    expect(response.headers.location).toBe('/compte');
    expect([response.headers['set-cookie']].flat().join('\n')).toMatch(/tremplin_oidc=;/); // used up
    const account = await t.app.inject({ url: '/compte', headers: { cookie } });
    expect(account.statusCode).toBe(200);
    expect(account.body).toContain('ProConnect');
    const [session] = await db().select().from(sessions).where(eq(sessions.agentId, agent.id));
    expect(session?.method).toBe('oidc');
    const dashboard = await t.app.inject({ url: '/tableau-de-bord', headers: { cookie } });
    expect(dashboard.body).toContain('CCAS de Pau');
  });

  it('refuses an address with no agent account, with a French 403 page', async () => {
    providerAccounts.set('inconnu', {
      email: 'inconnu@ailleurs.example.fr',
      given_name: 'Paul',
      usual_name: 'Inconnu',
    });
    const { response } = await roundTrip('inconnu');
    expect(response.statusCode).toBe(403);
    expect(response.body).toContain('Aucun compte agent pour cette adresse');
    expect(response.body).toContain('invitation');
    expect([response.headers['set-cookie']].flat().join('\n')).not.toMatch(/tremplin_session=[^;]/);
    const denied = await db()
      .select()
      .from(auditEvents)
      .where(and(eq(auditEvents.action, 'denied'), eq(auditEvents.resourceType, 'session')));
    expect(denied.length).toBeGreaterThan(0);
  });

  it('refuses a deactivated agent', async () => {
    const agent = await newAgent(db(), { email: 'parti@pau.example.fr' });
    await db().update(agents).set({ deactivatedAt: new Date() }).where(eq(agents.id, agent.id));
    providerAccounts.set('parti', { email: 'parti@pau.example.fr', given_name: 'Jean', usual_name: 'Parti' });
    const { response } = await roundTrip('parti');
    expect(response.statusCode).toBe(403);
  });

  it('refuses a return without the cookie of the browser that left, or with another flow’s state', async () => {
    await newAgent(db(), { email: 'marc@pau.example.fr' });
    providerAccounts.set('marc', { email: 'marc@pau.example.fr', given_name: 'Marc', usual_name: 'Lenoir' });

    const start = await t.app.inject({ url: '/connexion/proconnect' });
    const back = await signInAtProvider(start.headers.location!, 'marc');
    const withoutCookie = await t.app.inject({ url: back.slice(BASE_URL.length) });
    expect(withoutCookie.statusCode).toBe(400);
    expect(withoutCookie.body).toContain('n’a pas abouti');

    // An attacker's own return address replayed in the victim's browser (login CSRF): the state differs.
    const victim = await t.app.inject({ url: '/connexion/proconnect' });
    const victimCookie = mergeCookies(undefined, victim.headers['set-cookie']);
    const attackerStart = await t.app.inject({ url: '/connexion/proconnect' });
    const attackerBack = await signInAtProvider(attackerStart.headers.location!, 'marc');
    const swapped = await t.app.inject({
      url: attackerBack.slice(BASE_URL.length),
      headers: { cookie: victimCookie },
    });
    expect(swapped.statusCode).toBe(400);
    expect([swapped.headers['set-cookie']].flat().join('\n')).not.toMatch(/tremplin_session=[^;]/);

    const tampered = await t.app.inject({
      url: back.slice(BASE_URL.length),
      headers: { cookie: 'tremplin_oidc=%7B%22state%22%3A%22x%22%7D' },
    });
    expect(tampered.statusCode).toBe(400);
  });

  it('explains a sign-in cancelled at the provider', async () => {
    const start = await t.app.inject({ url: '/connexion/proconnect' });
    const state = new URL(start.headers.location!).searchParams.get('state');
    const response = await t.app.inject({
      url: `/connexion/proconnect/retour?error=access_denied&state=${state}`,
      headers: { cookie: mergeCookies(undefined, start.headers['set-cookie']) },
    });
    expect(response.statusCode).toBe(400);
    expect(response.body).toContain('annulée ou refusée');
  });
});

describe('ProConnect not configured', () => {
  let t: TestContext;
  beforeAll(async () => {
    t = await startTestApp();
  });
  afterAll(() => t.close());

  it('has no ProConnect routes', async () => {
    expect((await t.app.inject({ url: '/connexion/proconnect' })).statusCode).toBe(404);
    expect((await t.app.inject({ url: '/connexion/proconnect/retour?code=x' })).statusCode).toBe(404);
  });
});
