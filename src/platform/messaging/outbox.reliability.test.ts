import { createServer } from 'node:net';
import { eq, inArray } from 'drizzle-orm';
import { simpleParser } from 'mailparser';
import PDFDocument from 'pdfkit';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { startWorking } from '../jobs/runner.ts';
import { eventually } from '../testing/eventually.ts';
import { startTestApp, type TestContext } from '../testing/harness.ts';
import { DELIVER_QUEUE, messagingJobs } from './deliver.job.ts';
import { requeueMessage } from './outbox.repository.ts';
import { queueMessage, sendDeliveryJob } from './outbox.service.ts';
import { type SmtpSink, startSmtpSink } from './smtp-sink.ts';
import { outboxMessages } from './tables.ts';
import type { MessageTemplate } from './templates.ts';

/**
 * The outbox against a real SMTP server (npm smtp-server) with the worker in this process, on PGlite
 * and on PostgreSQL: an outage, refusals, dead letters and « réessayer », attachments. Crashes and
 * several worker processes are in worker-crash.reliability.test.ts (PostgreSQL only).
 *
 * Retries wait 1 s then double instead of 30 s (JOBS_RETRY_DELAY_SECONDS), so an outage plays out
 * in seconds; everything else is the production path.
 */
const fastJobs = { JOBS_RETRY_DELAY_SECONDS: '1', JOBS_EXPIRE_SECONDS: '10', JOBS_MAINTENANCE_SECONDS: '1' };

const notice: MessageTemplate<{ name: string }> = {
  name: 'test.notice',
  description: 'Un avis de test',
  channel: 'email',
  essential: false,
  example: { name: 'Aïcha' },
  render: (data) => ({ subject: `Avis pour ${data.name}`, text: `Bonjour ${data.name}.` }),
};

async function statusesOf(t: TestContext, ids: string[]) {
  return t.platform.database.db
    .select({
      id: outboxMessages.id,
      status: outboxMessages.status,
      attempts: outboxMessages.attempts,
      statusReason: outboxMessages.statusReason,
    })
    .from(outboxMessages)
    .where(inArray(outboxMessages.id, ids));
}

async function queueNotices(t: TestContext, recipients: string[], key: string) {
  const db = t.platform.database.db;
  return db.transaction(async (tx) => {
    const messages = [];
    for (const [index, recipient] of recipients.entries()) {
      messages.push(
        await queueMessage(tx, t.platform.messaging, {
          channel: 'email',
          template: notice.name,
          recipient,
          data: { name: `Personne ${index}` },
          idempotencyKey: `${key}:${index}`,
        }),
      );
    }
    return messages;
  });
}

/** A port nothing listens on now, where an SMTP server can be started later. */
function unusedPort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const probe = createServer();
    probe.once('error', reject);
    probe.listen(0, '127.0.0.1', () => {
      const { port } = probe.address() as { port: number };
      probe.close(() => resolve(port));
    });
  });
}

describe('SMTP server down, then back', () => {
  let t: TestContext;
  let port: number;
  let smtp: SmtpSink | undefined;
  beforeAll(async () => {
    port = await unusedPort();
    t = await startTestApp({ SMTP_URL: `smtp://127.0.0.1:${port}`, ...fastJobs });
    t.platform.messaging.templates.register(notice);
    await startWorking(t.platform, messagingJobs);
  });
  afterAll(async () => {
    await t.close();
    await smtp?.close();
  });

  it('keeps the messages queued, counting attempts, and sends each once when the server answers again', async () => {
    const recipients = Array.from({ length: 5 }, (_, i) => `panne-${i}@exemple.fr`);
    const messages = await queueNotices(t, recipients, 'test:outage');
    const ids = messages.map((m) => m.id);

    // Connection refused is a passing failure: every message waits for another try, none is given up.
    const waiting = await eventually(
      async () => {
        const rows = await statusesOf(t, ids);
        return rows.every((r) => r.status === 'retrying' && r.attempts >= 2) ? rows : undefined;
      },
      { what: 'two failed attempts per message' },
    );
    expect(waiting).toHaveLength(5);
    for (const row of waiting) expect(row.statusReason).toMatch(/ECONNREFUSED|connect/i);

    smtp = await startSmtpSink({ port });
    const sent = await eventually(
      async () => {
        const rows = await statusesOf(t, ids);
        return rows.every((r) => r.status === 'sent') ? rows : undefined;
      },
      { what: 'every message sent after the server came back' },
    );
    expect(sent.every((r) => r.attempts >= 3)).toBe(true);
    expect(smtp.received).toHaveLength(5);
    expect(smtp.distinct()).toBe(5);
    expect([...smtp.copies.keys()].sort()).toEqual(ids.map((id) => `<${id}@localhost>`).sort());
  }, 90_000);
});

