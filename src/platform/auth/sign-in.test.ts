import { and, eq, like, sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { auditEvents } from '../audit/tables.ts';
import { agents } from '../tenancy/tables.ts';
import { newAgent, newOrganisation, signInAs } from '../testing/factories.ts';
import { submitForm } from '../testing/forms.ts';
import { startTestApp, type TestContext } from '../testing/harness.ts';
import { rateLimitHits } from '../web/tables.ts';
import { issueLoginLink } from './login-link.service.ts';
import { loginTokens } from './tables.ts';
import { confirmLink, linkIn, outboxFor, submitFormFrom } from './testing.ts';

describe('agent sign-in by emailed link', () => {
  let t: TestContext;
  beforeAll(async () => {
    t = await startTestApp();
  });
  afterAll(() => t.close());
  const db = () => t.platform.database.db;
  const base = () => t.platform.config.baseUrl;

  it('signs an agent in through the form, the outbox and the confirmation button', async () => {
    const organisation = await newOrganisation(db(), { name: 'UTS de La Seyne-sur-Mer' });
    const agent = await newAgent(db(), {
      firstName: 'Samia',
      memberships: [{ organisationId: organisation.id, role: 'agent' }],
    });

    const form = await t.app.inject({ url: '/connexion' });
    expect(form.statusCode).toBe(200);
    expect(form.body).toContain('<h1>Connexion à l’espace agent</h1>');
    expect(form.body).toContain('for="champ-email"');
    expect(form.body).not.toContain('fr-connect'); // no OIDC provider configured

    // Typed in capitals: addresses are compared lower-cased.
    const { response } = await submitForm(t.app, {
      page: '/connexion',
      fields: { email: `  ${agent.email.toUpperCase()} ` },
    });
    expect(response.statusCode).toBe(303);
    expect(response.headers.location).toBe('/connexion/envoye');
    const sent = await t.app.inject({ url: '/connexion/envoye' });
    expect(sent.body).toContain('Si cette adresse correspond à un compte agent, un lien de connexion vient');
    expect(sent.body).toContain('href="/outils/messages"'); // outbox mode, not production

    const [email] = await outboxFor(t, agent.email);
    expect(email!.subject).toBe('Votre lien de connexion à Tremplin');
    expect(email!.text).toContain('Bonjour Samia,');
    expect(email!.text).toContain('valable 15 minutes');
    const link = linkIn(email!.text, base());
    expect(email!.html).toContain(`href="${base()}${link.replaceAll('&', '&amp;')}"`);

    // A mail scanner's GET (here: two of them) shows the button and uses nothing up.
    for (let i = 0; i < 2; i++) {
      const confirmation = await t.app.inject({ url: link });
      expect(confirmation.statusCode).toBe(200);
      expect(confirmation.body).toContain('Me connecter');
      expect(confirmation.body).toContain(agent.email);
      expect(confirmation.headers['set-cookie']?.toString() ?? '').not.toContain('tremplin_session');
    }

    const { response: signedIn, cookie } = await confirmLink(t.app, link);
    expect(signedIn.statusCode).toBe(303);
    expect(signedIn.headers.location).toBe('/tableau-de-bord');
    const sessionCookie = [signedIn.headers['set-cookie']]
      .flat()
      .find((c) => c?.startsWith('tremplin_session='));
    expect(sessionCookie).toMatch(/; HttpOnly/);
    expect(sessionCookie).toMatch(/; SameSite=Lax/);
    expect(sessionCookie).toMatch(/; Path=\//);
    expect(sessionCookie).not.toMatch(/Secure/); // BASE_URL is http in this test app

    const dashboard = await t.app.inject({ url: '/tableau-de-bord', headers: { cookie } });
    expect(dashboard.statusCode).toBe(200);
    expect(dashboard.body).toContain('Bonjour Samia');
    expect(dashboard.body).toContain('UTS de La Seyne-sur-Mer');

    const [audit] = await db()
      .select()
      .from(auditEvents)
      .where(and(eq(auditEvents.actorId, agent.id), eq(auditEvents.action, 'sign_in')));
    expect(audit?.details).toEqual({ method: 'email' });
  });

  it('accepts a link once only', async () => {
    const agent = await newAgent(db());
    const { url } = await issueLoginLink(db(), t.platform.config, {
      agentId: agent.id,
      purpose: 'sign_in',
      requestedIp: null,
    });
    const link = url.slice(base().length);
    expect((await confirmLink(t.app, link)).response.statusCode).toBe(303);
    const again = await confirmLink(t.app, link).catch((e: Error) => e);
    // The confirmation page is gone (no form, hence no CSRF token to post with)...
    expect(String(again)).toContain('status 410');
    const page = await t.app.inject({ url: link });
    expect(page.statusCode).toBe(410);
    expect(page.body).toContain('Ce lien n’est plus valable');
    expect(page.body).toContain('href="/connexion"');
    // ... and posting the token anyway is refused too.
    const replay = await submitForm(t.app, {
      page: '/connexion',
      action: '/connexion/lien',
      fields: { jeton: new URL(url).searchParams.get('jeton')! },
    });
    expect(replay.response.statusCode).toBe(410);
    expect(replay.response.headers['set-cookie']?.toString() ?? '').not.toContain('tremplin_session');
  });

  it('refuses an expired link', async () => {
    const agent = await newAgent(db());
    const { url } = await issueLoginLink(db(), t.platform.config, {
      agentId: agent.id,
      purpose: 'sign_in',
      requestedIp: null,
    });
    await db()
      .update(loginTokens)
      .set({ expiresAt: sql`now() - interval '1 minute'` })
      .where(eq(loginTokens.agentId, agent.id));
    const page = await t.app.inject({ url: url.slice(base().length) });
    expect(page.statusCode).toBe(410);
    const post = await submitForm(t.app, {
      page: '/connexion',
      action: '/connexion/lien',
      fields: { jeton: new URL(url).searchParams.get('jeton')! },
    });
    expect(post.response.statusCode).toBe(410);
  });

  it('answers an unknown address exactly like a known one, and sends nothing', async () => {
    const known = await newAgent(db());
    const unknown = `personne-${Date.now()}@exemple.fr`;
    const a = await submitFormFrom(t.app, '198.51.100.1', {
      page: '/connexion',
      fields: { email: known.email },
    });
    const b = await submitFormFrom(t.app, '198.51.100.1', { page: '/connexion', fields: { email: unknown } });
    expect(b.response.statusCode).toBe(a.response.statusCode);
    expect(b.response.headers.location).toBe(a.response.headers.location);
    expect(b.response.body).toBe(a.response.body);
    expect(await outboxFor(t, unknown)).toHaveLength(0);
    expect(await outboxFor(t, known.email)).toHaveLength(1);
  });

  it('shows French errors on the form and keeps what was typed', async () => {
    const { response } = await submitForm(t.app, {
      page: '/connexion?suite=%2Fcompte',
      action: '/connexion',
      fields: { email: 'camille.exemple.fr', suite: '/compte' },
    });
    expect(response.statusCode).toBe(400);
    expect(response.body).toContain('Le formulaire contient une erreur');
    expect(response.body).toContain('href="#champ-email"');
    expect(response.body).toContain('Saisissez une adresse électronique valide');
    expect(response.body).toContain('value="camille.exemple.fr"');
    expect(response.body).toContain('aria-invalid="true"');
    expect(response.body).toContain('name="suite" value="/compte"');
  });

  it('sends at most five links an hour to one address, answering the same way', async () => {
    const agent = await newAgent(db());
    const answers = [];
    // From a different address each time, so only the per-address limit applies.
    for (let i = 1; i <= 7; i++) {
      const { response } = await submitFormFrom(t.app, `192.0.2.${i}`, {
        page: '/connexion',
        fields: { email: agent.email },
      });
      answers.push(`${response.statusCode} ${response.headers.location}`);
    }
    expect(new Set(answers)).toEqual(new Set(['303 /connexion/envoye']));
    expect(await outboxFor(t, agent.email)).toHaveLength(5);
  });

  it('limits sign-in requests per IP address with a 429 page', async () => {
    const statuses = [];
    for (let i = 0; i < 11; i++) {
      const { response } = await submitFormFrom(t.app, '203.0.113.77', {
        page: '/connexion',
        fields: { email: `visiteur-${i}@exemple.fr` },
      });
      statuses.push(response.statusCode);
    }
    expect(statuses.slice(0, 10)).toEqual(Array(10).fill(303));
    expect(statuses[10]).toBe(429);
    const limited = await submitFormFrom(t.app, '203.0.113.77', {
      page: '/connexion',
      fields: { email: 'encore@exemple.fr' },
    });
    expect(limited.response.body).toContain('Trop de demandes');
    expect(limited.response.headers['retry-after']).toMatch(/^\d+$/);
    // Another visitor is not affected.
    const other = await submitFormFrom(t.app, '203.0.113.78', {
      page: '/connexion',
      fields: { email: 'autre@exemple.fr' },
    });
    expect(other.response.statusCode).toBe(303);
  });

  it('shuts a deactivated agent out: no new link, old links and open sessions stop working', async () => {
    const agent = await newAgent(db());
    const cookie = await signInAs(db(), agent.id);
    const { url } = await issueLoginLink(db(), t.platform.config, {
      agentId: agent.id,
      purpose: 'sign_in',
      requestedIp: null,
    });
    expect((await t.app.inject({ url: '/tableau-de-bord', headers: { cookie } })).statusCode).toBe(200);

    await db().update(agents).set({ deactivatedAt: new Date() }).where(eq(agents.id, agent.id));

    const dashboard = await t.app.inject({ url: '/tableau-de-bord', headers: { cookie } });
    expect(dashboard.statusCode).toBe(303);
    expect(dashboard.headers.location).toBe('/connexion?suite=%2Ftableau-de-bord');
    expect((await t.app.inject({ url: url.slice(base().length) })).statusCode).toBe(410);
    const request = await submitFormFrom(t.app, '198.51.100.20', {
      page: '/connexion',
      fields: { email: agent.email },
    });
    expect(request.response.statusCode).toBe(303);
    expect(await outboxFor(t, agent.email)).toHaveLength(0);
  });

  it('carries a local `suite` through the email and ignores other destinations', async () => {
    const agent = await newAgent(db());
    const form = await t.app.inject({ url: '/connexion?suite=%2Fcompte' });
    expect(form.body).toContain('name="suite" value="/compte"');
    const { response } = await submitFormFrom(t.app, '198.51.100.30', {
      page: '/connexion?suite=%2Fcompte',
      action: '/connexion',
      fields: { email: agent.email, suite: '/compte' },
    });
    expect(response.statusCode).toBe(303);
    const [email] = await outboxFor(t, agent.email);
    const link = linkIn(email!.text, base());
    expect(link).toContain('&suite=%2Fcompte');
    const { response: signedIn } = await confirmLink(t.app, link);
    expect(signedIn.headers.location).toBe('/compte');

    for (const target of [
      '//evil.example/x',
      '/\\evil.example',
      'https://evil.example/',
      '/\t/evil.example',
    ]) {
      const page = await t.app.inject({ url: `/connexion?suite=${encodeURIComponent(target)}` });
      expect(page.body).not.toContain('name="suite"');
    }

    const other = await newAgent(db());
    const { url } = await issueLoginLink(db(), t.platform.config, {
      agentId: other.id,
      purpose: 'sign_in',
      requestedIp: null,
    });
    const hostile = await submitForm(t.app, {
      page: url.slice(base().length),
      action: '/connexion/lien',
      fields: { jeton: new URL(url).searchParams.get('jeton')!, suite: '//evil.example/' },
    });
    expect(hostile.response.statusCode).toBe(303);
    expect(hostile.response.headers.location).toBe('/tableau-de-bord');
    const signedInAlready = await t.app.inject({
      url: `/connexion?suite=${encodeURIComponent('/\\evil.example')}`,
      headers: { cookie: hostile.cookie },
    });
    expect(signedInAlready.headers.location).toBe('/tableau-de-bord');
  });

  it('accepts invitation links the same way, with a welcome', async () => {
    const agent = await newAgent(db());
    const { url } = await issueLoginLink(db(), t.platform.config, {
      agentId: agent.id,
      purpose: 'invitation',
      requestedIp: null,
    });
    const link = url.slice(base().length);
    const page = await t.app.inject({ url: link });
    expect(page.body).toContain('Bienvenue sur Tremplin');
    const { response, cookie } = await confirmLink(t.app, link);
    expect(response.statusCode).toBe(303);
    expect((await t.app.inject({ url: '/compte', headers: { cookie } })).statusCode).toBe(200);
  });

  it('sends anonymous visitors of the dashboard to the sign-in page, and back', async () => {
    const response = await t.app.inject({ url: '/tableau-de-bord' });
    expect(response.statusCode).toBe(303);
    expect(response.headers.location).toBe('/connexion?suite=%2Ftableau-de-bord');
  });

  it('keeps no email address in the rate-limit counters', async () => {
    const rows = await db()
      .select({ key: rateLimitHits.key })
      .from(rateLimitHits)
      .where(like(rateLimitHits.key, 'sign-in:%'));
    expect(rows.length).toBeGreaterThan(0);
    for (const { key } of rows) expect(key).not.toContain('@');
  });
});
