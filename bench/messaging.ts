import { randomBytes } from 'node:crypto';
import { availableParallelism, loadavg } from 'node:os';
import { count, eq } from 'drizzle-orm';
import { createFreshDatabase, isReachable } from '../e2e/postgres.ts';
import { assemblePlatform, closePlatform } from '../src/platform/assemble.ts';
import { loadConfig } from '../src/platform/config.ts';
import { openPostgres } from '../src/platform/db/client.ts';
import { CHECK_EMAIL_TEMPLATE, CHECK_SMS_TEMPLATE } from '../src/platform/messaging/check.templates.ts';
import { queueMessage } from '../src/platform/messaging/outbox.service.ts';
import { startBrevoStandin } from '../src/platform/messaging/sms/brevo-standin.ts';
import { startSmtpSink } from '../src/platform/messaging/smtp-sink.ts';
import { outboxMessages } from '../src/platform/messaging/tables.ts';
import type { Platform } from '../src/platform/platform.ts';
import { startWorkerProcess, type WorkerProcess } from '../src/platform/testing/worker-process.ts';
import { cpuSeconds, watchPeakRss } from './rss.ts';
import { formatTable } from './table.ts';

/**
 * `npm run bench -- messaging`: BENCH_MESSAGES (default 10,000) emails to a real SMTP server running in
 * this process (npm smtp-server, accepting at once), then as many SMS to the local Brevo stand-in
 * (sms/brevo-standin.ts, checking each request as Brevo documents it), each delivered by 1 then 2
 * `npm run worker` processes on a fresh PostgreSQL database (created beside the administrative URL,
 * dropped after). The messages are queued with queueMessage in one transaction that commits once the
 * workers are ready, so the workers start from a full queue; the SMS are urgent, so that the quiet
 * hours (20:00–08:00) do not hold them when the benchmark runs at night.
 *
 * Figures: messages/s from the first delivery to the last; the workers' CPU time per message (what
 * tuning changes, and unlike the rate hardly moved by other programs sharing the machine); their peak
 * resident memory; lost (queued − distinct messages received) and duplicates (received − distinct).
 * Prints figures; asserts nothing. BENCH_WORKERS=1 measures one worker only (default 1,2);
 * BENCH_CHANNELS=email or sms one channel; BENCH_PROFILE=<folder> writes a CPU profile of each worker
 * there (open it in Chrome's DevTools).
 */
const messages = Number(process.env.BENCH_MESSAGES ?? 10_000);
const workerCounts = (process.env.BENCH_WORKERS ?? '1,2').split(',').map(Number);
const channels = (process.env.BENCH_CHANNELS ?? 'email,sms').split(',') as Channel[];
const goals: Record<Channel, number> = { email: 200, sms: 500 };
/** How long without a single new delivery before a run is declared stuck (lost messages are counted). */
const stallMs = 60_000;

type Channel = 'email' | 'sms';

type Row = {
  channel: Channel;
  workers: number;
  queuedPerSecond: number;
  perSecond: number;
  cpuMsPerMessage: number;
  lost: number;
  duplicates: number;
  notMarkedSent: number;
  peakRssMb: number[];
};

/** Where the messages go: a receiver that counts what it got, by message. */
type Receiver = {
  env: Record<string, string>;
  received(): number;
  distinct(): number;
  close(): Promise<void>;
};

