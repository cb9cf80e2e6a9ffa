import { randomBytes } from 'node:crypto';
import type { FastifyInstance } from 'fastify';
import pg from 'pg';
import { buildApp } from '../app.ts';
import { assemblePlatform, closePlatform } from '../assemble.ts';
import { type Config, loadConfig } from '../config.ts';
import { type Database, openPglite, openPostgres } from '../db/client.ts';
import type { TremplinModule } from '../modules.ts';
import type { Platform } from '../platform.ts';

/**
 * Test databases. With TEST_DATABASE_URL (npm run test:pg) each test file gets a fresh PostgreSQL
 * database created for it and dropped after; without it, a fresh in-memory PGlite.
 */
export async function openTestDatabase(): Promise<{
  database: Database;
  databaseUrl?: string;
  drop(): Promise<void>;
}> {
  const adminUrl = process.env.TEST_DATABASE_URL;
  if (!adminUrl) {
    const database = await openPglite(undefined);
    await database.migrate();
    return { database, drop: () => database.close() };
  }
  const name = `tremplin_test_${randomBytes(6).toString('hex')}`;
  const admin = new pg.Client({ connectionString: adminUrl });
  await admin.connect();
  await admin.query(`create database ${name}`);
  await admin.end();
  const url = new URL(adminUrl);
  url.pathname = `/${name}`;
  const database = await openPostgres(url.toString(), 5);
  await database.migrate();
  return {
    database,
    databaseUrl: url.toString(),
    async drop() {
      await database.close();
      const cleanup = new pg.Client({ connectionString: adminUrl });
      await cleanup.connect();
      await cleanup.query(`drop database if exists ${name} with (force)`);
      await cleanup.end();
    },
  };
}

export function testConfig(overrides: Record<string, string> = {}): Config {
  return loadConfig({
    NODE_ENV: 'test',
    BASE_URL: 'http://localhost:3000',
    SEED_DEMO: 'false',
    ...overrides,
  });
}

export type TestContext = {
  app: FastifyInstance;
  platform: Platform;
  databaseUrl?: string;
  close(): Promise<void>;
};

/**
 * A whole app on a fresh database, as `npm start` builds it, without listening on a port.
 * A module's tests pass their module; the platform's tests need none.
 */
export async function startTestApp(
  overrides: Record<string, string> = {},
  modules: TremplinModule[] = [],
): Promise<TestContext> {
  const { database, databaseUrl, drop } = await openTestDatabase();
  const config = testConfig(overrides);
  const platform: Platform = await assemblePlatform(config, database, modules);
  const app = await buildApp(platform, { modules });
  await app.ready();
  return {
    app,
    platform,
    databaseUrl,
    async close() {
      await app.close();
      await closePlatform(platform, { keepDatabase: true });
      await drop();
    },
  };
}
