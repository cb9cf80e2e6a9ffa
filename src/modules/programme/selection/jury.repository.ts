import { and, eq, sql } from 'drizzle-orm';
import type { Db } from '../../../platform/db/client.ts';
import { agents } from '../../../platform/tenancy/tables.ts';
import { criteria, jurors } from '../tables.ts';

/** The jury's set-up: its members and the rubric's labels and weights. */

export async function findAgentByEmail(db: Db, email: string) {
  const [row] = await db
    .select({
      id: agents.id,
      firstName: agents.firstName,
      lastName: agents.lastName,
      deactivatedAt: agents.deactivatedAt,
    })
    .from(agents)
    .where(eq(sql`lower(${agents.email})`, email.trim().toLowerCase()));
  return row ?? null;
}

/** Adds a juror; false when they already were one. */
export async function insertJuror(tx: Db, callId: string, agentId: string, now: Date): Promise<boolean> {
  const rows = await tx
    .insert(jurors)
    .values({ callId, agentId, addedAt: now })
    .onConflictDoNothing()
    .returning({ agentId: jurors.agentId });
  return rows.length > 0;
}

export async function deleteJuror(tx: Db, callId: string, agentId: string): Promise<boolean> {
  const rows = await tx
    .delete(jurors)
    .where(and(eq(jurors.callId, callId), eq(jurors.agentId, agentId)))
    .returning({ agentId: jurors.agentId });
  return rows.length > 0;
}

export async function updateCriterion(
  tx: Db,
  callId: string,
  key: string,
  values: { label: string; weight: number },
): Promise<void> {
  await tx
    .update(criteria)
    .set(values)
    .where(and(eq(criteria.callId, callId), eq(criteria.key, key)));
}
