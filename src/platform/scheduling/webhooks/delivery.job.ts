import type PgBoss from 'pg-boss';
import type { JobDefinition } from '../../jobs/registry.ts';
import type { Platform } from '../../platform.ts';
import { webhookSignature } from './signature.ts';
import { findDeliveryToSend, markAttemptFailed, markDelivered, markFailed } from './webhooks.repository.ts';

export const WEBHOOK_QUEUE = 'scheduling.webhook';
export const WEBHOOK_DEAD_QUEUE = 'scheduling.webhook-dead';

/** An endpoint that takes longer than this is counted as failed for this attempt (and retried). */
export const WEBHOOK_TIMEOUT_MS = 10_000;

/**
 * POSTs one appointment event to one endpoint (signature.ts describes the headers). A 2xx answer is
 * delivered; anything else (other status, timeout, refused connection) fails the job, and pg-boss
 * retries it with the shared policy (defaultRetryPolicy: 8 retries over about 2 h). After the last
 * retry the job lands in the dead-letter queue, whose job marks the delivery 'failed'. Redirects are
 * not followed: the address registered is the one called.
 */
export const webhookDeliveryJob: JobDefinition<{ deliveryId: string }> = {
  name: WEBHOOK_QUEUE,
  description: 'Appelle l’adresse web (webhook) d’une organisation pour un événement de rendez-vous.',
  queue: { deadLetter: WEBHOOK_DEAD_QUEUE },
  batchSize: 20,
  handler: (jobs, { platform, boss }) => deliverBatch(platform, boss, jobs),
};

export const webhookDeadLetterJob: JobDefinition<{ deliveryId: string }> = {
  name: WEBHOOK_DEAD_QUEUE,
  description: 'Marque « en échec » les appels de webhook dont tous les essais ont échoué.',
  batchSize: 50,
  async handler(jobs, { platform }) {
    for (const job of jobs) await markFailed(platform.database.db, job.data.deliveryId);
  },
};

export const webhookJobs = [webhookDeliveryJob, webhookDeadLetterJob] as JobDefinition[];

/** Calls in parallel (a slow endpoint does not hold up the others); failed jobs are failed one by one. */
async function deliverBatch(platform: Platform, boss: PgBoss, jobs: PgBoss.Job<{ deliveryId: string }>[]) {
  await Promise.all(
    jobs.map((job) =>
      deliverOne(platform, job.data.deliveryId).catch((error: Error) =>
        boss.fail(WEBHOOK_QUEUE, job.id, { message: error.message }),
      ),
    ),
  );
}

/** Sends one delivery; throws when it is to be tried again. */
export async function deliverOne(platform: Platform, deliveryId: string): Promise<void> {
  const db = platform.database.db;
  const delivery = await findDeliveryToSend(db, deliveryId);
  if (delivery?.status !== 'pending') return;
  if (!delivery.active) {
    await markAttemptFailed(db, deliveryId, {
      statusCode: null,
      error: 'adresse désactivée par l’organisation',
      final: true,
    });
    return;
  }
  const body = JSON.stringify(delivery.payload);
  const timestamp = Math.floor(Date.now() / 1000);
  let response: Response;
  try {
    response = await fetch(delivery.url, {
      method: 'POST',
      headers: {
        'content-type': 'application/json; charset=utf-8',
        'user-agent': 'Tremplin-Webhooks/1',
        'x-tremplin-event': delivery.event,
        'x-tremplin-delivery': delivery.id,
        'x-tremplin-timestamp': String(timestamp),
        'x-tremplin-signature': webhookSignature(delivery.secret, timestamp, body),
      },
      body,
      redirect: 'manual',
      signal: AbortSignal.timeout(WEBHOOK_TIMEOUT_MS),
    });
    // The body is not read: only the status matters. Cancelling it frees the connection.
    await response.body?.cancel().catch(() => {});
  } catch (error) {
    const cause = (error as Error).name === 'TimeoutError' ? 'pas de réponse en 10 s' : describeError(error);
    await markAttemptFailed(db, deliveryId, { statusCode: null, error: cause, final: false });
    throw new Error(`webhook ${delivery.url} : ${cause}`);
  }
  if (response.status >= 200 && response.status < 300) {
    await markDelivered(db, deliveryId, response.status, new Date());
    return;
  }
  const error = `réponse HTTP ${response.status}`;
  await markAttemptFailed(db, deliveryId, { statusCode: response.status, error, final: false });
  throw new Error(`webhook ${delivery.url} : ${error}`);
}

function describeError(error: unknown): string {
  const cause = (error as { cause?: { code?: string; message?: string } }).cause;
  return cause?.code ?? cause?.message ?? (error as Error).message;
}
