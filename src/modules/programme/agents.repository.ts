import { and, eq, inArray, isNull, sql } from 'drizzle-orm';
import type { Db } from '../../platform/db/client.ts';
import { agents } from '../../platform/tenancy/tables.ts';

/**
 * Agents named by email in the programme's forms (coaches, jurors, team members and their managers,
 * committee members). Emails are stored lower-cased (index agents_email_key).
 */
const agentColumns = {
  id: agents.id,
  email: agents.email,
  firstName: agents.firstName,
  lastName: agents.lastName,
  deactivatedAt: agents.deactivatedAt,
};

/** The agent with this address, active or not: the caller says what a deactivated one means. */
export async function agentByEmail(db: Db, email: string) {
  const [row] = await db
    .select(agentColumns)
    .from(agents)
    .where(eq(sql`lower(${agents.email})`, email.trim().toLowerCase()));
  return row ?? null;
}

/** The active agents with these addresses (given lower-cased). */
export async function activeAgentsByEmails(db: Db, emails: string[]) {
  if (emails.length === 0) return [];
  return db
    .select(agentColumns)
    .from(agents)
    .where(and(inArray(sql`lower(${agents.email})`, emails), isNull(agents.deactivatedAt)));
}
