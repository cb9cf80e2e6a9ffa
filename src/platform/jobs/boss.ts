import { type SQL, sql } from 'drizzle-orm';
import PgBoss from 'pg-boss';
import type { Database, Db } from '../db/client.ts';

/**
 * pg-boss on either database. On PostgreSQL it shares the app's pool; on PGlite it goes through
 * the one embedded client, with parameterless multi-statement SQL sent to exec() (pg-boss issues
 * such SQL when it installs its schema; see ../shared/notes/stack.md).
 */
export function createBoss(database: Database, options: Partial<PgBoss.ConstructorOptions> = {}): PgBoss {
  const executeSql = database.pglite
    ? (text: string, values?: unknown[]) => {
        const client = database.pglite!;
        return values?.length
          ? client.query(text, values as unknown[])
          : client.exec(text).then((results) => results.at(-1) ?? { rows: [] });
      }
    : (text: string, values?: unknown[]) => database.pool!.query(text, values as unknown[]);
  return new PgBoss({
    db: { executeSql: executeSql as PgBoss.Db['executeSql'] },
    schema: 'pgboss',
    ...options,
  });
}

/**
 * Lets pg-boss write its job row inside a Drizzle transaction, so the job exists if and only if the
 * business change (and its outbox row) commits. pg-boss's numbered parameters become Drizzle params.
 */
export function transactionDb(tx: Db): PgBoss.Db {
  return {
    async executeSql(text: string, values: unknown[] = []) {
      const result = await tx.execute(toDrizzleSql(text, values));
      return { rows: (result as unknown as { rows: unknown[] }).rows };
    },
  };
}

export function toDrizzleSql(text: string, values: unknown[]): SQL {
  const parts = text.split(/\$(\d+)/);
  const chunks: SQL[] = parts.map((part, index) =>
    // undefined must become NULL: Drizzle leaves an undefined parameter out of the query.
    index % 2 === 0 ? sql.raw(part) : sql`${values[Number(part) - 1] ?? null}`,
  );
  return sql.join(chunks);
}
