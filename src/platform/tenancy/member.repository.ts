import { and, asc, count, eq, sql } from 'drizzle-orm';
import type { MembershipRole } from '../auth/actor.ts';
import type { Db } from '../db/client.ts';
import { agents, memberships } from './tables.ts';

/**
 * Agents and their memberships. Functions that return an agent's personal data take the organisation
 * they are read through (the tenant scope); the few that look an agent up across organisations
 * (by email for an invitation, by id for an access check) return only what the caller needs.
 */
export type Member = {
  agentId: string;
  email: string;
  firstName: string;
  lastName: string;
  isOperator: boolean;
  role: MembershipRole;
  deactivatedAt: Date | null;
  lastSignInAt: Date | null;
  memberSince: Date;
};

const memberColumns = {
  agentId: agents.id,
  email: agents.email,
  firstName: agents.firstName,
  lastName: agents.lastName,
  isOperator: agents.isOperator,
  role: memberships.role,
  deactivatedAt: agents.deactivatedAt,
  lastSignInAt: agents.lastSignInAt,
  memberSince: memberships.createdAt,
};

export async function listMembers(db: Db, organisationId: string): Promise<Member[]> {
  return db
    .select(memberColumns)
    .from(memberships)
    .innerJoin(agents, eq(agents.id, memberships.agentId))
    .where(eq(memberships.organisationId, organisationId))
    .orderBy(asc(agents.lastName), asc(agents.firstName), asc(agents.email));
}

export async function findMember(
  db: Db,
  organisationId: string,
  agentId: string,
): Promise<Member | undefined> {
  const [row] = await db
    .select(memberColumns)
    .from(memberships)
    .innerJoin(agents, eq(agents.id, memberships.agentId))
    .where(and(eq(memberships.organisationId, organisationId), eq(memberships.agentId, agentId)))
    .limit(1);
  return row;
}

/** Whether an agent with this id exists (for the audit trail of a refused access). */
export async function agentExists(db: Db, agentId: string): Promise<boolean> {
  const [row] = await db.select({ id: agents.id }).from(agents).where(eq(agents.id, agentId)).limit(1);
  return row !== undefined;
}

export type AgentAccount = {
  id: string;
  email: string;
  isOperator: boolean;
  deactivatedAt: Date | null;
};

/** Emails are stored lower-cased and unique whatever their case (index agents_email_key). */
export async function findAgentByEmail(db: Db, email: string): Promise<AgentAccount | undefined> {
  const [row] = await db
    .select({
      id: agents.id,
      email: agents.email,
      isOperator: agents.isOperator,
      deactivatedAt: agents.deactivatedAt,
    })
    .from(agents)
    .where(eq(sql`lower(${agents.email})`, email.toLowerCase()))
    .limit(1);
  return row;
}

/** Inserts an agent; undefined when the address was taken meanwhile. */
export async function insertAgent(
  db: Db,
  values: { email: string; firstName: string; lastName: string; isOperator: boolean },
): Promise<AgentAccount | undefined> {
  const [row] = await db
    .insert(agents)
    .values({ ...values, email: values.email.toLowerCase() })
    .onConflictDoNothing()
    .returning({
      id: agents.id,
      email: agents.email,
      isOperator: agents.isOperator,
      deactivatedAt: agents.deactivatedAt,
    });
  return row;
}

export async function makeOperator(db: Db, agentId: string): Promise<void> {
  await db.update(agents).set({ isOperator: true }).where(eq(agents.id, agentId));
}

export async function setAgentDeactivatedAt(db: Db, agentId: string, at: Date | null): Promise<void> {
  await db.update(agents).set({ deactivatedAt: at }).where(eq(agents.id, agentId));
}

/** Adds a membership; false when the agent already belongs to the organisation. */
export async function insertMembership(
  db: Db,
  values: { agentId: string; organisationId: string; role: MembershipRole },
): Promise<boolean> {
  const rows = await db
    .insert(memberships)
    .values(values)
    .onConflictDoNothing()
    .returning({ agentId: memberships.agentId });
  return rows.length > 0;
}

export async function updateMembershipRole(
  db: Db,
  organisationId: string,
  agentId: string,
  role: MembershipRole,
): Promise<void> {
  await db
    .update(memberships)
    .set({ role })
    .where(and(eq(memberships.organisationId, organisationId), eq(memberships.agentId, agentId)));
}

export async function deleteMembership(db: Db, organisationId: string, agentId: string): Promise<void> {
  await db
    .delete(memberships)
    .where(and(eq(memberships.organisationId, organisationId), eq(memberships.agentId, agentId)));
}

/**
 * The admins of an organisation, locking their membership rows until the transaction ends, so that
 * two admins demoting each other at the same moment cannot leave the organisation without one.
 */
export async function lockAdminsOf(db: Db, organisationId: string): Promise<string[]> {
  const rows = await db
    .select({ agentId: memberships.agentId })
    .from(memberships)
    .where(and(eq(memberships.organisationId, organisationId), eq(memberships.role, 'admin')))
    .for('update');
  return rows.map((r) => r.agentId);
}

/** The organisations an agent belongs to (ids only: enough to decide who may deactivate them). */
export async function organisationIdsOf(db: Db, agentId: string): Promise<string[]> {
  const rows = await db
    .select({ organisationId: memberships.organisationId })
    .from(memberships)
    .where(eq(memberships.agentId, agentId));
  return rows.map((r) => r.organisationId);
}

export async function countAgents(db: Db): Promise<number> {
  const [row] = await db.select({ n: count() }).from(agents);
  return Number(row?.n ?? 0);
}
