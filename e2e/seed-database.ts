import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { type Database, openPglite, openPostgres } from '../src/platform/db/client.ts';
import { createFreshDatabase, type FreshDatabase } from './postgres.ts';

/**
 * A database a browser test fills before its server starts: a fresh PostgreSQL one beside
 * E2E_DATABASE_URL, else PGlite files in a temporary folder. PGlite admits one process at a time, so
 * the test closes what it opened before starting the server, and stops the server before reading.
 */
export type SeedDatabase = {
  /** Opens it (migrated by the caller when new). */
  open(): Promise<Database>;
  /** What the server needs to use it. */
  serverEnv: Record<string, string>;
  drop(): Promise<void>;
};

export async function seedDatabase(name: string): Promise<SeedDatabase> {
  const adminUrl = process.env.E2E_DATABASE_URL;
  if (adminUrl) {
    const postgres: FreshDatabase = await createFreshDatabase(adminUrl, `tremplin_e2e_${name}`);
    return {
      open: () => openPostgres(postgres.url, 2),
      serverEnv: { DATABASE_URL: postgres.url },
      drop: () => postgres.drop(),
    };
  }
  const dataDir = await mkdtemp(path.join(tmpdir(), `tremplin-e2e-${name}-`));
  return {
    open: () => openPglite(dataDir),
    serverEnv: { DATA_DIR: dataDir },
    drop: () => rm(dataDir, { recursive: true, force: true }),
  };
}
