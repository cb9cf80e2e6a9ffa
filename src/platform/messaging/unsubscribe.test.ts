import { eq } from 'drizzle-orm';
import { simpleParser } from 'mailparser';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SIGN_IN_TEMPLATE } from '../auth/sign-in.template.ts';
import { startWorking } from '../jobs/runner.ts';
import { auditTrail } from '../tenancy/testing.ts';
import { eventually } from '../testing/eventually.ts';
import { newOrganisation } from '../testing/factories.ts';
import { startTestApp, type TestContext } from '../testing/harness.ts';
import type { OutboxMessage } from './channels.ts';
import { messagingJobs } from './deliver.job.ts';
import { queueMessage } from './outbox.service.ts';
import { type SmtpSink, startSmtpSink } from './smtp-sink.ts';
import { optOuts, outboxMessages } from './tables.ts';
import type { MessageTemplate } from './templates.ts';
import { unsubscribeSignature } from './unsubscribe.ts';

const news: MessageTemplate<{ name: string }> = {
  name: 'test.unsubscribe.news',
  description: 'Nouvelles du service',
  channel: 'email',
  essential: false,
  example: { name: 'Aïcha' },
  render: (data) => ({ subject: `Des nouvelles pour ${data.name}`, text: 'Le composteur ouvre samedi.' }),
};

