import { recordAudit } from '../../../platform/audit/audit.ts';
import type { Db } from '../../../platform/db/client.ts';
import { notFound } from '../../../platform/errors.ts';
import { type Caller, isUuid } from '../../../platform/tenancy/caller.ts';
import { type Beneficiary, beneficiaryFor } from '../access.ts';
import type { RsaAction } from '../policy.ts';
import { findBeneficiaryOwner } from './orientation.repository.ts';

/**
 * The beneficiary a page is about, or 404 — the same answer for a record that does not exist, one
 * of another territory and an anonymised one. When the record exists but the caller may not act on
 * it, the attempt is written to the audit trail (with where the record belongs, never what it holds).
 */
export async function openBeneficiary(
  db: Db,
  caller: Caller,
  beneficiaryId: string,
  action: RsaAction,
): Promise<Beneficiary> {
  if (!isUuid(beneficiaryId)) throw notFound();
  const beneficiary = await beneficiaryFor(db, caller.actor, beneficiaryId, action);
  if (beneficiary) return beneficiary;
  const owner = await findBeneficiaryOwner(db, beneficiaryId);
  if (owner) {
    await recordAudit(db, caller.audit, {
      action: 'denied',
      resourceType: 'rsa_beneficiary',
      resourceId: beneficiaryId,
      organisationId: owner.organisationId,
      territoryId: owner.territoryId,
      details: { wanted: action },
    });
  }
  throw notFound();
}
