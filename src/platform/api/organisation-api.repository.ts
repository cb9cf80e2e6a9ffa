import { and, asc, eq, isNotNull, isNull } from 'drizzle-orm';
import type { Db } from '../db/client.ts';
import { agents, memberships, organisations, territories } from '../tenancy/tables.ts';

/** Reads for /api/v1. Every query takes the token's organisation: a token never sees outside it. */

export async function findOrganisationWithTerritory(db: Db, organisationId: string) {
  const [row] = await db
    .select({
      id: organisations.id,
      slug: organisations.slug,
      name: organisations.name,
      kind: organisations.kind,
      territory: {
        id: territories.id,
        slug: territories.slug,
        name: territories.name,
        kind: territories.kind,
        code: territories.code,
      },
    })
    .from(organisations)
    .leftJoin(territories, eq(territories.id, organisations.territoryId))
    .where(eq(organisations.id, organisationId))
    .limit(1);
  return row;
}

const memberColumns = {
  id: agents.id,
  email: agents.email,
  firstName: agents.firstName,
  lastName: agents.lastName,
  role: memberships.role,
  deactivatedAt: agents.deactivatedAt,
};

export async function listMembersOf(db: Db, organisationId: string, filter: { active?: boolean } = {}) {
  const activity =
    filter.active === undefined
      ? undefined
      : filter.active
        ? isNull(agents.deactivatedAt)
        : isNotNull(agents.deactivatedAt);
  return db
    .select(memberColumns)
    .from(memberships)
    .innerJoin(agents, eq(agents.id, memberships.agentId))
    .where(and(eq(memberships.organisationId, organisationId), activity))
    .orderBy(asc(agents.lastName), asc(agents.firstName), asc(agents.id));
}

export async function findMemberOf(db: Db, organisationId: string, agentId: string) {
  const [row] = await db
    .select(memberColumns)
    .from(memberships)
    .innerJoin(agents, eq(agents.id, memberships.agentId))
    .where(and(eq(memberships.organisationId, organisationId), eq(memberships.agentId, agentId)))
    .limit(1);
  return row;
}
