import { randomBytes } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import type { FastifyInstance } from 'fastify';
import pg from 'pg';
import { inject } from 'vitest';
import { buildApp } from '../app.ts';
import { assemblePlatform, closePlatform } from '../assemble.ts';
import { type Config, loadConfig } from '../config.ts';
import { type Database, openPglite, openPostgres } from '../db/client.ts';
import type { TremplinModule } from '../modules.ts';
import type { Platform } from '../platform.ts';

/**
 * Test databases. With TEST_DATABASE_URL (npm run test:pg) each test file gets a fresh PostgreSQL
 * database created for it and dropped after; without it, a fresh in-memory PGlite. Either starts as
 * a copy of the migrated template that global-setup.ts made for the run (outside vitest, with no
 * template, it starts empty and is migrated here).
 */
export async function openTestDatabase(): Promise<{
  database: Database;
  databaseUrl?: string;
  drop(): Promise<void>;
}> {
  const adminUrl = process.env.TEST_DATABASE_URL;
  if (!adminUrl) {
    const database = await openPglite(undefined, { loadDataDir: await pgliteTemplate() });
    await database.migrate(); // nothing left to apply on the template: a quick check that it is current
    return { database, drop: () => database.close() };
  }
  const name = `tremplin_test_${randomBytes(6).toString('hex')}`;
  const template = process.env.VITEST ? inject('postgresTemplate') : undefined;
  const admin = new pg.Client({ connectionString: adminUrl });
  await admin.connect();
  await admin.query(`create database ${name}${template ? ` template ${template}` : ''}`);
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

async function pgliteTemplate(): Promise<Blob | undefined> {
  const file = process.env.VITEST ? inject('pgliteTemplate') : undefined;
  if (!file) return undefined;
  try {
    return new Blob([await readFile(file)]);
  } catch (error) {
    // Removed by a run with other migrations that started since: this file migrates its own.
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw error;
  }
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
