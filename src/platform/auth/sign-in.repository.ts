import { and, eq, isNull, ne, sql } from 'drizzle-orm';
import type { Db } from '../db/client.ts';
import { agents } from '../tenancy/tables.ts';
import { sessions } from './tables.ts';

/** The active (not deactivated) agent with this address; addresses are compared lower-cased. */
export async function findActiveAgentByEmail(db: Db, email: string) {
  const [row] = await db
    .select({ id: agents.id, email: agents.email, firstName: agents.firstName, lastName: agents.lastName })
    .from(agents)
    .where(and(sql`lower(${agents.email}) = ${email.toLowerCase()}`, isNull(agents.deactivatedAt)))
    .limit(1);
  return row;
}

/** Revokes every open session of the agent except `keepSessionId`; returns how many were closed. */
export async function revokeOtherSessionsOf(db: Db, agentId: string, keepSessionId: string): Promise<number> {
  const rows = await db
    .update(sessions)
    .set({ revokedAt: sql`now()` })
    .where(and(eq(sessions.agentId, agentId), ne(sessions.id, keepSessionId), isNull(sessions.revokedAt)))
    .returning({ id: sessions.id });
  return rows.length;
}
