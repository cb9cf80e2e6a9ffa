import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Database } from '../db/client.ts';
import { findPlace } from '../geo/administrative.ts';
import { openTestDatabase } from '../testing/harness.ts';
import { seedDemoTenancy } from './demo.ts';
import { agents, memberships, organisations, territories } from './tables.ts';

describe('demo seed', () => {
  let database: Database;
  let drop: () => Promise<void>;
  beforeAll(async () => {
    ({ database, drop } = await openTestDatabase());
  });
  afterAll(() => drop());

  const snapshot = async () => {
    const { db } = database;
    const sort = <T>(rows: T[]) => rows.map((r) => JSON.stringify(r)).sort();
    return {
      territories: sort(await db.select().from(territories)),
      organisations: sort(await db.select().from(organisations)),
      agents: sort(await db.select().from(agents)),
      memberships: sort(await db.select().from(memberships)),
    };
  };

  it('loads the 2019 partners and changes nothing when run again', async () => {
    await seedDemoTenancy(database.db);
    const first = await snapshot();
    expect(first.territories).toHaveLength(2);
    expect(first.organisations).toHaveLength(5);
    expect(first.agents.length).toBeGreaterThanOrEqual(10);
    const names = (await database.db.select({ name: organisations.name }).from(organisations)).map(
      (o) => o.name,
    );
    expect(names).toEqual(
      expect.arrayContaining(['UTS de La Seyne-sur-Mer', 'Direction de l’insertion', 'CCAS de Pau']),
    );

    await seedDemoTenancy(database.db);
    expect(await snapshot()).toEqual(first);
  });

  it('names its territories as the administration pages would (official map)', async () => {
    await seedDemoTenancy(database.db);
    for (const territory of await database.db.select().from(territories)) {
      const place = findPlace(territory.kind, territory.code);
      const officialName =
        place?.kind === 'departement'
          ? place.departement.officialName
          : place?.kind === 'epci'
            ? place.epci.officialName
            : place?.commune.officialName;
      expect(territory.name).toBe(officialName);
    }
  });

  it('gives its territories no logo: we may not ship the real ones, operators upload them', async () => {
    await seedDemoTenancy(database.db);
    const rows = await database.db
      .select({ logo: territories.logo, updatedAt: territories.logoUpdatedAt })
      .from(territories);
    expect(rows).toEqual([
      { logo: null, updatedAt: null },
      { logo: null, updatedAt: null },
    ]);
  });
});
