import type { JobDefinition } from '../../../platform/jobs/registry.ts';
import type { Platform } from '../../../platform/platform.ts';
import { setBeneficiaryStatus } from '../status.ts';
import { awaitingDecision } from './invitations.repository.ts';

export const RSA_AWAITING_DECISION_QUEUE = 'rsa.awaiting-decision';
/** An hour after the end: time for the référent to mark the meeting before the list flags it. */
export const DECISION_GRACE_MS = 3_600_000;
const BATCH = 200;

/**
 * Every 15 minutes: a person « RDV pris » whose orientation appointment ended more than an hour ago
 * and is still « à venir » in the agenda (nobody said vu, absent or excusé) becomes « RDV à statuer »,
 * so that the agents' list shows who is waiting for a word from the référent.
 */
export const awaitingDecisionJob: JobDefinition<{ now?: string }> = {
  name: RSA_AWAITING_DECISION_QUEUE,
  description: 'RSA : signale « RDV à statuer » les rendez-vous d’orientation passés sans statut.',
  schedule: '*/15 * * * *',
  batchSize: 1,
  async handler(jobs, { platform }) {
    for (const job of jobs) {
      const now = job.data?.now ? new Date(job.data.now) : platform.messaging.clock();
      await flagAppointmentsAwaitingDecision(platform, now);
    }
  },
};

export async function flagAppointmentsAwaitingDecision(
  platform: Platform,
  now: Date,
): Promise<{ flagged: number }> {
  const db = platform.database.db;
  const endedBefore = new Date(now.getTime() - DECISION_GRACE_MS);
  let flagged = 0;
  for (;;) {
    const rows = await awaitingDecision(db, endedBefore, BATCH);
    if (rows.length === 0) break;
    await db.transaction(async (tx) => {
      for (const row of rows) {
        if (
          await setBeneficiaryStatus(tx, row.id, 'rdv_a_statuer', {
            by: 'systeme',
            reason: 'Rendez-vous d’orientation passé sans statut',
            at: now,
          })
        )
          flagged++;
      }
    });
    if (rows.length < BATCH) break;
  }
  return { flagged };
}
