import { randomBytes } from 'node:crypto';
import { eq } from 'drizzle-orm';
import type { Db } from '../../../platform/db/client.ts';
import { organisations } from '../../../platform/tenancy/tables.ts';
import { newOrganisation } from '../../../platform/testing/factories.ts';
import { rsaInvitationPath } from '../invitation-link.ts';
import { beneficiaries, invitations } from '../tables.ts';

/**
 * Small factories for the RSA tests: rows written directly (no rules applied), every column
 * overridable, so a test sets up exactly the situation it checks.
 */
const unique = () => randomBytes(4).toString('hex');

export async function newBeneficiary(db: Db, values: Partial<typeof beneficiaries.$inferInsert> = {}) {
  const organisationId = values.organisationId ?? (await newOrganisation(db)).id;
  let territoryId = values.territoryId;
  if (!territoryId) {
    const [organisation] = await db
      .select({ territoryId: organisations.territoryId })
      .from(organisations)
      .where(eq(organisations.id, organisationId));
    territoryId = organisation!.territoryId!;
  }
  const id = unique();
  const [row] = await db
    .insert(beneficiaries)
    .values({
      lastName: `Allocataire ${id}`,
      firstName: 'Sacha',
      allocataireNumber: `${Number.parseInt(id, 16)}`,
      birthDate: '1990-05-17',
      phone: '+33612345678',
      email: `allocataire-${id}@exemple.fr`,
      address: '12 rue des Lilas',
      postalCode: '83500',
      communeCode: '83126',
      communeName: 'La Seyne-sur-Mer',
      rightsOpenedOn: '2030-01-15',
      ...values,
      organisationId,
      territoryId,
    })
    .returning();
  return row!;
}

/** An invitation (by SMS, valid 10 days from `sentAt` unless told) and its personal link. */
export async function newInvitation(
  db: Db,
  secretKey: string,
  values: Partial<typeof invitations.$inferInsert> & { beneficiaryId: string; organisationId: string },
) {
  const sentAt = values.sentAt ?? new Date();
  const [row] = await db
    .insert(invitations)
    .values({
      kind: 'invitation',
      channel: 'sms',
      sentAt,
      expiresAt: new Date(sentAt.getTime() + 10 * 86_400_000),
      ...values,
    })
    .returning();
  return { invitation: row!, path: rsaInvitationPath(secretKey, row!.id, row!.expiresAt) };
}
