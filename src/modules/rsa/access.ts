import { eq } from 'drizzle-orm';
import { recordAudit } from '../../platform/audit/audit.ts';
import type { Actor } from '../../platform/auth/actor.ts';
import type { Db } from '../../platform/db/client.ts';
import { forbidden, notFound } from '../../platform/errors.ts';
import { type Caller, isUuid } from '../../platform/tenancy/caller.ts';
import { canRsa, type RsaAction } from './policy.ts';
import { beneficiaries } from './tables.ts';

export type Beneficiary = typeof beneficiaries.$inferSelect;

export const NOT_FOUND = 'Cette personne n’existe pas ou vous n’y avez pas accès.';

/**
 * A beneficiary the actor may act on, or null — the same answer whether the record does not exist or
 * belongs to another territory, so routes answer 404 and nothing leaks. Anonymised records are gone
 * for everyone.
 */
export async function beneficiaryFor(
  db: Db,
  actor: Actor,
  beneficiaryId: string,
  action: RsaAction,
): Promise<Beneficiary | null> {
  const [row] = await db.select().from(beneficiaries).where(eq(beneficiaries.id, beneficiaryId));
  if (!row || row.anonymisedAt) return null;
  return canRsa(actor, action, row) ? row : null;
}

/**
 * The beneficiary a page is about. Someone who may not even see the person gets 404, whether the
 * record does not exist or belongs to someone else (then the attempt is audited as denied, naming
 * where the record belongs, never what it holds). A read-only member who sees the person but asks
 * for a change (`rsa.manage`, `rsa.configure`) is refused with 403.
 */
export async function openBeneficiary(
  db: Db,
  caller: Caller,
  id: string,
  action: RsaAction = 'rsa.view',
): Promise<Beneficiary> {
  const beneficiary = isUuid(id) ? await beneficiaryFor(db, caller.actor, id, 'rsa.view') : null;
  if (!beneficiary) {
    const [owner] = isUuid(id)
      ? await db
          .select({ organisationId: beneficiaries.organisationId, territoryId: beneficiaries.territoryId })
          .from(beneficiaries)
          .where(eq(beneficiaries.id, id))
      : [];
    if (owner) await auditDenial(db, caller, id, owner, action);
    throw notFound(NOT_FOUND);
  }
  if (action !== 'rsa.view' && !canRsa(caller.actor, action, beneficiary)) {
    await auditDenial(db, caller, id, beneficiary, action);
    throw forbidden('Les membres en lecture seule consultent les dossiers mais ne les modifient pas.');
  }
  return beneficiary;
}

async function auditDenial(
  db: Db,
  caller: Caller,
  id: string,
  owner: { organisationId: string; territoryId: string },
  wanted: RsaAction,
): Promise<void> {
  await recordAudit(db, caller.audit, {
    action: 'denied',
    resourceType: 'rsa_beneficiary',
    resourceId: id,
    organisationId: owner.organisationId,
    territoryId: owner.territoryId,
    details: { wanted },
  });
}
