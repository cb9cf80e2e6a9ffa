import type { JobDefinition } from '../../../platform/jobs/registry.ts';
import { INVITATION_RUN_QUEUE, noteRunError, processInvitationRun } from './run.service.ts';
import { RunTaken } from './runs.repository.ts';

/**
 * Sends a bulk invitation of more than 50 people in the background (run.service.ts). 2,000 people take
 * well under a minute; 15 minutes before pg-boss hands the job to another worker leaves room for a slow
 * database (and even then the run's row lock makes the second worker leave the people the first counted).
 * A failure is retried with the shared policy; each attempt goes on after the last committed batch.
 */
export const invitationRunJob: JobDefinition<{ runId: string }> = {
  name: INVITATION_RUN_QUEUE,
  description: 'Envoie en arrière-plan une invitation RSA groupée de plus de 50 personnes.',
  queue: { expireInSeconds: 15 * 60 },
  batchSize: 1,
  async handler(jobs, { platform }) {
    for (const job of jobs) {
      try {
        await processInvitationRun(platform, job.data.runId);
      } catch (error) {
        // Another worker holds the run: the job is done here, the other finishes it.
        if (error instanceof RunTaken) continue;
        const lastAttempt = job.retryCount >= job.retryLimit;
        await noteRunError(platform.database.db, job.data.runId, error as Error, lastAttempt).catch(() => {});
        throw error;
      }
    }
  },
};
