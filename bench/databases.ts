import { availableParallelism, loadavg } from 'node:os';
import { createFreshDatabase, isReachable } from '../e2e/postgres.ts';
import { type Database, openPglite, openPostgres } from '../src/platform/db/client.ts';

/**
 * What every benchmark does around its measures: say how loaded the machine is, choose the databases
 * (BENCH_DATABASES, default « pglite,postgres »; PostgreSQL only when it answers), and open each one
 * migrated, then close it (a fresh PostgreSQL database, created beside the administrative URL, is
 * dropped after).
 */

export type DatabaseKind = 'pglite' | 'postgres';
export const databaseLabels: Record<DatabaseKind, string> = { pglite: 'PGlite', postgres: 'PostgreSQL' };

/** Cores and load before measuring, with a warning when figures will be unreliable. */
export function printMachineLoad(unreliable = 'chiffres peu fiables'): void {
  const load = loadavg()[0]!;
  console.log(`${availableParallelism()} cœurs, charge moyenne (1 min) ${load.toFixed(1)} avant la mesure`);
  if (load > availableParallelism() / 2) console.log(`Attention : machine déjà chargée, ${unreliable}.`);
}

/** Says that PostgreSQL was not measured (the password hidden). */
export function printPostgresUnreachable(postgresAdminUrl: string): void {
  console.log(
    `PostgreSQL injoignable sur ${postgresAdminUrl.replace(/:[^:@/]*@/, ':***@')} : mesure ignorée.`,
  );
}

/**
 * The databases to measure, PGlite first. PostgreSQL's reachability is checked only when PGlite's
 * turn is over (`for await`), so the messages come in the order the measures run.
 */
export async function* benchDatabases(postgresAdminUrl: string): AsyncGenerator<DatabaseKind> {
  const wanted = (process.env.BENCH_DATABASES ?? 'pglite,postgres').split(',');
  if (wanted.includes('pglite')) yield 'pglite';
  if (!wanted.includes('postgres')) return;
  if (await isReachable(postgresAdminUrl)) yield 'postgres';
  else printPostgresUnreachable(postgresAdminUrl);
}

/**
 * Runs `measure` on a migrated database of that kind, closed after: PGlite in memory, or persisted in
 * `pgliteDir` when given; PostgreSQL a fresh database (pool of 10) dropped after.
 */
export async function withBenchDatabase<T>(
  kind: DatabaseKind,
  postgresAdminUrl: string,
  measure: (database: Database) => Promise<T>,
  options: { pgliteDir?: string } = {},
): Promise<T> {
  if (kind === 'pglite') {
    const pglite = await openPglite(options.pgliteDir);
    try {
      await pglite.migrate();
      return await measure(pglite);
    } finally {
      await pglite.close();
    }
  }
  const fresh = await createFreshDatabase(postgresAdminUrl, 'tremplin_bench');
  const postgres = await openPostgres(fresh.url, 10);
  try {
    await postgres.migrate();
    return await measure(postgres);
  } finally {
    await postgres.close();
    await fresh.drop();
  }
}
