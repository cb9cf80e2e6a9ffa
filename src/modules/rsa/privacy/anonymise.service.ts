import { recordAudit, systemActor } from '../../../platform/audit/audit.ts';
import type { Db } from '../../../platform/db/client.ts';
import { anonymiseBeneficiary, findDueForAnonymisation } from './anonymise.repository.ts';

const BATCH = 200;

/**
 * Anonymises every beneficiary whose last activity is older than their organisation's retention,
 * one person per transaction (the erasure and its line in the audit trail, written as the system).
 * Idempotent: an anonymised record is never selected again, so a second run — or a second worker
 * running at the same time — finds nothing left to do.
 */
export async function anonymiseInactiveBeneficiaries(
  db: Db,
  now: Date,
  batchSize = BATCH,
): Promise<{ anonymised: number }> {
  let anonymised = 0;
  for (;;) {
    const due = await findDueForAnonymisation(db, now, batchSize);
    for (const person of due) {
      const done = await db.transaction(async (tx) => {
        if (!(await anonymiseBeneficiary(tx, person, now))) return false;
        await recordAudit(tx, systemActor, {
          action: 'delete',
          resourceType: 'rsa_beneficiary',
          resourceId: person.id,
          organisationId: person.organisationId,
          territoryId: person.territoryId,
          details: {
            anonymisation: true,
            retentionMonths: person.retentionMonths,
            lastActivityAt: person.lastActivityAt.toISOString(),
          },
        });
        return true;
      });
      if (done) anonymised++;
    }
    if (due.length < batchSize) break;
  }
  return { anonymised };
}
