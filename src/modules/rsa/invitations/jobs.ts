import type { JobDefinition } from '../../../platform/jobs/registry.ts';

// Being written (issue 5): this part's background jobs.
// biome-ignore lint/suspicious/noExplicitAny: each job checks its own data type; a list mixes them
export const invitationsJobs: JobDefinition<any>[] = [];
