import { getTableColumns, sql } from 'drizzle-orm';
import type { PgInsertValue, PgTable } from 'drizzle-orm/pg-core';
import type { Db } from '../../../platform/db/client.ts';

/**
 * Inserts many rows in few statements: the rows travel as one JSON parameter that the database turns
 * into records of the table (jsonb_populate_recordset). On PGlite this is much faster than a
 * multi-row VALUES with thousands of bound parameters.
 *
 * A column a row leaves out must keep its default, not become null, so rows are sent in groups that
 * set the same columns (one group in the usual case).
 */
export async function insertMany<T extends PgTable>(tx: Db, table: T, rows: PgInsertValue<T>[]) {
  const groups = new Map<string, Record<string, unknown>[]>();
  for (const row of rows) {
    const defined = Object.fromEntries(Object.entries(row).filter(([, value]) => value !== undefined));
    const signature = Object.keys(defined).sort().join(',');
    const group = groups.get(signature) ?? [];
    group.push(defined);
    groups.set(signature, group);
  }
  for (const group of groups.values()) await insertGroup(tx, table, group);
}

async function insertGroup(tx: Db, table: PgTable, rows: Record<string, unknown>[]) {
  const keys = new Set(Object.keys(rows[0]!));
  const columns = Object.entries(getTableColumns(table)).filter(([key]) => keys.has(key));
  const records = rows.map((row) =>
    Object.fromEntries(columns.map(([key, column]) => [column.name, toJson(row[key])])),
  );
  const names = sql.join(
    columns.map(([, column]) => sql.identifier(column.name)),
    sql`, `,
  );
  await tx.execute(
    sql`insert into ${table} (${names}) select ${names} from jsonb_populate_recordset(null::${table}, ${JSON.stringify(records)}::jsonb)`,
  );
}

/** Instants as ISO strings; the database reads them back as timestamptz. */
function toJson(value: unknown): unknown {
  return value instanceof Date ? value.toISOString() : value;
}
