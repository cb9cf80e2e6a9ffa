import type { JobDefinition } from '../../../platform/jobs/registry.ts';
import { advanceCall } from '../calls/calls.service.ts';
import { endStaleCalls, staleCallIds } from './stale-calls.repository.ts';

export const STALE_CALLS_QUEUE = 'accueil.appels-sans-fin';

/**
 * A call left open this long has lost its end (a crashed server, a lost BYE): no call to a UTS lasts
 * two hours, and a transferred call that did is not lost anyway (its outcome is kept).
 */
export const STALE_AFTER_MS = 2 * 3_600_000;

/**
 * Every quarter of an hour, the calls still open two hours after they started are ended, so that they
 * never stay « en cours » for ever: with a callback ticket when the caller's number is known (as a
 * caller hanging up), counted as lost otherwise (stale-calls.repository.ts). `now`
 * comes from the job's data when given (tests), from the messaging clock otherwise.
 */
export const staleCallsJob: JobDefinition<{ now?: string }> = {
  name: STALE_CALLS_QUEUE,
  description:
    'Accueil téléphonique : clôt les appels restés ouverts plus de deux heures (serveur arrêté, fin d’appel jamais reçue), comptés alors comme perdus.',
  schedule: '*/15 * * * *',
  batchSize: 1,
  async handler(jobs, { platform }) {
    for (const job of jobs) {
      const now = job.data?.now ? new Date(job.data.now) : platform.messaging.clock();
      const startedBefore = new Date(now.getTime() - STALE_AFTER_MS);
      // First as if the caller had hung up now: the flow opens the callback ticket a known number is
      // owed (a server that crashed mid-call must not lose the caller). What is left is closed as is.
      for (const id of await staleCallIds(platform.database.db, startedBefore)) {
        await advanceCall(platform, id, { type: 'hangup', at: now });
      }
      await endStaleCalls(platform.database.db, startedBefore);
    }
  },
};