export async function benchMessaging(postgresAdminUrl: string): Promise<void> {
  console.log(`\nTremplin bench messagerie — Node ${process.version}, ${messages} messages par mesure`);
  const load = loadavg()[0]!;
  console.log(`${availableParallelism()} cœurs, charge moyenne (1 min) ${load.toFixed(1)} avant la mesure`);
  if (load > availableParallelism() / 2) console.log('Attention : machine déjà chargée, débits peu fiables.');
  if (!(await isReachable(postgresAdminUrl))) {
    console.log(
      `PostgreSQL injoignable sur ${postgresAdminUrl.replace(/:[^:@/]*@/, ':***@')} : mesure ignorée.`,
    );
    return;
  }
  const rows: Row[] = [];
  for (const channel of channels) {
    for (const workers of workerCounts) {
      console.log(`  ${channel}, ${workers} worker(s)…`);
      rows.push(await benchChannel(postgresAdminUrl, channel, workers));
    }
  }

  console.log(
    `\n${formatTable(
      [
        'channel',
        'workers',
        'queued/s',
        'delivered/s',
        'worker CPU ms/msg',
        'lost',
        'duplicates',
        'not marked sent',
        'worker RSS MB (peak)',
      ],
      rows.map((r) => [
        r.channel,
        String(r.workers),
        r.queuedPerSecond.toFixed(0),
        r.perSecond.toFixed(0),
        r.cpuMsPerMessage.toFixed(2),
        String(r.lost),
        String(r.duplicates),
        String(r.notMarkedSent),
        r.peakRssMb.map((mb) => mb.toFixed(0)).join(' + '),
      ]),
    )}\n`,
  );
  for (const channel of channels) {
    const single = rows.find((r) => r.channel === channel && r.workers === 1);
    if (!single) continue;
    const verdict = single.perSecond >= goals[channel] ? 'atteint' : 'NON atteint';
    console.log(
      `Objectif ≥ ${goals[channel]} ${channel}/s avec un worker : ${verdict} (${single.perSecond.toFixed(0)}/s)`,
    );
  }
  const faults = rows.filter((r) => r.lost || r.duplicates || r.notMarkedSent);
  console.log(
    faults.length
      ? `Objectif zéro perte, zéro doublon : NON atteint (${faults.map((r) => `${r.channel} × ${r.workers}`).join(', ')})`
      : 'Objectif zéro perte, zéro doublon : atteint',
  );
}

async function benchChannel(postgresAdminUrl: string, channel: Channel, workerCount: number): Promise<Row> {
  const receiver = channel === 'email' ? await smtpReceiver() : await brevoReceiver();
  const fresh = await createFreshDatabase(postgresAdminUrl, 'tremplin_bench');
  const env = {
    NODE_ENV: 'production',
    BASE_URL: 'https://tremplin.bench.localhost',
    SECRET_KEY: randomBytes(32).toString('base64url'),
    DATABASE_URL: fresh.url,
    LOG_LEVEL: 'warn',
    ...receiver.env,
  };
  const database = await openPostgres(fresh.url, 4);
  let platform: Platform | undefined;
  const workers: WorkerProcess[] = [];
  try {
    await database.migrate();
    // This process queues; it runs no worker.
    platform = await assemblePlatform(loadConfig(env), database, []);
    const profile = process.env.BENCH_PROFILE;
    const nodeArgs = profile ? ['--cpu-prof', '--cpu-prof-dir', profile] : [];
    for (let i = 0; i < workerCount; i++) workers.push(startWorkerProcess(env, { nodeArgs }));
    await Promise.all(workers.map((w) => w.ready));
    const memory = workers.map((w) => watchPeakRss(w.pid));
    const cpuBefore = workers.map((w) => cpuSeconds(w.pid) ?? 0);

    const queuing = performance.now();
    await queueAll(platform, channel, messages);
    const queuedPerSecond = messages / ((performance.now() - queuing) / 1000);

    // Sampled every 20 ms: the first and last deliveries are known to within that.
    let first: number | undefined;
    let last = performance.now();
    let seen = 0;
    while (receiver.distinct() < messages && performance.now() - last < stallMs) {
      await new Promise((resolve) => setTimeout(resolve, 20));
      const now = receiver.received();
      if (now !== seen) {
        if (seen === 0) first = performance.now();
        seen = now;
        last = performance.now();
      }
    }
    const cpu = workers.reduce((sum, w, i) => sum + (cpuSeconds(w.pid) ?? 0) - cpuBefore[i]!, 0);
    // The last 'sent' marks follow the last deliveries by a few milliseconds.
    let notMarkedSent = messages;
    for (let tries = 0; tries < 50 && notMarkedSent > 0; tries++) {
      notMarkedSent = messages - (await countSent(platform));
      if (notMarkedSent > 0) await new Promise((resolve) => setTimeout(resolve, 200));
    }
    const distinct = receiver.distinct();
    const seconds = first === undefined ? 0 : (last - first) / 1000;
    return {
      channel,
      workers: workerCount,
      queuedPerSecond,
      perSecond: seconds > 0 ? (distinct - 1) / seconds : 0,
      cpuMsPerMessage: distinct ? (cpu * 1000) / distinct : 0,
      lost: messages - distinct,
      duplicates: receiver.received() - distinct,
      notMarkedSent,
      peakRssMb: memory.map((m) => m.stop()),
    };
  } finally {
    await Promise.all(workers.map((w) => w.stop()));
    if (platform) await closePlatform(platform);
    else await database.close();
    await fresh.drop();
    await receiver.close();
  }
}

