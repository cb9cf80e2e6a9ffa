import { and, asc, count, eq, inArray, like } from 'drizzle-orm';
import type { Db } from '../db/client.ts';
import { organisations, territories } from './tables.ts';

export type TerritoryKind = (typeof territories.$inferSelect)['kind'];
export type Territory = typeof territories.$inferSelect;

/** Every territory with its number of organisations, by name (operators only: no personal data). */
export async function listTerritories(db: Db) {
  return db
    .select({
      id: territories.id,
      slug: territories.slug,
      kind: territories.kind,
      code: territories.code,
      name: territories.name,
      createdAt: territories.createdAt,
      organisationCount: count(organisations.id),
    })
    .from(territories)
    .leftJoin(organisations, eq(organisations.territoryId, territories.id))
    .groupBy(territories.id)
    .orderBy(asc(territories.name));
}

/** The territories of the given ids ('all' for operators), for a form's select. */
export async function listTerritoriesIn(db: Db, scope: 'all' | string[]) {
  if (scope !== 'all' && scope.length === 0) return [];
  return db
    .select({ id: territories.id, slug: territories.slug, name: territories.name })
    .from(territories)
    .where(scope === 'all' ? undefined : inArray(territories.id, scope))
    .orderBy(asc(territories.name));
}

export async function findTerritoryById(db: Db, id: string): Promise<Territory | undefined> {
  const [row] = await db.select().from(territories).where(eq(territories.id, id)).limit(1);
  return row;
}

export async function findTerritoryByKindAndCode(
  db: Db,
  kind: TerritoryKind,
  code: string,
): Promise<Territory | undefined> {
  const [row] = await db
    .select()
    .from(territories)
    .where(and(eq(territories.kind, kind), eq(territories.code, code)))
    .limit(1);
  return row;
}

/** Slugs already used that start with `prefix` (to pick a free one). */
export async function territorySlugsStartingWith(db: Db, prefix: string): Promise<Set<string>> {
  const rows = await db
    .select({ slug: territories.slug })
    .from(territories)
    .where(like(territories.slug, `${escapeLike(prefix)}%`));
  return new Set(rows.map((r) => r.slug));
}

/** Inserts a territory; undefined when its slug or its kind and code were taken meanwhile. */
export async function insertTerritory(
  db: Db,
  values: { slug: string; kind: TerritoryKind; code: string; name: string },
): Promise<Territory | undefined> {
  const [row] = await db.insert(territories).values(values).onConflictDoNothing().returning();
  return row;
}

export async function countTerritories(db: Db): Promise<number> {
  const [row] = await db.select({ n: count() }).from(territories);
  return Number(row?.n ?? 0);
}

export function escapeLike(value: string): string {
  return value.replace(/[\\%_]/g, (c) => `\\${c}`);
}
