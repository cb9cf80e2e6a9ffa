import type { Db } from '../../db/client.ts';
import { appointmentTypes, places } from '../tables.ts';

/** Small factories for the settings tests: a place and an appointment type of an organisation. */

export async function newPlace(
  db: Db,
  organisationId: string,
  values: Partial<typeof places.$inferInsert> = {},
) {
  const [row] = await db
    .insert(places)
    .values({
      organisationId,
      name: 'Maison des solidarités',
      address: '1 rue de la République',
      communeCode: '83126',
      ...values,
    })
    .returning();
  return row!;
}

export async function newAppointmentType(
  db: Db,
  organisationId: string,
  values: Partial<typeof appointmentTypes.$inferInsert> = {},
) {
  const [row] = await db
    .insert(appointmentTypes)
    .values({ organisationId, name: 'Premier rendez-vous d’orientation RSA', durationMinutes: 45, ...values })
    .returning();
  return row!;
}
