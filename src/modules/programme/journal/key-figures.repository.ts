import { and, asc, eq, sql } from 'drizzle-orm';
import type { Db } from '../../../platform/db/client.ts';
import { keyFigures } from '../tables.ts';

/** The project's key figures, in the team's order. Every query is scoped by the project. */

export type KeyFigure = typeof keyFigures.$inferSelect;
export type KeyFigureValues = Pick<KeyFigure, 'value' | 'label' | 'source' | 'isPublic'>;

export async function keyFiguresOf(db: Db, projectId: string): Promise<KeyFigure[]> {
  return db
    .select()
    .from(keyFigures)
    .where(eq(keyFigures.projectId, projectId))
    .orderBy(asc(keyFigures.position), asc(keyFigures.id));
}

export async function findKeyFigure(db: Db, projectId: string, id: string): Promise<KeyFigure | null> {
  const [row] = await db
    .select()
    .from(keyFigures)
    .where(and(eq(keyFigures.projectId, projectId), eq(keyFigures.id, id)));
  return row ?? null;
}

export async function insertKeyFigure(db: Db, projectId: string, values: KeyFigureValues): Promise<void> {
  await db.insert(keyFigures).values({
    ...values,
    projectId,
    position: sql`(select coalesce(max(${keyFigures.position}) + 1, 0) from ${keyFigures} where ${keyFigures.projectId} = ${projectId})`,
  });
}

export async function updateKeyFigure(db: Db, projectId: string, id: string, values: KeyFigureValues) {
  await db
    .update(keyFigures)
    .set(values)
    .where(and(eq(keyFigures.projectId, projectId), eq(keyFigures.id, id)));
}

export async function setKeyFigurePositions(db: Db, projectId: string, ids: string[]): Promise<void> {
  for (const [position, id] of ids.entries()) {
    await db
      .update(keyFigures)
      .set({ position })
      .where(and(eq(keyFigures.projectId, projectId), eq(keyFigures.id, id)));
  }
}

export async function deleteKeyFigure(db: Db, projectId: string, id: string): Promise<void> {
  await db.delete(keyFigures).where(and(eq(keyFigures.projectId, projectId), eq(keyFigures.id, id)));
}
