import type { JobDefinition } from '../../../platform/jobs/registry.ts';

// Placeholder while this part is being written (issue 7).
export const privacyJobs: JobDefinition<never>[] = [];
