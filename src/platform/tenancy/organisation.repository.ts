import { asc, count, eq, inArray, like } from 'drizzle-orm';
import type { Db } from '../db/client.ts';
import { memberships, organisations, territories } from './tables.ts';
import { escapeLike } from './territory.repository.ts';

export type OrganisationKind = (typeof organisations.$inferSelect)['kind'];

export type OrganisationSummary = {
  id: string;
  slug: string;
  name: string;
  kind: OrganisationKind;
  territoryId: string | null;
  territoryName: string | null;
  memberCount: number;
};

export type Organisation = {
  id: string;
  slug: string;
  name: string;
  kind: OrganisationKind;
  territoryId: string | null;
  territoryName: string | null;
  territorySlug: string | null;
};

/** The organisations in the scope ('all' for operators, else the ids the actor may see), by territory. */
export async function listOrganisations(db: Db, scope: 'all' | string[]): Promise<OrganisationSummary[]> {
  if (scope !== 'all' && scope.length === 0) return [];
  const rows = await db
    .select({
      id: organisations.id,
      slug: organisations.slug,
      name: organisations.name,
      kind: organisations.kind,
      territoryId: organisations.territoryId,
      territoryName: territories.name,
      memberCount: count(memberships.agentId),
    })
    .from(organisations)
    .leftJoin(territories, eq(territories.id, organisations.territoryId))
    .leftJoin(memberships, eq(memberships.organisationId, organisations.id))
    .where(scope === 'all' ? undefined : inArray(organisations.id, scope))
    .groupBy(organisations.id, territories.name)
    .orderBy(asc(territories.name), asc(organisations.name));
  return rows.map((r) => ({ ...r, memberCount: Number(r.memberCount) }));
}

/** The organisations of one territory with their number of members, by name (operators' territory page). */
export async function listOrganisationsInTerritory(db: Db, territoryId: string) {
  const rows = await db
    .select({
      id: organisations.id,
      slug: organisations.slug,
      name: organisations.name,
      kind: organisations.kind,
      memberCount: count(memberships.agentId),
    })
    .from(organisations)
    .leftJoin(memberships, eq(memberships.organisationId, organisations.id))
    .where(eq(organisations.territoryId, territoryId))
    .groupBy(organisations.id)
    .orderBy(asc(organisations.name));
  return rows.map((r) => ({ ...r, memberCount: Number(r.memberCount) }));
}

export async function findOrganisationBySlug(db: Db, slug: string): Promise<Organisation | undefined> {
  const [row] = await db
    .select({
      id: organisations.id,
      slug: organisations.slug,
      name: organisations.name,
      kind: organisations.kind,
      territoryId: organisations.territoryId,
      territoryName: territories.name,
      territorySlug: territories.slug,
    })
    .from(organisations)
    .leftJoin(territories, eq(territories.id, organisations.territoryId))
    .where(eq(organisations.slug, slug))
    .limit(1);
  return row;
}

export async function organisationSlugsStartingWith(db: Db, prefix: string): Promise<Set<string>> {
  const rows = await db
    .select({ slug: organisations.slug })
    .from(organisations)
    .where(like(organisations.slug, `${escapeLike(prefix)}%`));
  return new Set(rows.map((r) => r.slug));
}

/** Inserts an organisation; undefined when its slug was taken meanwhile. */
export async function insertOrganisation(
  db: Db,
  values: { slug: string; name: string; kind: OrganisationKind; territoryId: string | null },
): Promise<{ id: string; slug: string } | undefined> {
  const [row] = await db
    .insert(organisations)
    .values(values)
    .onConflictDoNothing()
    .returning({ id: organisations.id, slug: organisations.slug });
  return row;
}

export async function countOrganisations(db: Db): Promise<number> {
  const [row] = await db.select({ n: count() }).from(organisations);
  return Number(row?.n ?? 0);
}
