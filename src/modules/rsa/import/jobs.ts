import type { JobDefinition } from '../../../platform/jobs/registry.ts';
import { applyImport, IMPORT_QUEUE, noteImportError } from './import.service.ts';

/**
 * Applies a confirmed import (import.service.ts, applyImport) in batches, each batch in its own
 * transaction with the import's progress, so the page shows it and a retry resumes where it stopped.
 * A 37,000-row file takes well under a minute; 15 minutes before pg-boss hands the job to another
 * worker leaves room for a slow database without two workers on one import for long (and even then
 * the import's row lock makes the second skip the batches the first wrote).
 */
export const applyImportJob: JobDefinition<{ importId: string }> = {
  name: IMPORT_QUEUE,
  description: 'Applique un fichier d’allocataires RSA confirmé par un agent (créations, mises à jour).',
  queue: { expireInSeconds: 15 * 60 },
  batchSize: 1,
  async handler(jobs, { platform }) {
    for (const job of jobs) {
      try {
        await applyImport(platform.database.db, job.data.importId);
      } catch (error) {
        const lastAttempt = job.retryCount >= job.retryLimit;
        await noteImportError(platform.database.db, job.data.importId, error as Error, lastAttempt).catch(
          () => {},
        );
        throw error;
      }
    }
  },
};

// biome-ignore lint/suspicious/noExplicitAny: each job checks its own data type; a list mixes them
export const importJobs: JobDefinition<any>[] = [applyImportJob];
