import { and, eq } from 'drizzle-orm';
import type { Db } from '../../../platform/db/client.ts';
import { criteria, jurors } from '../tables.ts';

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
