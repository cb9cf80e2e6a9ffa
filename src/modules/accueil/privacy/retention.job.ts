import type { JobDefinition } from '../../../platform/jobs/registry.ts';
import { applyRetention } from './retention.service.ts';

export const RETENTION_QUEUE = 'accueil.retention';

/**
 * Every night at 03:30 (Paris), each line's voicemails and callers' numbers past their retention are
 * deleted (retention.service.ts). `now` comes from the job's data when given (tests), from the
 * messaging clock otherwise.
 */
export const retentionJob: JobDefinition<{ now?: string }> = {
  name: RETENTION_QUEUE,
  description:
    'Accueil téléphonique : efface les messages vocaux (30 jours par défaut) et les numéros des appelants (90 jours par défaut) passé leur durée de conservation.',
  schedule: '30 3 * * *',
  batchSize: 1,
  // A first run on a line with a long history may touch many rows (one transaction per line).
  queue: { expireInSeconds: 30 * 60 },
  async handler(jobs, { platform }) {
    for (const job of jobs) {
      const now = job.data?.now ? new Date(job.data.now) : platform.messaging.clock();
      await applyRetention(platform.database.db, now);
    }
  },
};
