import { eq, sql } from 'drizzle-orm';
import { renderToString } from 'preact-render-to-string';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { auditTrail, get, organisationWithStaff, signedInOperator } from '../tenancy/testing.ts';
import { newAgent, signInAs } from '../testing/factories.ts';
import { submitForm } from '../testing/forms.ts';
import { startTestApp, type TestContext } from '../testing/harness.ts';
import type { OutboxMessage } from './channels.ts';
import { DELIVER_QUEUE } from './deliver.job.ts';
import { messageHistoryOf } from './messages.service.ts';
import { MessageHistory } from './messages.view.tsx';
import { queueMessage } from './outbox.service.ts';
import { outboxMessages } from './tables.ts';
import type { AnyTemplate } from './templates.ts';

const reminder: AnyTemplate = {
  name: 'test.messages.reminder',
  description: 'Rappel de rendez-vous',
  channel: 'email',
  essential: false,
  example: { day: 'lundi' },
  render: (data: { day: string }, context) => ({
    subject: `Rendez-vous ${data.day}`,
    text: `Votre rendez-vous ${data.day}, ${context.territoryName}.`,
  }),
};

type Staffed = Awaited<ReturnType<typeof organisationWithStaff>>;

describe('messages of an organisation', () => {
  let t: TestContext;
  let a: Staffed;
  let b: Staffed;
  const sent: Record<string, OutboxMessage> = {};
  const db = () => t.platform.database.db;

  async function queue(key: string, organisationId: string, recipient: string, person?: string) {
    const message = await db().transaction((tx) =>
      queueMessage(tx, t.platform.messaging, {
        channel: 'email',
        template: reminder.name,
        recipient,
        data: { day: 'lundi' },
        idempotencyKey: `test:messages:${key}`,
        organisationId,
        ...(person ? { subject: { type: 'test_person', id: person } } : {}),
      }),
    );
    sent[key] = message;
    return message;
  }
  /** Delivery jobs pg-boss holds for a message (its own table, read here to check the retry made one). */
  async function deliveryJobsOf(messageId: string): Promise<number> {
    const result = await db().execute(
      sql`select count(*)::int as n from pgboss.job where name = ${DELIVER_QUEUE} and data->>'messageId' = ${messageId}`,
    );
    return Number((result as unknown as { rows: { n: number }[] }).rows[0]!.n);
  }
  const setRow = (id: string, values: Partial<typeof outboxMessages.$inferInsert>) =>
    db().update(outboxMessages).set(values).where(eq(outboxMessages.id, id));

  beforeAll(async () => {
    t = await startTestApp();
    t.platform.messaging.templates.register(reminder);
    a = await organisationWithStaff(db());
    b = await organisationWithStaff(db());
    // Organisation A: one of each state that matters, created in this order (oldest first).
    await queue('dead', a.organisation.id, 'morte@exemple.fr', 'p1');
    await queue('sent', a.organisation.id, 'recu@exemple.fr', 'p1');
    await queue('invalid', a.organisation.id, 'pas-une-adresse', 'p1');
    await queue('failed', a.organisation.id, 'refus@exemple.fr');
    await queue('queued', a.organisation.id, 'attente@exemple.fr');
    await queue('other', b.organisation.id, 'autre-territoire@exemple.fr', 'p1');
    await setRow(sent.dead!.id, { status: 'dead', attempts: 9, statusReason: 'connexion refusée' });
    await setRow(sent.failed!.id, {
      status: 'failed',
      attempts: 1,
      statusReason: 'refusé par le serveur SMTP (550)',
    });
    // Sent on 10/01/2025 at 00:30 in Paris, still 9 January in UTC: counted in January.
    await setRow(sent.sent!.id, { status: 'sent', attempts: 1, sentAt: new Date('2025-01-09T23:30:00Z') });
  });
  afterAll(() => t.close());

  it('shows a member their organisation’s messages, failures first, in French, with the costs', async () => {
    const page = await get(t, '/messages', a.agent.cookie);
    expect(page.statusCode).toBe(200);
    const body = page.body;
    expect(body).toContain(`Messages de ${a.organisation.name}`);
    expect(body).toMatch(/<a class="fr-nav__link" href="\/messages" aria-current="page">Messages<\/a>/);
    expect(body).toContain('href="/messages/lettres"');
    for (const address of ['morte@exemple.fr', 'recu@exemple.fr', 'pas-une-adresse', 'refus@exemple.fr']) {
      expect(body).toContain(address);
    }
    expect(body).not.toContain('autre-territoire@exemple.fr');
    // Failures first (newest first among them), then the rest, newest first.
    const order = [
      'refus@exemple.fr',
      'morte@exemple.fr',
      'attente@exemple.fr',
      'pas-une-adresse',
      'recu@exemple.fr',
    ];
    const positions = order.map((address) => body.indexOf(address));
    expect(positions).toEqual([...positions].sort((x, y) => x - y));
    expect(body).toContain('Abandonné après plusieurs essais');
    expect(body).toContain('connexion refusée');
    expect(body).toContain('Destinataire invalide');
    expect(body).toContain('adresse électronique invalide');
    expect(body).toContain('Rappel de rendez-vous');
    expect(body).toContain('2 messages n’ont pas pu partir.');
    expect(body.match(/>\s*Réessayer\s*</g)).toHaveLength(2);
    // The list names recipients: it is audited.
    const [listed] = await auditTrail(db(), {
      action: 'list',
      resourceType: 'outbox_messages',
      actorId: a.agent.id,
    });
    expect(listed).toMatchObject({ organisationId: a.organisation.id });
  });

  it('counts what was sent per Paris month', async () => {
    const operator = await signedInOperator(db());
    const view = await get(t, `/messages?organisation=${a.organisation.slug}`, operator.cookie);
    expect(view.statusCode).toBe(200);
    // The sent message is in January 2025, more than six months ago: the table shows recent months only.
    expect(view.body).toContain('Envois par mois');
    const recent = new Date();
    await setRow(sent.sent!.id, { sentAt: recent });
    const now = await get(t, `/messages?organisation=${a.organisation.slug}`, operator.cookie);
    const costs = now.body.slice(now.body.indexOf('id="couts"'));
    expect(costs).toMatch(/<td>[a-zéû]+ \d{4}<\/td><td>1<\/td><td>0<\/td><td>0<\/td><td>0<\/td>/);
  });

  it('filters by state and channel', async () => {
    const dead = await get(t, '/messages?statut=dead', a.agent.cookie);
    expect(dead.body).toContain('morte@exemple.fr');
    expect(dead.body).not.toContain('recu@exemple.fr');
    expect(dead.body).toContain('<option value="dead" selected');
    const sms = await get(t, '/messages?canal=sms', a.agent.cookie);
    expect(sms.body).toContain('Aucun message pour ces filtres.');
    // A value that is not in the list is ignored, not an error.
    expect((await get(t, '/messages?statut=inconnu&canal=pigeon', a.agent.cookie)).statusCode).toBe(200);
  });

  it('answers "not found" for another territory’s organisation, and records it', async () => {
    const page = await get(t, `/messages?organisation=${b.organisation.slug}`, a.admin.cookie);
    expect(page.statusCode).toBe(404);
    expect(page.body).not.toContain('autre-territoire@exemple.fr');
    const denied = await auditTrail(db(), { action: 'denied', actorId: a.admin.id });
    expect(denied.at(-1)).toMatchObject({ resourceType: 'organisation', organisationId: b.organisation.id });
  });

  it('lets an agent send a dead message again: queued with a new delivery job, audited', async () => {
    const jobsBefore = await deliveryJobsOf(sent.dead!.id);
    const { response, cookie } = await submitForm(t.app, {
      page: '/messages?statut=dead',
      action: `/messages/${sent.dead!.id}/reessayer`,
      cookie: a.agent.cookie,
      fields: { retour: '/messages?statut=dead' },
    });
    expect(response.statusCode).toBe(303);
    expect(response.headers.location).toBe('/messages?statut=dead');
    const [row] = await db().select().from(outboxMessages).where(eq(outboxMessages.id, sent.dead!.id));
    expect(row).toMatchObject({ status: 'queued', statusReason: null, attempts: 9 });
    expect(await deliveryJobsOf(sent.dead!.id)).toBe(jobsBefore + 1);
    const [audit] = await auditTrail(db(), { action: 'update', resourceId: sent.dead!.id });
    expect(audit).toMatchObject({ actorId: a.agent.id, resourceType: 'outbox_message' });
    expect(audit!.details).toEqual({ status: { from: 'dead', to: 'queued' }, retry: true });
    const after = await get(t, '/messages?statut=dead', cookie);
    expect(after.body).toContain('Le message est de nouveau en file d’envoi.');

    // Asking again changes nothing: it is no longer dead. A foreign `retour` is not followed.
    const again = await submitForm(t.app, {
      page: '/messages',
      action: `/messages/${sent.dead!.id}/reessayer`,
      cookie: a.agent.cookie,
      fields: { retour: 'https://evil.example/' },
    });
    expect(again.response.headers.location).toBe('/messages');
    expect(await auditTrail(db(), { action: 'update', resourceId: sent.dead!.id })).toHaveLength(1);
  });

  it('shows read-only members the list without « Réessayer », and refuses it to them', async () => {
    const page = await get(t, '/messages', a.readonly.cookie);
    expect(page.statusCode).toBe(200);
    expect(page.body).toContain('refus@exemple.fr');
    expect(page.body).not.toMatch(/>\s*Réessayer\s*</);
    const { response } = await submitForm(t.app, {
      page: '/messages',
      action: `/messages/${sent.failed!.id}/reessayer`,
      cookie: a.readonly.cookie,
      fields: {},
    });
    expect(response.statusCode).toBe(403);
    const [row] = await db().select().from(outboxMessages).where(eq(outboxMessages.id, sent.failed!.id));
    expect(row!.status).toBe('failed');
  });

  it('answers "not found" to « Réessayer » on another organisation’s message, and records it', async () => {
    const { response } = await submitForm(t.app, {
      page: '/messages',
      action: `/messages/${sent.failed!.id}/reessayer`,
      cookie: b.admin.cookie,
      fields: {},
    });
    expect(response.statusCode).toBe(404);
    const [denied] = await auditTrail(db(), { action: 'denied', resourceId: sent.failed!.id });
    expect(denied).toMatchObject({ actorId: b.admin.id, organisationId: a.organisation.id });
    const missing = await submitForm(t.app, {
      page: '/messages',
      action: '/messages/pas-un-identifiant/reessayer',
      cookie: b.admin.cookie,
      fields: {},
    });
    expect(missing.response.statusCode).toBe(404);
  });

  it('shows operators every organisation’s messages, platform mail included', async () => {
    const operator = await signedInOperator(db());
    await submitForm(t.app, { page: '/connexion', fields: { email: a.agent.email } });
    await t.app.backgroundWork.settled();
    const page = await get(t, '/messages', operator.cookie);
    expect(page.statusCode).toBe(200);
    expect(page.body).toContain('Messages de toutes les organisations');
    expect(page.body).toContain('autre-territoire@exemple.fr');
    expect(page.body).toContain('morte@exemple.fr');
    expect(page.body).toContain('Lien de connexion demandé par un agent');
    expect(page.body).toContain(b.organisation.name);
    // The envelope only: never the content, which may hold a sign-in link.
    expect(page.body).not.toContain('/connexion/lien');
  });

  it('is not offered to agents of no organisation, and answers them "not found"', async () => {
    const loner = await newAgent(db());
    const cookie = await signInAs(db(), loner.id);
    const dashboard = await get(t, '/tableau-de-bord', cookie);
    expect(dashboard.body).not.toContain('href="/messages"');
    expect((await get(t, '/messages', cookie)).statusCode).toBe(404);
    expect((await get(t, '/messages')).statusCode).toBe(303); // anonymous: to the sign-in page
  });

  it('gives a person’s history within the organisations the agent may see', async () => {
    const subject = { type: 'test_person', id: 'p1' };
    const inA = await messageHistoryOf(db(), [a.organisation.id], subject);
    expect(inA.map((m) => m.recipient)).toEqual(['pas-une-adresse', 'recu@exemple.fr', 'morte@exemple.fr']);
    expect(inA[0]).toMatchObject({ status: 'invalid', channel: 'email', template: reminder.name });
    expect(inA[0]).not.toHaveProperty('data');
    expect(await messageHistoryOf(db(), [], subject)).toEqual([]);
    expect(await messageHistoryOf(db(), 'all', subject)).toHaveLength(4);
    expect(await messageHistoryOf(db(), 'all', { type: 'test_person', id: 'p2' })).toEqual([]);

    const html = renderToString(<MessageHistory messages={inA} templates={t.platform.messaging.templates} />);
    expect(html).toContain('<caption>Messages envoyés</caption>');
    expect(html).toContain('Rappel de rendez-vous');
    expect(html).toContain('Destinataire invalide');
    expect(html).toContain('Envoyé');
    expect(renderToString(<MessageHistory messages={[]} />)).toContain('Aucun message envoyé');
  });
});

