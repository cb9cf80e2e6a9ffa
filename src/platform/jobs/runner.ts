import type PgBoss from 'pg-boss';
import type { JobTiming } from '../config.ts';
import type { Platform } from '../platform.ts';
import { type JobDefinition, queuePolicy } from './registry.ts';

/**
 * Creates every job's queue (and its dead-letter queue) so that jobs can be sent, and, when `work`
 * is true, starts handling them in this process. Queue creation is idempotent: every instance and
 * every worker does it at start.
 */
export async function prepareQueues(boss: PgBoss, jobs: JobDefinition[], timing: JobTiming): Promise<void> {
  for (const job of jobs) {
    if (job.queue?.deadLetter) await boss.createQueue(job.queue.deadLetter, { name: job.queue.deadLetter });
    const options = { name: job.name, ...queuePolicy(timing), ...job.queue };
    await boss.createQueue(job.name, options);
    // createQueue leaves an existing queue as it was: apply this version's policy and configuration.
    await boss.updateQueue(job.name, options);
  }
}

export async function startWorking(platform: Platform, jobs: JobDefinition[]): Promise<void> {
  const { boss } = platform.messaging;
  for (const job of jobs) {
    const batchSize = job.batchSize ?? 1;
    let workerId: string | undefined;
    workerId = await boss.work<Record<string, unknown>>(
      job.name,
      { batchSize, pollingIntervalSeconds: 0.5, includeMetadata: true },
      async (batch) => {
        await job.handler(batch, { platform, boss });
        // pg-boss waits out the polling interval (0.5 s) after a batch, which caps a worker at one
        // batch per interval (40 emails/s with batches of 20). A full batch means more are probably
        // waiting: fetch again at once. An empty queue is still polled only every 0.5 s.
        if (batch.length === batchSize && workerId) boss.notifyWorker(workerId);
      },
    );
    if (job.schedule) await boss.schedule(job.name, job.schedule, {}, { tz: 'Europe/Paris' });
  }
}
