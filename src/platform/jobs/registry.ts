import type PgBoss from 'pg-boss';
import type { JobTiming } from '../config.ts';
import type { Platform } from '../platform.ts';

/**
 * One background job: its queue name, what it does in a sentence, its queue options and its handler.
 * Each lives in its own file; the platform's and the modules' are listed where the worker starts.
 */
export type JobDefinition<Data = Record<string, unknown>> = {
  name: string;
  description: string;
  queue?: Omit<PgBoss.Queue, 'name'>;
  /** Jobs fetched together; the handler decides per job (boss.fail for the ones that failed). */
  batchSize?: number;
  /** Cron in Europe/Paris, for scheduled jobs (reminders, digests). */
  schedule?: string;
  /** Jobs come with their retry count and limit: retryCount === retryLimit is the last attempt. */
  handler(jobs: PgBoss.JobWithMetadata<Data>[], context: JobContext): Promise<void>;
};

export type JobContext = { platform: Platform; boss: PgBoss };

/**
 * The shared retry policy. 8 retries with exponential backoff from 30 s (30 s, 1 min, 2 min … about
 * 2 h in all) ride out an SMTP or SMS provider outage of a couple of hours; past that a person should
 * look, so the job goes to its dead-letter queue and shows up for admins.
 */
export const defaultRetryPolicy = { retryLimit: 8, retryDelay: 30, retryBackoff: true } as const;

/**
 * Every queue's policy unless its job says otherwise: the retries above, from the configured first
 * delay (JOBS_RETRY_DELAY_SECONDS, 30 s by default as above; tests shorten it), and an expiry
 * (JOBS_EXPIRE_SECONDS, 2 min by default): our jobs send a message or queue a few, in seconds, so one
 * still active after 2 min has lost its worker (crash, kill -9) and pg-boss hands it to another. A job
 * that legitimately runs longer sets its own expireInSeconds in its definition.
 */
export function queuePolicy(timing: Pick<JobTiming, 'retryDelaySeconds' | 'expireSeconds'>) {
  return {
    ...defaultRetryPolicy,
    retryDelay: timing.retryDelaySeconds,
    expireInSeconds: timing.expireSeconds,
  };
}
