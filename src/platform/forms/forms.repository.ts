import { and, asc, count, eq, inArray, isNotNull, sql } from 'drizzle-orm';
import type { Db } from '../db/client.ts';
import { formResponses, forms } from './tables.ts';

/** The SQL of forms and their responses; the rules are in forms.service.ts. */

export type FormRow = typeof forms.$inferSelect;
export type ResponseRow = typeof formResponses.$inferSelect;

export async function insertForm(db: Db, values: typeof forms.$inferInsert): Promise<FormRow> {
  const [row] = await db.insert(forms).values(values).returning();
  return row!;
}

export async function findForm(db: Db, id: string): Promise<FormRow | null> {
  const [row] = await db.select().from(forms).where(eq(forms.id, id));
  return row ?? null;
}

export async function findFormByToken(db: Db, token: string): Promise<FormRow | null> {
  const [row] = await db.select().from(forms).where(eq(forms.publicToken, token));
  return row ?? null;
}

/** The form, its row locked until the transaction ends: edits of its questions never interleave. */
export async function lockForm(db: Db, id: string): Promise<FormRow | null> {
  const [row] = await db.select().from(forms).where(eq(forms.id, id)).for('update');
  return row ?? null;
}

export async function updateForm(
  db: Db,
  id: string,
  values: Partial<
    Pick<FormRow, 'title' | 'intro' | 'thanks' | 'questions' | 'status' | 'openedAt' | 'closedAt'>
  >,
  now: Date,
): Promise<void> {
  await db
    .update(forms)
    .set({ ...values, updatedAt: now })
    .where(eq(forms.id, id));
}

/** The forms of one owner (e.g. a project), newest first, with their number of responses. */
export async function listFormsOf(db: Db, module: string, ownerRef: string) {
  const rows = await db
    .select()
    .from(forms)
    .where(and(eq(forms.module, module), eq(forms.ownerRef, ownerRef)))
    .orderBy(sql`${forms.createdAt} desc`);
  const counts = await responseCounts(
    db,
    rows.map((r) => r.id),
  );
  return rows.map((row) => ({ ...row, responseCount: counts.get(row.id) ?? { en_ligne: 0, papier: 0 } }));
}

export async function responseCounts(db: Db, formIds: string[]) {
  const counts = new Map<string, { en_ligne: number; papier: number }>();
  if (formIds.length === 0) return counts;
  const rows = await db
    .select({ formId: formResponses.formId, source: formResponses.source, n: count() })
    .from(formResponses)
    .where(inArray(formResponses.formId, formIds))
    .groupBy(formResponses.formId, formResponses.source);
  for (const row of rows) {
    const entry = counts.get(row.formId) ?? { en_ligne: 0, papier: 0 };
    entry[row.source] = Number(row.n);
    counts.set(row.formId, entry);
  }
  return counts;
}

/** Records a response; null when one with the same submission key is already there (a double submit). */
export async function insertResponse(
  db: Db,
  values: typeof formResponses.$inferInsert,
): Promise<ResponseRow | null> {
  const [row] = await db
    .insert(formResponses)
    .values(values)
    .onConflictDoNothing({ target: [formResponses.formId, formResponses.submissionKey] })
    .returning();
  return row ?? null;
}

export async function findResponseByPaperRef(db: Db, formId: string, paperRef: string) {
  const [row] = await db
    .select({ id: formResponses.id })
    .from(formResponses)
    .where(and(eq(formResponses.formId, formId), eq(formResponses.paperRef, paperRef)));
  return row ?? null;
}

export async function listResponses(db: Db, formId: string): Promise<ResponseRow[]> {
  return db
    .select()
    .from(formResponses)
    .where(eq(formResponses.formId, formId))
    .orderBy(asc(formResponses.createdAt), asc(formResponses.id));
}

/** The stored answers to one question (responses that answered it only). */
export async function answersTo(db: Db, formId: string, questionId: string): Promise<unknown[]> {
  const value = sql<unknown>`${formResponses.answers} -> ${questionId}`;
  const rows = await db
    .select({ value })
    .from(formResponses)
    .where(and(eq(formResponses.formId, formId), isNotNull(value)));
  return rows.map((r) => r.value);
}
