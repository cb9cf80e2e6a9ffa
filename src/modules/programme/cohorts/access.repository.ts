import { and, eq } from 'drizzle-orm';
import type { Db } from '../../../platform/db/client.ts';
import { calls, cohorts, jurors, problems } from '../tables.ts';

/** The rows a page is about, read before the permission check (access.ts). */

export type CohortRow = typeof cohorts.$inferSelect;
export type CallRow = typeof calls.$inferSelect;
export type ProblemRow = typeof problems.$inferSelect;
export type ProblemStatus = ProblemRow['status'];

export async function cohortBySlug(db: Db, slug: string): Promise<CohortRow | undefined> {
  const [row] = await db.select().from(cohorts).where(eq(cohorts.slug, slug));
  return row;
}

export async function cohortById(db: Db, id: string): Promise<CohortRow | undefined> {
  const [row] = await db.select().from(cohorts).where(eq(cohorts.id, id));
  return row;
}

export async function callById(db: Db, id: string): Promise<CallRow | undefined> {
  const [row] = await db.select().from(calls).where(eq(calls.id, id));
  return row;
}

export async function problemById(db: Db, id: string): Promise<ProblemRow | undefined> {
  const [row] = await db.select().from(problems).where(eq(problems.id, id));
  return row;
}

export async function isJurorOf(db: Db, callId: string, agentId: string): Promise<boolean> {
  const rows = await db
    .select({ agentId: jurors.agentId })
    .from(jurors)
    .where(and(eq(jurors.callId, callId), eq(jurors.agentId, agentId)));
  return rows.length > 0;
}