describe('refused and dead messages', () => {
  let t: TestContext;
  let smtp: SmtpSink;
  /** Recipients the server answers 451 (try later) at RCPT TO, until the test lets them through. */
  const greylisted = new Set<string>();
  beforeAll(async () => {
    smtp = await startSmtpSink({
      rcptCode: (recipient) =>
        recipient.startsWith('inconnu@') ? 550 : greylisted.has(recipient) ? 451 : undefined,
    });
    t = await startTestApp({ SMTP_URL: smtp.url, ...fastJobs });
    t.platform.messaging.templates.register(notice);
    // One retry instead of eight, so that a message reaches the dead-letter queue in seconds. The
    // queue's policy lives in pg-boss's table, as an operator could change it.
    await t.platform.messaging.boss.updateQueue(DELIVER_QUEUE, { name: DELIVER_QUEUE, retryLimit: 1 });
    await startWorking(t.platform, messagingJobs);
  });
  afterAll(async () => {
    await t.close();
    await smtp.close();
  });

  it('marks a message the server refuses for good (550) as failed after one attempt', async () => {
    const [message] = await queueNotices(t, ['inconnu@exemple.fr'], 'test:refused');
    const [row] = await eventually(async () => {
      const rows = await statusesOf(t, [message!.id]);
      return rows[0]?.status === 'failed' ? rows : undefined;
    });
    expect(row!.attempts).toBe(1);
    expect(row!.statusReason).toContain('550');
    expect(smtp.copies.has(`<${message!.id}@localhost>`)).toBe(false);
  });

  it('marks a message that keeps failing past the retry limit as dead, and « réessayer » sends it', async () => {
    greylisted.add('file-attente@exemple.fr');
    const [message] = await queueNotices(t, ['file-attente@exemple.fr'], 'test:dead');
    const id = message!.id;
    const [dead] = await eventually(
      async () => {
        const rows = await statusesOf(t, [id]);
        return rows[0]?.status === 'dead' ? rows : undefined;
      },
      { what: 'the message in the dead-letter state' },
    );
    expect(dead!.attempts).toBe(2); // the first try and the one retry
    expect(dead!.statusReason).toContain('451');

    greylisted.clear();
    const db = t.platform.database.db;
    await db.transaction(async (tx) => {
      const requeued = await requeueMessage(tx, id);
      expect(requeued?.status).toBe('queued');
      await sendDeliveryJob(tx, t.platform.messaging, id);
    });
    const [sent] = await eventually(async () => {
      const rows = await statusesOf(t, [id]);
      return rows[0]?.status === 'sent' ? rows : undefined;
    });
    expect(sent!.attempts).toBe(3);
    expect(smtp.copies.get(`<${id}@localhost>`)).toBe(1);
  }, 60_000);
});

describe('attachments through a real SMTP conversation', () => {
  let t: TestContext;
  let smtp: SmtpSink;
  let pdf: Buffer;
  const ics = (data: { startsAt: string; place: string }) =>
    [
      'BEGIN:VCALENDAR',
      'VERSION:2.0',
      'PRODID:-//Tremplin//Rendez-vous//FR',
      'METHOD:REQUEST',
      'BEGIN:VEVENT',
      'UID:rdv-42@tremplin.localhost',
      'DTSTAMP:20261126T080000Z',
      `DTSTART:${data.startsAt}`,
      'DURATION:PT45M',
      `LOCATION:${data.place}`,
      'SUMMARY:Premier rendez-vous avec votre référent',
      'END:VEVENT',
      'END:VCALENDAR',
      '',
    ].join('\r\n');
  const appointment: MessageTemplate<{ startsAt: string; place: string }> = {
    name: 'test.appointment',
    description: 'Une convocation de test avec son invitation et sa lettre',
    channel: 'email',
    essential: true,
    example: { startsAt: '20261203T090000Z', place: 'UTS La Seyne-sur-Mer' },
    render: (data) => ({
      subject: 'Votre rendez-vous',
      text: 'Vous trouverez votre rendez-vous et votre convocation en pièces jointes.',
      attachments: [
        { filename: 'rendez-vous.ics', content: ics(data), contentType: 'text/calendar; method=REQUEST' },
        { filename: 'convocation.pdf', content: pdf, contentType: 'application/pdf' },
      ],
    }),
  };

  beforeAll(async () => {
    pdf = await new Promise<Buffer>((resolve) => {
      const document = new PDFDocument({ size: 'A4' });
      const chunks: Buffer[] = [];
      document.on('data', (chunk: Buffer) => chunks.push(chunk));
      document.on('end', () => resolve(Buffer.concat(chunks)));
      document.text('Convocation — UTS La Seyne-sur-Mer');
      document.end();
    });
    smtp = await startSmtpSink({ keepRaw: true });
    t = await startTestApp({ SMTP_URL: smtp.url, ...fastJobs });
    t.platform.messaging.templates.register(appointment);
    await startWorking(t.platform, messagingJobs);
  });
  afterEach(() => {
    smtp.received.length = 0;
  });
  afterAll(async () => {
    await t.close();
    await smtp.close();
  });

  it('delivers an .ics invitation and a PDF byte for byte', async () => {
    const data = { startsAt: '20261203T090000Z', place: 'UTS La Seyne-sur-Mer, 1 rue Messine' };
    const message = await t.platform.database.db.transaction((tx) =>
      queueMessage(tx, t.platform.messaging, {
        channel: 'email',
        template: appointment.name,
        recipient: 'usager@exemple.fr',
        data,
        idempotencyKey: 'test:appointment:1',
      }),
    );
    await eventually(async () => {
      const [row] = await statusesOf(t, [message.id]);
      return row?.status === 'sent' ? row : undefined;
    });
    expect(smtp.received).toHaveLength(1);
    const mail = await simpleParser(smtp.received[0]!.raw!);
    expect(mail.messageId).toBe(`<${message.id}@localhost>`);
    expect(mail.text).toContain('pièces jointes');
    expect(mail.attachments.map((a) => a.filename)).toEqual(['rendez-vous.ics', 'convocation.pdf']);
    const [calendar, letter] = mail.attachments;
    expect(calendar!.contentType).toBe('text/calendar');
    expect(calendar!.content.toString('utf8')).toBe(ics(data));
    expect(letter!.contentType).toBe('application/pdf');
    expect(letter!.content.subarray(0, 5).toString('latin1')).toBe('%PDF-');
    expect(Buffer.compare(letter!.content, pdf)).toBe(0);
    const [row] = await t.platform.database.db
      .select()
      .from(outboxMessages)
      .where(eq(outboxMessages.id, message.id));
    expect(row!.attempts).toBe(1);
  });
});
