import type { JobDefinition } from '../jobs/registry.ts';

/** The booking engine's background jobs: reminders 48 h before, webhook deliveries. */
// biome-ignore lint/suspicious/noExplicitAny: each job checks its own data type; a list mixes them
export const schedulingJobs: JobDefinition<any>[] = [];
