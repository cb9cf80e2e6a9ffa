import { eq } from 'drizzle-orm';
import type { Actor } from '../../platform/auth/actor.ts';
import type { Db } from '../../platform/db/client.ts';
import { canRsa, type RsaAction } from './policy.ts';
import { beneficiaries } from './tables.ts';

export type Beneficiary = typeof beneficiaries.$inferSelect;

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
