import type PgBoss from 'pg-boss';
import type { Db } from '../db/client.ts';
import { transactionDb } from '../jobs/boss.ts';
import type { JobDefinition } from '../jobs/registry.ts';
import type { Platform } from '../platform.ts';
import { type OutboxMessage, PermanentSendError, type SendResult } from './channels.ts';
import {
  claimMessages,
  findMessagesBeingSent,
  holdMessage,
  markAttemptFailed,
  markDead,
  markSentMany,
  territoryNameOf,
} from './outbox.repository.ts';

export const DELIVER_QUEUE = 'messaging.deliver';
export const DEAD_LETTER_QUEUE = 'messaging.dead';

/**
 * Jobs a worker takes at once, and messages of them in flight at once. Measured with `npm run bench --
 * messaging` (PostgreSQL, 2 shared cores): batches of 20 with 10 in flight sent 40 emails/s per worker,
 * pg-boss taking one batch per polling interval (0.5 s; runner.ts now fetches again at once after a
 * full batch); 100 with 50 in flight send ~275 emails/s (5 SMTP connections) and ~860 SMS/s. A batch
 * takes seconds, well inside the claim (60 s).
 */
const BATCH_SIZE = 100;
const CONCURRENCY = 50;

/**
 * Sends queued messages. A job that throws is retried by pg-boss (shared retry policy); after the
 * last retry it lands in the dead-letter queue. A worker killed mid-send leaves its jobs active and
 * its claims on their messages: the jobs expire (shared policy, 2 min), the claims too (half that),
 * and the retries send them.
 */
export const deliverJob: JobDefinition<{ messageId: string }> = {
  name: DELIVER_QUEUE,
  description: 'Envoie un message de la boîte d’envoi : courriel, SMS ou lettre.',
  queue: { deadLetter: DEAD_LETTER_QUEUE },
  batchSize: BATCH_SIZE,
  handler: (jobs, { platform, boss }) => deliverBatch(platform, boss, jobs),
};

export const deadLetterJob: JobDefinition<{ messageId: string }> = {
  name: DEAD_LETTER_QUEUE,
  description: 'Marque « en échec » les messages dont tous les essais ont échoué, pour les administrateurs.',
  batchSize: 50,
  async handler(jobs, { platform }) {
    for (const job of jobs) await markDead(platform.database.db, job.data.messageId);
  },
};

/**
 * Sends a batch of jobs: one statement claims all their messages, then CONCURRENCY lanes send them,
 * each marked sent as soon as its provider took it (the narrowest window in which a crash can cause a
 * resend). The jobs that must be tried again are failed one by one; pg-boss completes the others.
 */
async function deliverBatch(
  platform: Platform,
  boss: PgBoss,
  jobs: PgBoss.Job<{ messageId: string }>[],
): Promise<void> {
  const db = platform.database.db;
  const { messaging } = platform;
  const jobsOf = new Map<string, string[]>();
  for (const job of jobs) jobsOf.set(job.data.messageId, [...(jobsOf.get(job.data.messageId) ?? []), job.id]);
  // Failures are few: one call per job keeps the error message with each.
  const fail = (messageIds: string[], error: Error) =>
    Promise.all(
      messageIds
        .flatMap((id) => jobsOf.get(id)!)
        .map((jobId) => boss.fail(DELIVER_QUEUE, jobId, { message: error.message })),
    );

  // Sends start only in the first half of the claim, by this process's clock counted from before the
  // claim: a send that started is never overtaken by a retry taking the message over.
  const startBy = Date.now() + (messaging.claimSeconds * 1000) / 2;
  const claimed = await claimMessages(db, [...jobsOf.keys()], messaging.claimSeconds);
  // Not claimed: already sent, failed or invalid, and the job is done; or still held by another worker
  // (this job is a retry of one that expired while that worker was slow or just died), and completing
  // now would leave the message `sending` for ever if that worker is gone: try again after its claim.
  const taken = new Set(claimed.map((m) => m.id));
  const busy = await findMessagesBeingSent(
    db,
    [...jobsOf.keys()].filter((id) => !taken.has(id)),
  );
  if (busy.length) await fail(busy, new Error('message en cours d’envoi par un autre worker : nouvel essai'));

  // One lookup per territory or organisation in the batch, not one per message (bulk sends share one).
  const names = new Map<string, Promise<string | null>>();
  const territoryName = (message: OutboxMessage) => {
    const key = `${message.territoryId}/${message.organisationId}`;
    if (!names.has(key)) names.set(key, territoryNameOf(db, message));
    return names.get(key)!;
  };
  const markSent = groupedMarks(db);
  const pending = [...claimed];
  const lane = async () => {
    for (let message = pending.shift(); message; message = pending.shift()) {
      const current = message;
      await sendClaimed(platform, current, { territoryName, markSent, startBy }).catch((error: Error) =>
        fail([current.id], error),
      );
    }
  };
  await Promise.all(Array.from({ length: Math.min(CONCURRENCY, claimed.length) }, lane));
}

