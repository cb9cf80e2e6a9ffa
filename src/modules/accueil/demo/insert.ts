import { getTableColumns, sql } from 'drizzle-orm';
import type { PgInsertValue, PgTable } from 'drizzle-orm/pg-core';
import type { Db } from '../../../platform/db/client.ts';

/**
 * One statement per table: the rows travel as one JSON parameter that PostgreSQL turns into records
 * (jsonb_populate_recordset), much faster on PGlite than thousands of bound parameters. Columns no row
 * sets keep their defaults. Buffers go as bytea's hex text ('\x…'), dates as ISO strings.
 */
export async function insertAll<T extends PgTable>(
  tx: Db,
  table: T,
  values: PgInsertValue<T>[],
): Promise<void> {
  if (values.length === 0) return;
  const given = new Set(values.flatMap((row) => Object.keys(row)));
  const columns = Object.entries(getTableColumns(table)).filter(([key]) => given.has(key));
  const records = values.map((row) =>
    Object.fromEntries(
      columns.map(([key, column]) => {
        const value = (row as Record<string, unknown>)[key] ?? null;
        return [column.name, Buffer.isBuffer(value) ? `\\x${value.toString('hex')}` : value];
      }),
    ),
  );
  const names = sql.join(
    columns.map(([, column]) => sql.identifier(column.name)),
    sql`, `,
  );
  await tx.execute(
    sql`insert into ${table} (${names}) select ${names} from jsonb_populate_recordset(null::${table}, ${JSON.stringify(records)}::jsonb)`,
  );
}
