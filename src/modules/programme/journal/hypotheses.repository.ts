import { and, asc, eq, sql } from 'drizzle-orm';
import type { Db } from '../../../platform/db/client.ts';
import { evidence, hypotheses } from '../tables.ts';
import type { HypothesisState } from './hypothesis-states.ts';

/** The project's hypotheses. Every query is scoped by the project: an id of another project is not found. */

export type Hypothesis = typeof hypotheses.$inferSelect;

export async function hypothesesOf(db: Db, projectId: string): Promise<Hypothesis[]> {
  return db
    .select()
    .from(hypotheses)
    .where(eq(hypotheses.projectId, projectId))
    .orderBy(asc(hypotheses.position), asc(hypotheses.createdAt));
}

/** `lock`: inside a transaction that changes it, so two changes of state do not cross. */
export async function findHypothesis(
  db: Db,
  projectId: string,
  id: string,
  lock = false,
): Promise<Hypothesis | null> {
  const query = db
    .select()
    .from(hypotheses)
    .where(and(eq(hypotheses.projectId, projectId), eq(hypotheses.id, id)));
  const [row] = lock ? await query.for('update') : await query;
  return row ?? null;
}

export async function insertHypothesis(
  db: Db,
  values: { projectId: string; statement: string; createdBy: string },
): Promise<string> {
  const [row] = await db
    .insert(hypotheses)
    .values({
      ...values,
      // Added last; the team reorders afterwards.
      position: sql`(select coalesce(max(${hypotheses.position}) + 1, 0) from ${hypotheses} where ${hypotheses.projectId} = ${values.projectId})`,
    })
    .returning({ id: hypotheses.id });
  return row!.id;
}

export async function updateHypothesis(
  db: Db,
  projectId: string,
  id: string,
  values: { statement?: string; state?: HypothesisState; conclusion?: string },
  now: Date,
): Promise<void> {
  await db
    .update(hypotheses)
    .set({ ...values, updatedAt: now })
    .where(and(eq(hypotheses.projectId, projectId), eq(hypotheses.id, id)));
}

export async function setHypothesisPositions(db: Db, projectId: string, ids: string[]): Promise<void> {
  for (const [position, id] of ids.entries()) {
    await db
      .update(hypotheses)
      .set({ position })
      .where(and(eq(hypotheses.projectId, projectId), eq(hypotheses.id, id)));
  }
}

/**
 * Deletes the hypothesis unless evidence cites it, in one statement so a piece linked meanwhile is
 * not orphaned. Returns whether it was deleted.
 */
export async function deleteUncitedHypothesis(db: Db, projectId: string, id: string): Promise<boolean> {
  const deleted = await db
    .delete(hypotheses)
    .where(
      and(
        eq(hypotheses.projectId, projectId),
        eq(hypotheses.id, id),
        sql`not exists (select 1 from ${evidence} where ${evidence.hypothesisId} = ${hypotheses.id})`,
      ),
    )
    .returning({ id: hypotheses.id });
  return deleted.length > 0;
}

export async function evidenceCountOf(db: Db, hypothesisId: string): Promise<number> {
  const [row] = await db
    .select({ n: sql<number>`count(*)::int` })
    .from(evidence)
    .where(eq(evidence.hypothesisId, hypothesisId));
  return row?.n ?? 0;
}
