import { randomBytes } from 'node:crypto';
import { eq } from 'drizzle-orm';
import type { Db } from '../../../platform/db/client.ts';
import { organisations } from '../../../platform/tenancy/tables.ts';
import { newOrganisation } from '../../../platform/testing/factories.ts';
import { beneficiaries, beneficiaryStatusChanges } from '../tables.ts';

/**
 * A beneficiary inserted as is (no rules applied), for any RSA test. Only the organisation is needed:
 * the territory is the organisation's own (a new organisation in a new territory when none is given).
 * A status other than « non invité » also writes the history line that leads to it, so the person's
 * page and the statistics see the same journey as after a real change.
 */
export async function newBeneficiary(
  db: Db,
  values: Partial<typeof beneficiaries.$inferInsert> = {},
): Promise<typeof beneficiaries.$inferSelect> {
  const id = randomBytes(4).toString('hex');
  const organisationId = values.organisationId ?? (await newOrganisation(db)).id;
  let territoryId = values.territoryId;
  if (!territoryId) {
    const [organisation] = await db
      .select({ territoryId: organisations.territoryId })
      .from(organisations)
      .where(eq(organisations.id, organisationId));
    if (!organisation?.territoryId) throw new Error('newBeneficiary: the organisation has no territory');
    territoryId = organisation.territoryId;
  }
  const [row] = await db
    .insert(beneficiaries)
    .values({
      allocataireNumber: String(Number.parseInt(id, 16) % 10_000_000).padStart(7, '0'),
      lastName: `Bénéficiaire ${id}`,
      firstName: 'Claude',
      birthDate: '1985-04-12',
      address: '12 rue de la République',
      postalCode: '83500',
      communeCode: '83126',
      communeName: 'La Seyne-sur-Mer',
      phone: '+33612345678',
      email: `beneficiaire-${id}@exemple.fr`,
      rightsOpenedOn: '2025-01-15',
      ...values,
      organisationId,
      territoryId,
    })
    .returning();
  if (row!.status !== 'non_invite') {
    await db.insert(beneficiaryStatusChanges).values({
      beneficiaryId: row!.id,
      fromStatus: 'non_invite',
      toStatus: row!.status,
      changedBy: 'systeme',
      changedAt: row!.statusChangedAt,
    });
  }
  return row!;
}
