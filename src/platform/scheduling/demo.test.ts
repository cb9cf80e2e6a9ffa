import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Database } from '../db/client.ts';
import { seedDemoTenancy } from '../tenancy/demo.ts';
import { openTestDatabase } from '../testing/harness.ts';
import { RSA_ORIENTATION_TYPE, seedDemoScheduling } from './demo.ts';
import {
  appointmentParticipants,
  appointments,
  appointmentTypes,
  openingSlots,
  places,
  sectorCommunes,
} from './tables.ts';

describe('scheduling demo', () => {
  let database: Database;
  let drop: () => Promise<void>;
  beforeAll(async () => {
    ({ database, drop } = await openTestDatabase());
    await seedDemoTenancy(database.db);
  });
  afterAll(() => drop());

  const count = async (
    table: typeof places | typeof appointments | typeof openingSlots | typeof sectorCommunes,
  ) => (await database.db.select().from(table)).length;

  it('offers the RSA orientation appointment in five places of the Var, and seeding again changes nothing', async () => {
    await seedDemoScheduling(database.db, new Date('2027-03-24T10:00:00Z'));
    const [orientation] = await database.db
      .select()
      .from(appointmentTypes)
      .where(eq(appointmentTypes.name, RSA_ORIENTATION_TYPE));
    expect(orientation).toMatchObject({ bookableBy: 'everyone', durationMinutes: 45, location: 'sur_place' });
    const insertionPlaces = await database.db
      .select()
      .from(places)
      .where(eq(places.organisationId, orientation!.organisationId));
    expect(insertionPlaces.map((p) => p.communeCode).sort()).toEqual([
      '83023',
      '83050',
      '83061',
      '83126',
      '83137',
    ]);
    // The Direction de l'insertion serves the 153 communes of the Var, the UTS two of them.
    expect(await count(sectorCommunes)).toBe(155);
    const before = [await count(places), await count(openingSlots), await count(appointments)];
    expect(before[2]).toBe(6);

    await seedDemoScheduling(database.db, new Date('2027-04-02T10:00:00Z'));
    expect([await count(places), await count(openingSlots), await count(appointments)]).toEqual(before);
  });

  it('gives the agenda people with past and coming appointments', async () => {
    const statuses = (await database.db.select().from(appointmentParticipants)).map((p) => p.status).sort();
    expect(statuses).toEqual(['a_venir', 'a_venir', 'a_venir', 'absent', 'vu']);
  });
});