describe('message template previews', () => {
  let t: TestContext;
  let staff: Staffed;
  beforeAll(async () => {
    t = await startTestApp();
    t.platform.messaging.templates.register(reminder);
    staff = await organisationWithStaff(t.platform.database.db);
  });
  afterAll(() => t.close());

  it('renders every template with its example and the admin’s territory', async () => {
    const page = await get(t, '/messages/modeles', staff.admin.cookie);
    expect(page.statusCode).toBe(200);
    const body = page.body;
    expect(body).toContain('Lien de connexion demandé par un agent');
    expect(body).toContain('Invitation d’un agent à rejoindre une organisation');
    expect(body).toContain('Rappel de rendez-vous');
    expect(body).toContain(`Votre rendez-vous lundi, ${staff.territory.name}.`);
    expect(body).toContain(`(${staff.territory.name})`); // the invitation names the territory
    expect(body).toContain('Objet :</strong> Votre lien de connexion à Tremplin');
    expect(body).toContain('http://localhost:3000/connexion/lien?jeton=exemple-de-jeton');
    // HTML as escaped source, never as markup of this page.
    expect(body).toContain(
      '&lt;a href=&quot;http://localhost:3000/connexion/lien?jeton=exemple-de-jeton&quot;',
    );
    expect(body).toContain('Essentiel');
    expect(body).toContain('Non essentiel (désabonnement possible)');
    expect(body.match(/<h1[ >]/g)).toHaveLength(1);
    const messages = await get(t, '/messages', staff.admin.cookie);
    expect(messages.body).toContain('href="/messages/modeles"');
  });

  it('is for admins only: others get "not found", recorded', async () => {
    const page = await get(t, '/messages/modeles', staff.agent.cookie);
    expect(page.statusCode).toBe(404);
    const [denied] = await auditTrail(t.platform.database.db, { action: 'denied', actorId: staff.agent.id });
    expect(denied).toMatchObject({ resourceType: 'message_templates' });
    const messages = await get(t, '/messages', staff.agent.cookie);
    expect(messages.body).not.toContain('href="/messages/modeles"');
  });
});
