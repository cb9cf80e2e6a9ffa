import { eq } from 'drizzle-orm';
import { simpleParser } from 'mailparser';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startWorking } from '../jobs/runner.ts';
import { eventually } from '../testing/eventually.ts';
import { newOrganisation } from '../testing/factories.ts';
import { startTestApp, type TestContext } from '../testing/harness.ts';
import { messagingJobs } from './deliver.job.ts';
import { queueMessage } from './outbox.service.ts';
import { type SmtpSink, startSmtpSink } from './smtp-sink.ts';
import { outboxMessages } from './tables.ts';
import type { MessageTemplate } from './templates.ts';

const greeting: MessageTemplate<{ name: string }> = {
  name: 'test.greeting',
  description: 'Un bonjour de test',
  channel: 'email',
  essential: false,
  example: { name: 'Aïcha' },
  render: (data, context) => ({
    subject: `Bonjour ${data.name}`,
    text: `Bonjour ${data.name}, de la part de ${context.territoryName}.`,
    html: `<p>Bonjour ${data.name}</p>`,
  }),
};

describe('outbox → SMTP', () => {
  let t: TestContext;
  let smtp: SmtpSink;
  beforeAll(async () => {
    smtp = await startSmtpSink({ keepRaw: true });
    t = await startTestApp({ SMTP_URL: `smtp://127.0.0.1:${smtp.port}` });
    t.platform.messaging.templates.register(greeting);
    await startWorking(t.platform, messagingJobs);
  });
  afterAll(async () => {
    await t.close();
    await smtp.close();
  });

  it('sends a message queued in a transaction, once, with a Message-ID from the outbox id', async () => {
    const db = t.platform.database.db;
    const organisation = await newOrganisation(db);
    const message = await db.transaction((tx) =>
      queueMessage(tx, t.platform.messaging, {
        channel: 'email',
        template: 'test.greeting',
        recipient: ' Aicha@Exemple.FR ',
        recipientName: 'Aïcha',
        data: { name: 'Aïcha' },
        idempotencyKey: 'test:greeting:1',
        organisationId: organisation.id,
      }),
    );
    expect(message.status).toBe('queued');
    const again = await db.transaction((tx) =>
      queueMessage(tx, t.platform.messaging, {
        channel: 'email',
        template: 'test.greeting',
        recipient: 'aicha@exemple.fr',
        data: { name: 'Aïcha' },
        idempotencyKey: 'test:greeting:1',
      }),
    );
    expect(again.id).toBe(message.id);

    const sent = await eventually(async () => {
      const [row] = await db.select().from(outboxMessages).where(eq(outboxMessages.id, message.id));
      return row?.status === 'sent' ? row : undefined;
    });
    expect(sent.attempts).toBe(1);
    expect(smtp.received).toHaveLength(1);
    const mail = await simpleParser(smtp.received[0]!.raw!);
    expect(mail.subject).toBe('Bonjour Aïcha');
    expect(mail.messageId).toBe(`<${message.id}@localhost>`);
    expect(mail.to && 'text' in mail.to ? mail.to.text : '').toContain('aicha@exemple.fr');
    expect(mail.text).toContain(organisation.name ? 'Bonjour Aïcha' : '');
  });

  it('records an invalid address with its reason and leaves the rest of the transaction alone', async () => {
    const db = t.platform.database.db;
    const { message, organisation } = await db.transaction(async (tx) => {
      const organisation = await newOrganisation(tx);
      const message = await queueMessage(tx, t.platform.messaging, {
        channel: 'email',
        template: 'test.greeting',
        recipient: 'pas-une-adresse',
        data: { name: 'X' },
        idempotencyKey: 'test:greeting:invalid',
      });
      return { message, organisation };
    });
    expect(message.status).toBe('invalid');
    expect(message.statusReason).toContain('adresse électronique invalide');
    expect(organisation.id).toBeTruthy();
  });

  it('writes nothing when the transaction rolls back', async () => {
    const db = t.platform.database.db;
    await expect(
      db.transaction(async (tx) => {
        await queueMessage(tx, t.platform.messaging, {
          channel: 'email',
          template: 'test.greeting',
          recipient: 'rollback@exemple.fr',
          data: { name: 'R' },
          idempotencyKey: 'test:greeting:rollback',
        });
        throw new Error('business rule failed');
      }),
    ).rejects.toThrow('business rule failed');
    const rows = await db
      .select()
      .from(outboxMessages)
      .where(eq(outboxMessages.idempotencyKey, 'test:greeting:rollback'));
    expect(rows).toHaveLength(0);
  });
});