async function smtpReceiver(): Promise<Receiver> {
  const smtp = await startSmtpSink();
  return {
    env: { SMTP_URL: smtp.url },
    received: () => smtp.received.length,
    distinct: () => smtp.distinct(),
    close: () => smtp.close(),
  };
}

/** The Brevo stand-in; each SMS names its message in its text ("SMS d'essai <reference>"). */
async function brevoReceiver(): Promise<Receiver> {
  const apiKey = randomBytes(16).toString('hex');
  const brevo = await startBrevoStandin({ apiKey });
  // Read incrementally: the loop that waits for the last SMS asks every 20 ms.
  const references = new Set<string | undefined>();
  let read = 0;
  const distinct = () => {
    for (; read < brevo.requests.length; read++) {
      const request = brevo.requests[read]!;
      const content = (request.body as { content?: string } | undefined)?.content ?? '';
      if (request.messageId !== undefined) references.add(/essai (\S+)\./.exec(content)?.[1]);
    }
    return references.size;
  };
  return {
    env: {
      // Production requires an SMTP server; no email is sent in this run.
      SMTP_URL: 'smtp://127.0.0.1:9',
      SMS_PROVIDER: 'brevo',
      BREVO_API_KEY: apiKey,
      BREVO_API_URL: brevo.apiUrl,
      SMS_WEBHOOK_SECRET: randomBytes(32).toString('hex'),
    },
    received: () => brevo.accepted(),
    distinct,
    close: () => brevo.close(),
  };
}

/** One transaction for all, committed after the workers are ready: they start from a full queue. */
async function queueAll(platform: Platform, channel: Channel, howMany: number): Promise<void> {
  const run = randomBytes(4).toString('hex');
  await platform.database.db.transaction(async (tx) => {
    for (let i = 0; i < howMany; i++) {
      const reference = `${run}-${i}`;
      await queueMessage(
        tx,
        platform.messaging,
        channel === 'email'
          ? {
              channel,
              template: CHECK_EMAIL_TEMPLATE,
              recipient: `agent-${i}@exemple.fr`,
              recipientName: `Agent ${i}`,
              data: { reference, requestedBy: 'le banc d’essai' },
              idempotencyKey: `bench:${reference}`,
            }
          : {
              channel,
              template: CHECK_SMS_TEMPLATE,
              recipient: `06${String(10_000_000 + i)}`,
              data: { reference },
              idempotencyKey: `bench:${reference}`,
              urgent: true,
            },
      );
    }
  });
}

async function countSent(platform: Platform): Promise<number> {
  const [row] = await platform.database.db
    .select({ n: count() })
    .from(outboxMessages)
    .where(eq(outboxMessages.status, 'sent'));
  return row!.n;
}
