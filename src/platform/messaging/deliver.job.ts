import type { JobDefinition } from '../jobs/registry.ts';
import type { Platform } from '../platform.ts';
import { PermanentSendError } from './channels.ts';
import { claimMessage, markAttemptFailed, markDead, markSent, territoryNameOf } from './outbox.repository.ts';

export const DELIVER_QUEUE = 'messaging.deliver';
export const DEAD_LETTER_QUEUE = 'messaging.dead';

/** Messages sent at once by one worker: SMTP and SMS APIs answer in tens of milliseconds each. */
const CONCURRENCY = 10;

/**
 * Sends queued messages. A job that throws is retried by pg-boss (shared retry policy); after the
 * last retry it lands in the dead-letter queue. A worker killed mid-send leaves its job active and
 * its claim on the message: the job expires (2 min), the claim too (1 min), and the retry sends it.
 */
export const deliverJob: JobDefinition<{ messageId: string }> = {
  name: DELIVER_QUEUE,
  description: 'Envoie un message de la boîte d’envoi : courriel, SMS ou lettre.',
  queue: { deadLetter: DEAD_LETTER_QUEUE, expireInSeconds: 120 },
  batchSize: 20,
  async handler(jobs, { platform, boss }) {
    const pending = [...jobs];
    const work = async () => {
      for (let job = pending.shift(); job; job = pending.shift()) {
        const current = job;
        await deliverMessage(platform, current.data.messageId).catch((error: Error) =>
          boss.fail(DELIVER_QUEUE, current.id, { message: error.message }),
        );
      }
    };
    await Promise.all(Array.from({ length: Math.min(CONCURRENCY, jobs.length) }, work));
  },
};

export const deadLetterJob: JobDefinition<{ messageId: string }> = {
  name: DEAD_LETTER_QUEUE,
  description: 'Marque « en échec » les messages dont tous les essais ont échoué, pour les administrateurs.',
  batchSize: 50,
  async handler(jobs, { platform }) {
    for (const job of jobs) await markDead(platform.database.db, job.data.messageId);
  },
};

export async function deliverMessage(platform: Platform, messageId: string): Promise<void> {
  const db = platform.database.db;
  const { messaging } = platform;
  const message = await claimMessage(db, messageId, messaging.claimSeconds);
  if (!message) return; // already sent, invalid, or in the hands of a live worker
  try {
    const template = messaging.templates.get(message.template);
    const context = { territoryName: await territoryNameOf(db, message), baseUrl: messaging.baseUrl };
    const rendered = template.render(message.data as never, context);
    const content = template.channel === 'email' ? { ...rendered, essential: template.essential } : rendered;
    const sender = messaging.channels.get(message.channel);
    if (!sender) throw new PermanentSendError(`aucun fournisseur configuré pour le canal ${message.channel}`);
    await markSent(db, message.id, await sender.send(message, content));
  } catch (error) {
    if (error instanceof PermanentSendError) {
      await markAttemptFailed(db, message.id, 'failed', error.message);
      return;
    }
    await markAttemptFailed(db, message.id, 'retrying', (error as Error).message);
    throw error;
  }
}

export const messagingJobs = [deliverJob, deadLetterJob] as JobDefinition[];