describe('List-Unsubscribe on non-essential email', () => {
  let t: TestContext;
  let smtp: SmtpSink;
  let organisationId: string;
  const db = () => t.platform.database.db;

  beforeAll(async () => {
    smtp = await startSmtpSink({ keepRaw: true });
    t = await startTestApp({ SMTP_URL: `smtp://127.0.0.1:${smtp.port}` });
    t.platform.messaging.templates.register(news);
    await startWorking(t.platform, messagingJobs);
    organisationId = (await newOrganisation(db())).id;
  });
  afterAll(async () => {
    await t.close();
    await smtp.close();
  });

  const queueNews = (key: string, recipient: string) =>
    db().transaction((tx) =>
      queueMessage(tx, t.platform.messaging, {
        channel: 'email',
        template: news.name,
        recipient,
        data: { name: 'Aïcha' },
        idempotencyKey: `test:unsubscribe:${key}`,
        organisationId,
      }),
    );
  const queueSignIn = (key: string, recipient: string) =>
    db().transaction((tx) =>
      queueMessage(tx, t.platform.messaging, {
        channel: 'email',
        template: SIGN_IN_TEMPLATE,
        recipient,
        data: {
          firstName: 'Aïcha',
          path: '/connexion/lien?jeton=x',
          expiresAt: new Date().toISOString(),
          validityMinutes: 15,
        },
        idempotencyKey: `test:unsubscribe:${key}`,
      }),
    );
  /** The email the SMTP server received for an outbox message, parsed, once the worker has sent it. */
  const receivedMail = async (message: OutboxMessage) =>
    simpleParser(
      await eventually(
        async () => smtp.received.find((mail) => mail.messageId === `<${message.id}@localhost>`)?.raw,
      ),
    );
  const optedOut = (address: string) =>
    db()
      .select()
      .from(optOuts)
      .where(eq(optOuts.address, address))
      .then((rows) => rows.length > 0);

  it('puts a signed one-click link on non-essential mail only, and honours it', async () => {
    const address = 'aicha@exemple.fr';
    const newsMessage = await queueNews('first', address);
    const newsMail = await receivedMail(newsMessage);
    const signInMail = await receivedMail(await queueSignIn('sign-in', address));

    // The raw header lines, exactly as sent (mailparser also folds them into a "list" object).
    const headerLine = (mail: typeof newsMail, key: string) =>
      mail.headerLines.find((h) => h.key === key)?.line.replace(/\r?\n\s+/g, ' ');
    const url =
      /^List-Unsubscribe: <([^>]+)>$/.exec(headerLine(newsMail, 'list-unsubscribe') ?? '')?.[1] ?? '';
    const messageId = newsMessage.id;
    expect(url).toBe(
      `http://localhost:3000/messages/desabonnement?m=${messageId}&sig=${unsubscribeSignature(t.platform.config.secretKey, messageId)}`,
    );
    expect(headerLine(newsMail, 'list-unsubscribe-post')).toBe(
      'List-Unsubscribe-Post: List-Unsubscribe=One-Click',
    );
    expect(signInMail.subject).toBe('Votre lien de connexion à Tremplin');
    expect(headerLine(signInMail, 'list-unsubscribe')).toBeUndefined();
    expect(headerLine(signInMail, 'list-unsubscribe-post')).toBeUndefined();

    // Opening the link (as a mail scanner does) only asks for confirmation.
    const path = url.slice('http://localhost:3000'.length);
    const page = await t.app.inject({ url: path });
    expect(page.statusCode).toBe(200);
    expect(page.body).toContain('Ne plus recevoir ces courriels');
    expect(page.body).toContain(address);
    expect(page.body).toContain(`action="${path.replace('&', '&amp;')}"`);
    expect(await optedOut(address)).toBe(false);

    // The mail client's one-click POST (RFC 8058): no cookie, no CSRF token, the signature suffices.
    const oneClick = await t.app.inject({
      method: 'POST',
      url: path,
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      payload: 'List-Unsubscribe=One-Click',
    });
    expect(oneClick.statusCode).toBe(200);
    expect(oneClick.body).toContain('Vous êtes désabonné');
    expect(await optedOut(address)).toBe(true);
    const [audit] = await auditTrail(db(), {
      action: 'create',
      resourceType: 'opt_out',
      resourceId: messageId,
    });
    expect(audit).toMatchObject({ actorType: 'anonymous', organisationId });
    expect(JSON.stringify(audit!.details)).not.toContain(address);
    expect((await t.app.inject({ url: path })).body).toContain('Vous êtes déjà désabonné');

    // The next non-essential message is recorded invalid and never sent; essential mail still goes.
    const next = await queueNews('second', 'Aicha@Exemple.fr');
    expect(next.status).toBe('invalid');
    expect(next.statusReason).toContain('ne plus recevoir');
    const signInAgain = await queueSignIn('sign-in-again', address);
    expect(signInAgain.status).toBe('queued');
    expect((await receivedMail(signInAgain)).subject).toBe('Votre lien de connexion à Tremplin');
    const [row] = await db().select().from(outboxMessages).where(eq(outboxMessages.id, next.id));
    expect(row!.status).toBe('invalid');
    expect(smtp.received.filter((mail) => mail.messageId === `<${next.id}@localhost>`)).toHaveLength(0);
  });

  it('accepts the one-click POST as multipart too, and the page’s own button', async () => {
    const first = await queueNews('multipart', 'multipart@exemple.fr');
    const query = `m=${first.id}&sig=${unsubscribeSignature(t.platform.config.secretKey, first.id)}`;
    const boundary = 'limite';
    const multipart = await t.app.inject({
      method: 'POST',
      url: `/messages/desabonnement?${query}`,
      headers: { 'content-type': `multipart/form-data; boundary=${boundary}` },
      payload: `--${boundary}\r\nContent-Disposition: form-data; name="List-Unsubscribe"\r\n\r\nOne-Click\r\n--${boundary}--\r\n`,
    });
    expect(multipart.statusCode).toBe(200);
    expect(await optedOut('multipart@exemple.fr')).toBe(true);

    const second = await queueNews('button', 'bouton@exemple.fr');
    const button = await t.app.inject({
      method: 'POST',
      url: `/messages/desabonnement?m=${second.id}&sig=${unsubscribeSignature(t.platform.config.secretKey, second.id)}`,
    });
    expect(button.statusCode).toBe(200);
    expect(await optedOut('bouton@exemple.fr')).toBe(true);
  });

  it('refuses a forged or broken link, and changes nothing', async () => {
    const message = await queueNews('forged', 'cible@exemple.fr');
    const otherSignature = unsubscribeSignature('une-autre-cle-une-autre-cle-une-autre-cle', message.id);
    for (const query of [
      `m=${message.id}&sig=${otherSignature}`,
      `m=${message.id}&sig=`,
      `m=${message.id}`,
      `m=pas-un-identifiant&sig=${unsubscribeSignature(t.platform.config.secretKey, 'pas-un-identifiant')}`,
      '',
    ]) {
      const page = await t.app.inject({ url: `/messages/desabonnement?${query}` });
      expect(page.statusCode).toBe(404);
      expect(page.body).toContain('Ce lien de désabonnement n’est pas valable');
      const post = await t.app.inject({
        method: 'POST',
        url: `/messages/desabonnement?${query}`,
        headers: { 'content-type': 'application/x-www-form-urlencoded' },
        payload: 'List-Unsubscribe=One-Click',
      });
      expect(post.statusCode).toBe(404);
    }
    expect(await optedOut('cible@exemple.fr')).toBe(false);
  });
});
