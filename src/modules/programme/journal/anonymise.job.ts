import type { JobDefinition } from '../../../platform/jobs/registry.ts';
import { anonymiseEndedCohorts } from './anonymise.service.ts';

export const ANONYMISE_INTERVIEWS_QUEUE = 'programme.anonymise-interviews';

/**
 * Every night at 03:30 (Europe/Paris), the interviews of the cohorts that ended are anonymised
 * (anonymise.service.ts says what goes and what stays). `now` comes from the job's data when given
 * (tests), from the messaging clock otherwise.
 */
export const anonymiseInterviewsJob: JobDefinition<{ now?: string }> = {
  name: ANONYMISE_INTERVIEWS_QUEUE,
  description:
    'Anonymise les entretiens des saisons terminées : noms et coordonnées effacés, notes effacées sans consentement.',
  schedule: '30 3 * * *',
  batchSize: 1,
  async handler(jobs, { platform }) {
    for (const job of jobs) {
      const now = job.data?.now ? new Date(job.data.now) : platform.messaging.clock();
      await anonymiseEndedCohorts(platform.database.db, now);
    }
  },
};
