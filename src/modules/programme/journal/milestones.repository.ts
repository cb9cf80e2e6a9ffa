import { and, asc, eq, isNull, or } from 'drizzle-orm';
import type { Db } from '../../../platform/db/client.ts';
import { milestones } from '../tables.ts';

/**
 * Milestones of a cohort (project_id null: for every team) and of one project. A scope names whose
 * milestones a query may touch, so a project's page never changes the cohort's rows, nor another
 * project's.
 */

export type Milestone = typeof milestones.$inferSelect;
export type MilestoneScope = { cohortId: string; projectId: string | null };
export type MilestoneValues = Pick<Milestone, 'kind' | 'title' | 'dueOn'>;

const inScope = (scope: MilestoneScope) =>
  and(
    eq(milestones.cohortId, scope.cohortId),
    scope.projectId === null ? isNull(milestones.projectId) : eq(milestones.projectId, scope.projectId),
  );

export async function milestonesIn(db: Db, scope: MilestoneScope): Promise<Milestone[]> {
  return db
    .select()
    .from(milestones)
    .where(inScope(scope))
    .orderBy(asc(milestones.dueOn), asc(milestones.title));
}

/** What a project's team sees: the cohort's milestones and the project's own, by date. */
export async function milestonesOfProject(db: Db, cohortId: string, projectId: string): Promise<Milestone[]> {
  return db
    .select()
    .from(milestones)
    .where(
      and(
        eq(milestones.cohortId, cohortId),
        or(isNull(milestones.projectId), eq(milestones.projectId, projectId)),
      ),
    )
    .orderBy(asc(milestones.dueOn), asc(milestones.title));
}

export async function findMilestone(db: Db, scope: MilestoneScope, id: string): Promise<Milestone | null> {
  const [row] = await db
    .select()
    .from(milestones)
    .where(and(inScope(scope), eq(milestones.id, id)));
  return row ?? null;
}

export async function insertMilestones(
  db: Db,
  scope: MilestoneScope,
  rows: MilestoneValues[],
): Promise<void> {
  if (rows.length === 0) return;
  await db.insert(milestones).values(rows.map((row) => ({ ...row, ...scope })));
}

export async function updateMilestone(
  db: Db,
  scope: MilestoneScope,
  id: string,
  values: Partial<MilestoneValues> & { doneOn?: string | null },
): Promise<void> {
  await db
    .update(milestones)
    .set(values)
    .where(and(inScope(scope), eq(milestones.id, id)));
}

export async function deleteMilestone(db: Db, scope: MilestoneScope, id: string): Promise<void> {
  await db.delete(milestones).where(and(inScope(scope), eq(milestones.id, id)));
}
