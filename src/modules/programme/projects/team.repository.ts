import { and, asc, eq, inArray, isNotNull } from 'drizzle-orm';
import { alias } from 'drizzle-orm/pg-core';
import type { Db } from '../../../platform/db/client.ts';
import { agents, memberships, organisations } from '../../../platform/tenancy/tables.ts';
import { teamMembers } from '../tables.ts';

/** The teams: who is on which project, their manager and their own plan. */

const managers = alias(agents, 'managers');

export async function membersOf(db: Db, projectIds: string[]) {
  if (projectIds.length === 0) return [];
  return db
    .select({
      id: teamMembers.id,
      projectId: teamMembers.projectId,
      agentId: teamMembers.agentId,
      role: teamMembers.role,
      managerAgentId: teamMembers.managerAgentId,
      daysPerWeek: teamMembers.daysPerWeek,
      weeks: teamMembers.weeks,
      joinedOn: teamMembers.joinedOn,
      leftOn: teamMembers.leftOn,
      firstName: agents.firstName,
      lastName: agents.lastName,
      email: agents.email,
      managerFirstName: managers.firstName,
      managerLastName: managers.lastName,
      managerEmail: managers.email,
    })
    .from(teamMembers)
    .innerJoin(agents, eq(agents.id, teamMembers.agentId))
    .leftJoin(managers, eq(managers.id, teamMembers.managerAgentId))
    .where(inArray(teamMembers.projectId, projectIds))
    .orderBy(asc(teamMembers.joinedOn), asc(agents.lastName), asc(agents.firstName));
}

export type MemberRow = Awaited<ReturnType<typeof membersOf>>[number];

export async function memberById(db: Db, projectId: string, memberId: string) {
  const [row] = await db
    .select()
    .from(teamMembers)
    .where(and(eq(teamMembers.id, memberId), eq(teamMembers.projectId, projectId)));
  return row ?? null;
}

export async function memberOfAgent(db: Db, projectId: string, agentId: string) {
  const [row] = await db
    .select()
    .from(teamMembers)
    .where(and(eq(teamMembers.projectId, projectId), eq(teamMembers.agentId, agentId)));
  return row ?? null;
}

export async function agentById(db: Db, id: string) {
  const [row] = await db.select().from(agents).where(eq(agents.id, id));
  return row ?? null;
}

/**
 * The organisations of these agents that sit in the given territories (the partner territories of a
 * cohort): where a team member comes from, and whether they may join at all.
 */
export async function partnerOrganisationsOf(db: Db, agentIds: string[], territoryIds: string[]) {
  if (agentIds.length === 0 || territoryIds.length === 0) return [];
  return db
    .select({ agentId: memberships.agentId, organisationId: organisations.id, name: organisations.name })
    .from(memberships)
    .innerJoin(organisations, eq(organisations.id, memberships.organisationId))
    .where(
      and(
        inArray(memberships.agentId, agentIds),
        isNotNull(organisations.territoryId),
        inArray(organisations.territoryId, territoryIds),
      ),
    )
    .orderBy(asc(organisations.name));
}

export type MemberValues = {
  role: string;
  managerAgentId: string | null;
  daysPerWeek: string | null;
  weeks: number | null;
  joinedOn: string;
};

export async function insertMember(db: Db, projectId: string, agentId: string, values: MemberValues) {
  const [row] = await db
    .insert(teamMembers)
    .values({ projectId, agentId, ...values })
    .returning();
  return row!;
}

/** Updates a member's values; `leftOn: null` brings back a member who had left. */
export async function updateMember(
  db: Db,
  memberId: string,
  values: Partial<MemberValues> & { leftOn?: string | null },
) {
  await db.update(teamMembers).set(values).where(eq(teamMembers.id, memberId));
}

export async function deleteMember(db: Db, memberId: string) {
  await db.delete(teamMembers).where(eq(teamMembers.id, memberId));
}
