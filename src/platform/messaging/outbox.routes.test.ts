import { and, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { findSignInLink } from '../../../e2e/flows.ts';
import { auditEvents } from '../audit/tables.ts';
import { SIGN_IN_TEMPLATE } from '../auth/sign-in.template.ts';
import { newAgent, newOrganisation, signInAs } from '../testing/factories.ts';
import { startTestApp, type TestContext } from '../testing/harness.ts';
import { linkify } from './outbox.view.tsx';
import { outboxMessages } from './tables.ts';
import type { AnyTemplate } from './templates.ts';
import { unsubscribeSignature } from './unsubscribe.ts';

const newsletter: AnyTemplate = {
  name: 'test.outbox.news',
  description: 'Nouvelles du service',
  channel: 'email',
  essential: false,
  example: {},
  render: (_data, context) => ({ subject: `Nouvelles de ${context.territoryName}`, text: 'Rien de neuf.' }),
};
const reminder: AnyTemplate = {
  name: 'test.outbox.sms',
  description: 'Rappel de rendez-vous',
  channel: 'sms',
  example: {},
  render: (data: { day: string }) => ({ text: `Rappel : rendez-vous ${data.day} à 9 h à l’accueil.` }),
};

type Row = typeof outboxMessages.$inferInsert;
const row = (values: Partial<Row> & Pick<Row, 'channel' | 'template' | 'recipient' | 'data'>): Row => ({
  idempotencyKey: `test:${Math.random()}`,
  status: 'sent',
  recipientNormalised: values.recipient.toLowerCase(),
  ...values,
});

describe('development outbox', () => {
  let t: TestContext;
  let newsId: string;
  beforeAll(async () => {
    t = await startTestApp();
    t.platform.messaging.templates.register(newsletter, reminder);
    const organisation = await newOrganisation(t.platform.database.db);
    const [, , news] = await t.platform.database.db
      .insert(outboxMessages)
      .values([
        row({
          channel: 'email',
          template: 'module.disparu',
          recipient: 'ancien@exemple.fr',
          data: {},
          createdAt: new Date('2025-01-15T08:00:00Z'),
        }),
        row({
          channel: 'email',
          template: SIGN_IN_TEMPLATE,
          recipient: 'samia@exemple.fr',
          status: 'queued', // shown before (or without) any worker: the demo needs no delivery
          data: {
            firstName: '<script>',
            path: '/connexion/lien?jeton=abc&suite=%2Fcompte',
            expiresAt: '2025-07-01T12:45:00Z',
            validityMinutes: 15,
          },
          createdAt: new Date('2025-07-01T12:30:00Z'),
        }),
        row({
          channel: 'email',
          template: newsletter.name,
          recipient: 'lecteur@exemple.fr',
          organisationId: organisation.id,
          data: {},
          createdAt: new Date('2025-07-02T08:00:00Z'),
        }),
        row({
          channel: 'sms',
          template: reminder.name,
          recipient: '06 12 34 56 78',
          recipientNormalised: '+33612345678',
          segments: 1,
          data: { day: 'lundi 7 juillet' },
          createdAt: new Date('2025-07-03T08:00:00Z'),
        }),
      ])
      .returning();
    newsId = news!.id;
  });
  afterAll(() => t.close());
  const db = () => t.platform.database.db;

  it('shows every message rendered now, newest first, with clickable links, to a visitor on this machine', async () => {
    const response = await t.app.inject({ url: '/outils/messages' }); // inject comes from 127.0.0.1
    expect(response.statusCode).toBe(200);
    const body = response.body;
    const order = [
      'SMS à +33612345678',
      'Nouvelles de Territoire',
      'Votre lien de connexion',
      'ancien@exemple.fr',
    ];
    const positions = order.map((text) => body.indexOf(text));
    expect(positions.every((p) => p > 0)).toBe(true);
    expect(positions).toEqual([...positions].sort((a, b) => a - b));
    expect(body).toContain('samia@exemple.fr');
    expect(body).toContain('01/07/2025 14:30'); // Europe/Paris, summer time
    expect(body).toContain('15/01/2025 09:00'); // Europe/Paris, winter time
    expect(body).toContain(
      '<a href="http://localhost:3000/connexion/lien?jeton=abc&amp;suite=%2Fcompte">http://localhost:3000/connexion/lien?jeton=abc&amp;suite=%2Fcompte</a>',
    );
    expect(body).toContain('Bonjour &lt;script>');
    expect(body).toContain('En attente');
    // The browser tests and the benchmark take the demo's sign-in link from this page.
    expect(findSignInLink(body, 'Samia@exemple.fr')).toBe('http://localhost:3000/connexion/lien?jeton=abc');
    // SMS: the text as sent (typographic apostrophes replaced) and what it costs.
    expect(body).toContain("Rappel : rendez-vous lundi 7 juillet à 9 h à l'accueil.");
    expect(body).toMatch(/\d+ caractères · GSM-7 · 1 segment</);
    // A non-essential email shows the List-Unsubscribe link it carries; a template gone shows why.
    expect(body).toContain(
      `/messages/desabonnement?m=${newsId}&amp;sig=${unsubscribeSignature(t.platform.config.secretKey, newsId)}`,
    );
    expect(body.match(/href="[^"]*\/messages\/desabonnement/g)).toHaveLength(1); // not on essential mail
    expect(body).toContain('modèle inconnu : module.disparu');
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
