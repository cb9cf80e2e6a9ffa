import type PgBoss from 'pg-boss';
import type { Platform } from '../platform.ts';
import { defaultRetryPolicy, type JobDefinition } from './registry.ts';

/**
 * Creates every job's queue (and its dead-letter queue) so that jobs can be sent, and, when `work`
 * is true, starts handling them in this process. Queue creation is idempotent: every instance and
 * every worker does it at start.
 */
export async function prepareQueues(boss: PgBoss, jobs: JobDefinition[]): Promise<void> {
  for (const job of jobs) {
    if (job.queue?.deadLetter) await boss.createQueue(job.queue.deadLetter, { name: job.queue.deadLetter });
    await boss.createQueue(job.name, { name: job.name, ...defaultRetryPolicy, ...job.queue });
  }
}

export async function startWorking(platform: Platform, jobs: JobDefinition[]): Promise<void> {
  const { boss } = platform.messaging;
  for (const job of jobs) {
    await boss.work<Record<string, unknown>>(
      job.name,
      { batchSize: job.batchSize ?? 1, pollingIntervalSeconds: 0.5 },
      (batch) => job.handler(batch, { platform, boss }),
    );
    if (job.schedule) await boss.schedule(job.name, job.schedule, {}, { tz: 'Europe/Paris' });
  }
}