/** Renders and sends one claimed message and records the outcome; throws when it is to be retried. */
async function sendClaimed(
  platform: Platform,
  message: OutboxMessage,
  options: {
    territoryName(message: OutboxMessage): Promise<string | null>;
    markSent(id: string, result: SendResult): Promise<void>;
    startBy: number;
  },
): Promise<void> {
  const db = platform.database.db;
  const { messaging } = platform;
  try {
    if (Date.now() > options.startBy) throw new Error('pas envoyé à temps dans son lot : nouvel essai');
    const template = messaging.templates.get(message.template);
    const context = { territoryName: await options.territoryName(message), baseUrl: messaging.baseUrl };
    const rendered = template.render(message.data as never, context);
    const content = template.channel === 'email' ? { ...rendered, essential: template.essential } : rendered;
    const sender = messaging.channels.get(message.channel);
    if (!sender) throw new PermanentSendError(`aucun fournisseur configuré pour le canal ${message.channel}`);
    const holdUntil = sender.holdUntil?.(message, messaging.clock());
    if (holdUntil) {
      // Back in the queue with a new job for that time, in one transaction; this job is done.
      await db.transaction(async (tx) => {
        await holdMessage(tx, message.id, holdUntil, 'retenu jusqu’à la fin des heures calmes (20 h – 8 h)');
        await messaging.boss.send(
          DELIVER_QUEUE,
          { messageId: message.id },
          { db: transactionDb(tx), startAfter: holdUntil },
        );
      });
      return;
    }
    await options.markSent(message.id, await sender.send(message, content));
  } catch (error) {
    if (error instanceof PermanentSendError) {
      await markAttemptFailed(db, message.id, 'failed', error.message);
      return;
    }
    await markAttemptFailed(db, message.id, 'retrying', (error as Error).message);
    throw error;
  }
}

/**
 * Records sends in groups: the sends that finish while one UPDATE is on its way go together in the
 * next. A busy worker thus writes one statement for many messages (one instead of one per message:
 * the worker's CPU per SMS fell by a third), and an idle one writes each at once. No delay is added:
 * a sent message waits at most for the statement on its way, then its own; a crash in that window
 * means the message is sent again (same Message-ID), never lost.
 */
function groupedMarks(db: Db) {
  type Mark = { id: string; result: SendResult; resolve(): void; reject(error: unknown): void };
  let waiting: Mark[] = [];
  let writing = false;
  const write = async () => {
    writing = true;
    while (waiting.length) {
      const group = waiting;
      waiting = [];
      await markSentMany(db, group).then(
        () => {
          for (const mark of group) mark.resolve();
        },
        (error) => {
          for (const mark of group) mark.reject(error);
        },
      );
    }
    writing = false;
  };
  return (id: string, result: SendResult) =>
    new Promise<void>((resolve, reject) => {
      waiting.push({ id, result, resolve, reject });
      if (!writing) void write();
    });
}

export const messagingJobs = [deliverJob, deadLetterJob] as JobDefinition[];
