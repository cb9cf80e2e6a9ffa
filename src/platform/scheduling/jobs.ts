import type { JobDefinition } from '../jobs/registry.ts';
import { remindersJob } from './reminders.job.ts';
import { webhookJobs } from './webhooks/delivery.job.ts';

/** The booking engine's background jobs: reminders 48 h before, webhook deliveries. */
// biome-ignore lint/suspicious/noExplicitAny: each job checks its own data type; a list mixes them
export const schedulingJobs: JobDefinition<any>[] = [
  remindersJob, // reminders.job.ts: email and SMS 48 h before, every 15 minutes
  ...webhookJobs, // webhooks/delivery.job.ts: calls and their dead letters
];
