import { and, asc, eq, isNull } from 'drizzle-orm';
import type { Db } from '../db/client.ts';
import { logoVersion } from '../tenancy/logo.ts';
import { agents, memberships, organisations, territories } from '../tenancy/tables.ts';
import type { Actor, Membership } from './actor.ts';

/**
 * An agent and their memberships, one row per membership (agents without any give one row of nulls).
 * The session query (session.repository.ts) selects the same columns beside the session's.
 */
export const agentWithMembershipColumns = {
  agentId: agents.id,
  email: agents.email,
  firstName: agents.firstName,
  lastName: agents.lastName,
  isOperator: agents.isOperator,
  organisationId: organisations.id,
  organisationSlug: organisations.slug,
  organisationName: organisations.name,
  organisationKind: organisations.kind,
  territoryId: organisations.territoryId,
  territoryName: territories.name,
  territorySlug: territories.slug,
  // Whether the header shows a logo, without reading its bytes (they are read by the logo route).
  territoryLogoUpdatedAt: territories.logoUpdatedAt,
  role: memberships.role,
};

type MembershipRow = {
  organisationId: string | null;
  organisationSlug: string | null;
  organisationName: string | null;
  organisationKind: string | null;
  territoryId: string | null;
  territoryName: string | null;
  territorySlug: string | null;
  territoryLogoUpdatedAt: Date | null;
  role: Membership['role'] | null;
};

export function membershipsOf(rows: MembershipRow[]): Membership[] {
  return rows.flatMap((r) =>
    r.organisationId && r.role
      ? [
          {
            organisationId: r.organisationId,
            organisationSlug: r.organisationSlug!,
            organisationName: r.organisationName!,
            organisationKind: r.organisationKind!,
            territoryId: r.territoryId,
            territoryName: r.territoryName,
            territorySlug: r.territorySlug,
            territoryLogoVersion: logoVersion(r.territoryLogoUpdatedAt),
            role: r.role,
          },
        ]
      : [],
  );
}

/**
 * The agent as a signed-in request of theirs would see them, read now: for work done later on their
 * behalf (a background job they started). Undefined for an unknown or deactivated agent.
 */
export async function findActiveActor(db: Db, agentId: string): Promise<Actor | undefined> {
  const rows = await db
    .select(agentWithMembershipColumns)
    .from(agents)
    .leftJoin(memberships, eq(memberships.agentId, agents.id))
    .leftJoin(organisations, eq(organisations.id, memberships.organisationId))
    .leftJoin(territories, eq(territories.id, organisations.territoryId))
    .where(and(eq(agents.id, agentId), isNull(agents.deactivatedAt)))
    .orderBy(asc(territories.name), asc(organisations.name));
  const first = rows[0];
  if (!first) return undefined;
  const { agentId: id, email, firstName, lastName, isOperator } = first;
  return { agentId: id, email, firstName, lastName, isOperator, memberships: membershipsOf(rows) };
}
