import type { JobDefinition } from '../../../platform/jobs/registry.ts';
import { staleCallsJob } from '../stats/stale-calls.job.ts';
import { retentionJob } from './retention.job.ts';

/**
 * The module's scheduled jobs: the nightly retention (privacy/retention.job.ts) and, listed here
 * because index.ts takes the module's jobs from this list, the quarter-hourly end of calls left open
 * (stats/stale-calls.job.ts: it keeps the lost-call rate true).
 */
// biome-ignore lint/suspicious/noExplicitAny: each job checks its own data type; a list mixes them
export const privacyJobs: JobDefinition<any>[] = [retentionJob, staleCallsJob];
