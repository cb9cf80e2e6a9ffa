import { count, eq, ne } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { eventually } from '../testing/eventually.ts';
import { startTestApp, type TestContext } from '../testing/harness.ts';
import { startWorkerProcess, type WorkerProcess } from '../testing/worker-process.ts';
import { CHECK_EMAIL_TEMPLATE } from './check.templates.ts';
import { queueMessage } from './outbox.service.ts';
import { type SmtpSink, startSmtpSink } from './smtp-sink.ts';
import { outboxMessages } from './tables.ts';

/**
 * Crash safety and several workers, with real processes: `npm run worker` (src/worker.ts) as child
 * processes on a fresh PostgreSQL database, sending to a real SMTP server in this test process, which
 * counts each Message-ID (the outbox id) it receives. PostgreSQL only: PGlite admits one process, so
 * with it the server runs the worker in process and there is no second process to kill or to add.
 *
 * A killed worker's jobs come back through pg-boss's expiry: jobs expire after 8 s here instead of
 * 2 min (JOBS_EXPIRE_SECONDS; a message's claim lasts half of it), maintenance looks for them every
 * second and retries wait 1 s, so recovery takes seconds instead of minutes.
 */
const fastJobs = { JOBS_RETRY_DELAY_SECONDS: '1', JOBS_EXPIRE_SECONDS: '8', JOBS_MAINTENANCE_SECONDS: '1' };
const total = 2000;

async function queueEmails(t: TestContext, prefix: string, howMany: number): Promise<string[]> {
  const ids: string[] = [];
  const db = t.platform.database.db;
  for (let start = 0; start < howMany; start += 250) {
    await db.transaction(async (tx) => {
      for (let i = start; i < Math.min(start + 250, howMany); i++) {
        const message = await queueMessage(tx, t.platform.messaging, {
          channel: 'email',
          template: CHECK_EMAIL_TEMPLATE,
          recipient: `agent-${i}@exemple.fr`,
          data: { reference: `${prefix}-${i}` },
          idempotencyKey: `${prefix}:${i}`,
        });
        ids.push(message.id);
      }
    });
  }
  return ids;
}

async function countWithStatus(t: TestContext, status: 'sending' | 'sent'): Promise<number> {
  const [row] = await t.platform.database.db
    .select({ n: count() })
    .from(outboxMessages)
    .where(eq(outboxMessages.status, status));
  return row!.n;
}

async function countNotSent(t: TestContext): Promise<number> {
  const [row] = await t.platform.database.db
    .select({ n: count() })
    .from(outboxMessages)
    .where(ne(outboxMessages.status, 'sent'));
  return row!.n;
}

describe.runIf(process.env.TEST_DATABASE_URL)('worker processes on PostgreSQL', () => {
  let smtp: SmtpSink;
  let t: TestContext;
  const workers: WorkerProcess[] = [];
  const startWorker = () => {
    const worker = startWorkerProcess({
      NODE_ENV: 'test',
      BASE_URL: 'http://localhost:3000',
      DATABASE_URL: t.databaseUrl!,
      SMTP_URL: smtp.url,
      ...fastJobs,
    });
    workers.push(worker);
    return worker;
  };

  /** The worker to kill -9 when the SMTP server has received this many messages. */
  let killAt: { received: number; worker: WorkerProcess } | undefined;

  beforeAll(async () => {
    smtp = await startSmtpSink({
      // Killed at the worst moment: the message is received in full but not acknowledged (no 250
      // yet), while the worker's other sends are mid-conversation. That message will come again.
      beforeReply(received) {
        if (killAt && received >= killAt.received) {
          process.kill(killAt.worker.pid, 'SIGKILL');
          killAt = undefined;
        }
      },
    });
    // This process only queues: it runs no worker (no startWorking).
    t = await startTestApp({ SMTP_URL: smtp.url, ...fastJobs });
  });
  afterAll(async () => {
    await Promise.all(workers.map((w) => w.stop()));
    await t?.close();
    await smtp?.close();
  });

  it(`delivers ${total} messages exactly once by Message-ID when the worker is killed -9 mid-way and restarted`, async () => {
    const ids = await queueEmails(t, 'crash', total);
    expect(new Set(ids).size).toBe(total);

    const first = startWorker();
    killAt = { received: 300, worker: first };
    await first.exited;
    const receivedAtKill = new Set(smtp.copies.keys());
    const sentAtKill = await countWithStatus(t, 'sent');
    const claimedAtKill = await countWithStatus(t, 'sending');
    // Mid-way indeed: the kill left work undone.
    expect(sentAtKill).toBeLessThan(total);

    const second = startWorker();
    await second.ready;
    await eventually(async () => ((await countNotSent(t)) === 0 ? true : undefined), {
      what: 'every outbox row sent',
      timeoutMs: 180_000,
    });

    expect(smtp.distinct()).toBe(total);
    expect(new Set(smtp.copies.keys())).toEqual(new Set(ids.map((id) => `<${id}@localhost>`)));
    // A message can only arrive twice if the kill caught it between the SMTP server's acceptance and
    // the outbox's 'sent' mark: it was received before the kill, and arrives at most twice.
    const resent = [...smtp.copies].filter(([, copies]) => copies > 1);
    for (const [messageId, copies] of resent) {
      expect(receivedAtKill.has(messageId)).toBe(true);
      expect(copies).toBe(2);
    }
    console.log(
      `kill -9 at ${receivedAtKill.size} received: ${sentAtKill} marked sent, ${claimedAtKill} claimed ` +
        `and unfinished; after the restart ${smtp.received.length} received in all, ` +
        `${smtp.distinct()} distinct, ${smtp.resent()} resent`,
    );
    await second.stop();
  }, 300_000);

  it(`sends each of ${total} messages once with two workers on the same queue`, async () => {
    smtp.received.length = 0;
    smtp.copies.clear();
    const ids = await queueEmails(t, 'pair', total);
    const pair = [startWorker(), startWorker()];
    await Promise.all(pair.map((w) => w.ready));
    await eventually(async () => ((await countNotSent(t)) === 0 ? true : undefined), {
      what: 'every outbox row sent',
      timeoutMs: 180_000,
    });
    expect(smtp.received).toHaveLength(total);
    expect(smtp.distinct()).toBe(total);
    expect(new Set(smtp.copies.keys())).toEqual(new Set(ids.map((id) => `<${id}@localhost>`)));
    await Promise.all(pair.map((w) => w.stop()));
  }, 300_000);
});
