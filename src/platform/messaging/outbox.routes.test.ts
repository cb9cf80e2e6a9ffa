import { and, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { auditEvents } from '../audit/tables.ts';
import { newAgent, signInAs } from '../testing/factories.ts';
import { startTestApp, type TestContext } from '../testing/harness.ts';
import { linkify } from './outbox.view.tsx';
import { developmentEmails } from './tables.ts';

describe('development outbox', () => {
  let t: TestContext;
  beforeAll(async () => {
    t = await startTestApp();
    await t.platform.database.db.insert(developmentEmails).values([
      {
        to: 'ancien@exemple.fr',
        subject: 'Le plus ancien',
        text: 'Bonjour',
        createdAt: new Date('2025-01-15T08:00:00Z'),
      },
      {
        to: 'samia@exemple.fr',
        subject: 'Votre lien de connexion à Tremplin',
        text: 'Ouvrez ce lien :\nhttp://localhost:3000/connexion/lien?jeton=abc&suite=%2Fcompte\n<script>',
        createdAt: new Date('2025-07-01T12:30:00Z'),
      },
    ]);
  });
  afterAll(() => t.close());
  const db = () => t.platform.database.db;

  it('shows the emails, newest first, with clickable links, to a visitor on this machine', async () => {
    const response = await t.app.inject({ url: '/outils/messages' }); // inject comes from 127.0.0.1
    expect(response.statusCode).toBe(200);
    const body = response.body;
    expect(body.indexOf('Votre lien de connexion')).toBeLessThan(body.indexOf('Le plus ancien'));
    expect(body).toContain('samia@exemple.fr');
    expect(body).toContain('01/07/2025 14:30'); // Europe/Paris, summer time
    expect(body).toContain('15/01/2025 09:00'); // Europe/Paris, winter time
    expect(body).toContain(
      '<a href="http://localhost:3000/connexion/lien?jeton=abc&amp;suite=%2Fcompte">http://localhost:3000/connexion/lien?jeton=abc&amp;suite=%2Fcompte</a>',
    );
    expect(body).toContain('&lt;script>');
    expect(body.match(/<h1[ >]/g)).toHaveLength(1);
    for (const remoteAddress of ['::1', '::ffff:127.0.0.1']) {
      expect((await t.app.inject({ url: '/outils/messages', remoteAddress })).statusCode).toBe(200);
    }
  });

  it('refuses a remote anonymous visitor, and records it', async () => {
    const response = await t.app.inject({ url: '/outils/messages', remoteAddress: '203.0.113.10' });
    expect(response.statusCode).toBe(403);
    expect(response.body).not.toContain('samia@exemple.fr');
    const denied = await db()
      .select()
      .from(auditEvents)
      .where(and(eq(auditEvents.action, 'denied'), eq(auditEvents.ip, '203.0.113.10')));
    expect(denied).toHaveLength(1);
    expect(denied[0]!.resourceType).toBe('development_outbox');
  });

  it('treats a request relayed by a local reverse proxy as remote', async () => {
    const response = await t.app.inject({
      url: '/outils/messages',
      headers: { 'x-forwarded-for': '203.0.113.11' },
    });
    expect(response.statusCode).toBe(403);
  });

  it('is open to operators from anywhere, and closed to other agents even on this machine', async () => {
    const operator = await newAgent(db(), { isOperator: true });
    const agent = await newAgent(db());
    const asOperator = await t.app.inject({
      url: '/outils/messages',
      remoteAddress: '203.0.113.12',
      headers: { cookie: await signInAs(db(), operator.id) },
    });
    expect(asOperator.statusCode).toBe(200);
    expect(asOperator.body).toMatch(/<a class="fr-nav__link" href="\/outils\/messages" aria-current="page">/);
    const asAgent = await t.app.inject({
      url: '/outils/messages',
      headers: { cookie: await signInAs(db(), agent.id) },
    });
    expect(asAgent.statusCode).toBe(403);
  });
});

describe('development outbox in production', () => {
  let t: TestContext;
  beforeAll(async () => {
    t = await startTestApp({
      NODE_ENV: 'production',
      SMTP_URL: 'smtp://127.0.0.1:2525', // required in production; nothing is sent in this test
      BASE_URL: 'https://tremplin.example.fr',
      SECRET_KEY: 'production-secret-key-production-secret-key',
    });
  });
  afterAll(() => t.close());

  it('does not exist, even for operators, and the sign-in page does not mention it', async () => {
    const operator = await newAgent(t.platform.database.db, { isOperator: true });
    const cookie = (await signInAs(t.platform.database.db, operator.id)).replace(
      'tremplin_session',
      '__Host-tremplin_session',
    );
    expect((await t.app.inject({ url: '/outils/messages' })).statusCode).toBe(404);
    const asOperator = await t.app.inject({ url: '/outils/messages', headers: { cookie } });
    expect(asOperator.statusCode).toBe(404);
    const dashboard = await t.app.inject({ url: '/tableau-de-bord', headers: { cookie } });
    expect(dashboard.statusCode).toBe(200);
    expect(dashboard.body).not.toContain('/outils/messages');
    const sent = await t.app.inject({ url: '/connexion/envoye' });
    expect(sent.body).toContain('Si cette adresse correspond à un compte agent');
    expect(sent.body).not.toContain('/outils/messages');
  });
});

describe('linkify', () => {
  it('turns http(s) addresses into links and leaves the rest as text', () => {
    expect(linkify('Voir https://exemple.fr/a?b=1. Merci')).toEqual([
      'Voir ',
      { href: 'https://exemple.fr/a?b=1' },
      '. Merci',
    ]);
    expect(linkify('javascript:alert(1) ftp://x')).toEqual(['javascript:alert(1) ftp://x']);
    expect(linkify('')).toEqual([]);
  });
});
