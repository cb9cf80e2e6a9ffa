import { randomBytes } from 'node:crypto';
import { eq } from 'drizzle-orm';
import type { Db } from '../../../platform/db/client.ts';
import { places } from '../../../platform/scheduling/tables.ts';
import { newBookableSetup, newSectorCommune } from '../../../platform/scheduling/testing.ts';
import { newAgent, signInAs } from '../../../platform/testing/factories.ts';
import { ORIENTATION_CATEGORY } from '../appointment-sync.ts';
import { beneficiaries } from '../tables.ts';

/**
 * Test factories of the invitations: an organisation that receives RSA orientation appointments
 * (newBookableSetup with a type of the « Orientation RSA » category bookable from an invitation, open
 * every day 08:00–18:00 at a place of La Seyne-sur-Mer, sectorised to it) and beneficiaries in it.
 */
export const LA_SEYNE = { code: '83126', postalCode: '83500', name: 'La Seyne-sur-Mer' };

export async function newOrientationSetup(
  db: Db,
  options: { openings?: boolean; bookableBy?: 'invited' | 'everyone' | 'agents' } = {},
) {
  const setup = await newBookableSetup(db, {
    type: {
      category: ORIENTATION_CATEGORY,
      name: 'Premier entretien d’orientation RSA',
      bookableBy: options.bookableBy ?? 'invited',
      durationMinutes: 45,
      minBookingDelayMinutes: 60,
    },
    agents: options.openings === false ? 0 : 1,
  });
  await db.update(places).set({ phone: '04 94 00 00 00' }).where(eq(places.id, setup.place.id));
  await newSectorCommune(db, { organisationId: setup.organisation.id, communeCode: LA_SEYNE.code });
  const admin = await newAgent(db, {
    memberships: [{ organisationId: setup.organisation.id, role: 'admin' }],
  });
  const worker = await newAgent(db, {
    memberships: [{ organisationId: setup.organisation.id, role: 'agent' }],
  });
  return {
    ...setup,
    territoryId: setup.organisation.territoryId!,
    admin,
    worker,
    workerCookie: await signInAs(db, worker.id),
  };
}

export async function newBeneficiary(
  db: Db,
  values: Partial<typeof beneficiaries.$inferInsert> & { organisationId: string; territoryId: string },
) {
  const id = randomBytes(3).toString('hex');
  const [row] = await db
    .insert(beneficiaries)
    .values({
      lastName: `Martin-${id}`,
      firstName: 'Sophie',
      birthDate: '1990-05-04',
      address: '12 avenue de la République',
      postalCode: LA_SEYNE.postalCode,
      communeCode: LA_SEYNE.code,
      communeName: LA_SEYNE.name,
      phone: '+33612345678',
      email: `sophie.${id}@exemple.fr`,
      rightsOpenedOn: '2030-02-01',
      ...values,
    })
    .returning();
  return row!;
}
