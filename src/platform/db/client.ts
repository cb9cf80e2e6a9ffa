import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { PGlite } from '@electric-sql/pglite';
import { btree_gist } from '@electric-sql/pglite/contrib/btree_gist';
import type { ExtractTablesWithRelations } from 'drizzle-orm';
import { drizzle as drizzleNodePg } from 'drizzle-orm/node-postgres';
import { migrate as migrateNodePg } from 'drizzle-orm/node-postgres/migrator';
import type { PgDatabase, PgQueryResultHKT, PgTransaction } from 'drizzle-orm/pg-core';
import { drizzle as drizzlePglite } from 'drizzle-orm/pglite';
import { migrate as migratePglite } from 'drizzle-orm/pglite/migrator';
import pg from 'pg';
import { lockDataDir } from './lock.ts';

/** The query builder every repository receives; the same type on PGlite and PostgreSQL. */
export type Db = PgDatabase<PgQueryResultHKT, Record<string, never>>;
export type Tx = PgTransaction<
  PgQueryResultHKT,
  Record<string, never>,
  ExtractTablesWithRelations<Record<string, never>>
>;

export type Database = {
  db: Db;
  kind: 'pglite' | 'postgres';
  /** Applies the committed SQL migrations; safe to call from several processes at once. */
  migrate(): Promise<void>;
  /** Answers true when the database replies to a trivial query. */
  ping(): Promise<boolean>;
  close(): Promise<void>;
  /** Set for PGlite: pg-boss and tools that need the raw client use it. */
  pglite?: PGlite;
  /** Set for PostgreSQL. */
  pool?: pg.Pool;
};

export const migrationsFolder = path.resolve(
  path.dirname(fileURLToPath(import.meta.url)),
  '../../../migrations',
);

/** An arbitrary number shared by every Tremplin process: they take it in turn to migrate. */
const MIGRATION_LOCK_ID = 742_015_001;

export class DatabaseUnreachableError extends Error {}

export async function openPostgres(url: string, poolSize = 10): Promise<Database> {
  const pool = new pg.Pool({ connectionString: url, max: poolSize, connectionTimeoutMillis: 5000 });
  pool.on('error', () => {}); // an idle client dropped by the server is replaced on next use
  try {
    await pool.query('select 1');
  } catch (error) {
    await pool.end().catch(() => {});
    throw new DatabaseUnreachableError(
      `Impossible de joindre PostgreSQL (${redactUrl(url)}) : ${(error as Error).message}`,
    );
  }
  const db = drizzleNodePg(pool) as unknown as Db;
  return {
    db,
    kind: 'postgres',
    pool,
    async migrate() {
      // A dedicated connection holds the advisory lock so that two instances starting together don't race.
      const client = new pg.Client({ connectionString: url });
      await client.connect();
      try {
        await client.query('select pg_advisory_lock($1)', [MIGRATION_LOCK_ID]);
        await migrateNodePg(drizzleNodePg(client), { migrationsFolder });
      } finally {
        await client.query('select pg_advisory_unlock($1)', [MIGRATION_LOCK_ID]).catch(() => {});
        await client.end();
      }
    },
    ping: () =>
      pool.query('select 1').then(
        () => true,
        () => false,
      ),
    close: () => pool.end(),
  };
}

/**
 * `dataDir` undefined gives an in-memory database (tests). `loadDataDir`, a tarball made by
 * PGlite's dumpDataDir, gives a new database that starts as a copy of the dumped one (tests load a
 * migrated template, see testing/global-setup.ts).
 */
export async function openPglite(
  dataDir: string | undefined,
  { loadDataDir }: { loadDataDir?: Blob } = {},
): Promise<Database> {
  const release = dataDir ? lockDataDir(dataDir) : () => {};
  let client: PGlite;
  try {
    // btree_gist backs the appointments' exclusion constraint (migrations/0005_scheduling.sql).
    // shared_buffers: PostgreSQL's default 128 MB is held in WebAssembly memory, on top of the OS
    // cache that already keeps PGlite's files; 32 MB takes ~110 MB off the process (measured RSS
    // after opening: 504–533 MB → 417–419 MB). PGlite rewrites postgresql.conf at each start.
    const options = { extensions: { btree_gist }, loadDataDir, postgresqlconf: 'shared_buffers = 32MB\n' };
    client = dataDir
      ? await PGlite.create(path.join(dataDir, 'pglite'), options)
      : await PGlite.create(options);
  } catch (error) {
    release();
    throw error;
  }
  const db = drizzlePglite(client) as unknown as Db;
  return {
    db,
    kind: 'pglite',
    pglite: client,
    migrate: async () => {
      await migratePglite(drizzlePglite(client), { migrationsFolder });
    },
    ping: () =>
      client.query('select 1').then(
        () => true,
        () => false,
      ),
    async close() {
      try {
        if (!client.closed) await client.close();
      } finally {
        release();
      }
    },
  };
}

export function openDatabase(options: {
  databaseUrl?: string;
  dataDir: string;
  poolSize?: number;
}): Promise<Database> {
  return options.databaseUrl
    ? openPostgres(options.databaseUrl, options.poolSize)
    : openPglite(options.dataDir);
}

function redactUrl(url: string): string {
  return url.replace(/\/\/([^:@/]+):[^@/]+@/, '//$1:***@');
}
