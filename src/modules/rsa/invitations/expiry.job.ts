import type { JobDefinition } from '../../../platform/jobs/registry.ts';
import type { Platform } from '../../../platform/platform.ts';
import { setBeneficiaryStatus } from '../status.ts';
import { expiredInvitations, stopReminders } from './invitations.repository.ts';

export const RSA_EXPIRY_QUEUE = 'rsa.invitation-expiry';
const BATCH = 200;

/**
 * Every 15 minutes: an invitation past its expiry with nothing booked turns its person « invitation
 * expirée » — only if they are still « invitation envoyée » (a person who booked, or whose record an
 * agent moved on, keeps their status). The agents then see them in the list, to invite again or convoke.
 */
export const invitationExpiryJob: JobDefinition<{ now?: string }> = {
  name: RSA_EXPIRY_QUEUE,
  description: 'RSA : passe en « invitation expirée » les personnes invitées qui n’ont rien réservé à temps.',
  schedule: '*/15 * * * *',
  batchSize: 1,
  async handler(jobs, { platform }) {
    for (const job of jobs) {
      const now = job.data?.now ? new Date(job.data.now) : platform.messaging.clock();
      await expireInvitations(platform, now);
    }
  },
};

export async function expireInvitations(platform: Platform, now: Date): Promise<{ expired: number }> {
  const db = platform.database.db;
  let expired = 0;
  for (;;) {
    const rows = await expiredInvitations(db, now, BATCH);
    if (rows.length === 0) break;
    await db.transaction(async (tx) => {
      for (const row of rows) {
        await stopReminders(tx, row.invitationId);
        if (
          await setBeneficiaryStatus(tx, row.beneficiaryId, 'invitation_expiree', {
            by: 'systeme',
            reason: 'Invitation expirée sans rendez-vous pris',
            at: now,
          })
        )
          expired++;
      }
    });
    if (rows.length < BATCH) break;
  }
  return { expired };
}
