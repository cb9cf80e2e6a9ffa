import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openTestDatabase } from '../testing/harness.ts';
import { type Database, openPostgres } from './client.ts';

describe(`database (${process.env.TEST_DATABASE_URL ? 'PostgreSQL' : 'PGlite'})`, () => {
  let database: Database;
  let databaseUrl: string | undefined;
  let drop: () => Promise<void>;
  beforeAll(async () => {
    ({ database, databaseUrl, drop } = await openTestDatabase());
  });
  afterAll(() => drop());

  it('applies the committed migrations, and applying them again changes nothing', async () => {
    const count = async () => {
      const result = await database.db.execute(
        sql`select count(*)::int as n from drizzle.__drizzle_migrations`,
      );
      return (result as unknown as { rows: { n: number }[] }).rows[0]!;
    };
    const before = await count();
    expect(before.n).toBeGreaterThan(0);
    await database.migrate();
    expect(await count()).toEqual(before);
  });

  it('answers the health ping', async () => {
    expect(await database.ping()).toBe(true);
  });

  it.runIf(process.env.TEST_DATABASE_URL)('lets several instances migrate at the same time', async () => {
    const others = await Promise.all([openPostgres(databaseUrl!, 2), openPostgres(databaseUrl!, 2)]);
    await Promise.all([...others.map((o) => o.migrate()), database.migrate()]);
    await Promise.all(others.map((o) => o.close()));
  });
});
