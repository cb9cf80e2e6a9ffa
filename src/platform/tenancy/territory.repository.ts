import { and, asc, count, eq, getTableColumns, inArray, like } from 'drizzle-orm';
import type { Db } from '../db/client.ts';
import { organisations, territories } from './tables.ts';

export type TerritoryKind = (typeof territories.$inferSelect)['kind'];

/** Every column but the logo's bytes, which only the logo route reads (up to 200 Ko a row). */
const { logo: _logoBytes, ...territoryColumns } = getTableColumns(territories);
export type Territory = Omit<typeof territories.$inferSelect, 'logo'>;

/** Every territory with its number of organisations, by name (operators only: no personal data). */
export async function listTerritories(db: Db) {
  return db
    .select({
      id: territories.id,
      slug: territories.slug,
      kind: territories.kind,
      code: territories.code,
      name: territories.name,
      logoUpdatedAt: territories.logoUpdatedAt,
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
  const [row] = await db.select(territoryColumns).from(territories).where(eq(territories.id, id)).limit(1);
  return row;
}

export async function findTerritoryBySlug(db: Db, slug: string): Promise<Territory | undefined> {
  const [row] = await db
    .select(territoryColumns)
    .from(territories)
    .where(eq(territories.slug, slug))
    .limit(1);
  return row;
}

export async function findTerritoryByKindAndCode(
  db: Db,
  kind: TerritoryKind,
  code: string,
): Promise<Territory | undefined> {
  const [row] = await db
    .select(territoryColumns)
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
  const [row] = await db.insert(territories).values(values).onConflictDoNothing().returning(territoryColumns);
  return row;
}

/** The logo's bytes and type, for the logo route; undefined when the territory or its logo is missing. */
export async function findTerritoryLogo(
  db: Db,
  slug: string,
): Promise<{ data: Buffer; contentType: string; updatedAt: Date } | undefined> {
  const [row] = await db
    .select({
      data: territories.logo,
      contentType: territories.logoContentType,
      updatedAt: territories.logoUpdatedAt,
    })
    .from(territories)
    .where(eq(territories.slug, slug))
    .limit(1);
  if (!row?.data || !row.contentType || !row.updatedAt) return undefined;
  return { data: row.data, contentType: row.contentType, updatedAt: row.updatedAt };
}

/** Sets the logo (all three columns at once, as the check constraint requires), or removes it with null. */
export async function setTerritoryLogo(
  db: Db,
  territoryId: string,
  logo: { data: Buffer; contentType: string; updatedAt: Date } | null,
): Promise<void> {
  await db
    .update(territories)
    .set({
      logo: logo?.data ?? null,
      logoContentType: logo?.contentType ?? null,
      logoUpdatedAt: logo?.updatedAt ?? null,
    })
    .where(eq(territories.id, territoryId));
}

export async function countTerritories(db: Db): Promise<number> {
  const [row] = await db.select({ n: count() }).from(territories);
  return Number(row?.n ?? 0);
}

export function escapeLike(value: string): string {
  return value.replace(/[\\%_]/g, (c) => `\\${c}`);
}
