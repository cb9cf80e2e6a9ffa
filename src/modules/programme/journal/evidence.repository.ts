import { and, asc, desc, eq } from 'drizzle-orm';
import type { Db } from '../../../platform/db/client.ts';
import { forms } from '../../../platform/forms/tables.ts';
import { evidence, hypotheses, interviews } from '../tables.ts';

/** The evidence ledger of a project. Every query is scoped by the project. */

export type Evidence = typeof evidence.$inferSelect;
export type EvidenceValues = Omit<
  typeof evidence.$inferInsert,
  'id' | 'projectId' | 'createdBy' | 'createdAt'
>;

/** The ledger with what each piece points at, described without personal data (an interview by role and date). */
export async function ledgerOf(db: Db, projectId: string) {
  return db
    .select({
      id: evidence.id,
      kind: evidence.kind,
      claim: evidence.claim,
      confidence: evidence.confidence,
      title: evidence.title,
      summary: evidence.summary,
      source: evidence.source,
      collectedOn: evidence.collectedOn,
      hypothesis: hypotheses.statement,
      interview: { id: interviews.id, role: interviews.intervieweeRole, on: interviews.interviewedOn },
      survey: forms.title,
    })
    .from(evidence)
    .leftJoin(hypotheses, eq(hypotheses.id, evidence.hypothesisId))
    .leftJoin(interviews, eq(interviews.id, evidence.interviewId))
    .leftJoin(forms, eq(forms.id, evidence.formId))
    .where(eq(evidence.projectId, projectId))
    .orderBy(desc(evidence.collectedOn), asc(evidence.createdAt));
}

export type LedgerEntry = Awaited<ReturnType<typeof ledgerOf>>[number];

export async function findEvidence(db: Db, projectId: string, id: string): Promise<Evidence | null> {
  const [row] = await db
    .select()
    .from(evidence)
    .where(and(eq(evidence.projectId, projectId), eq(evidence.id, id)));
  return row ?? null;
}

export async function insertEvidence(
  db: Db,
  projectId: string,
  createdBy: string,
  values: EvidenceValues,
): Promise<string> {
  const [row] = await db
    .insert(evidence)
    .values({ ...values, projectId, createdBy })
    .returning({ id: evidence.id });
  return row!.id;
}

export async function updateEvidence(db: Db, projectId: string, id: string, values: EvidenceValues) {
  await db
    .update(evidence)
    .set(values)
    .where(and(eq(evidence.projectId, projectId), eq(evidence.id, id)));
}

export async function deleteEvidence(db: Db, projectId: string, id: string): Promise<boolean> {
  const rows = await db
    .delete(evidence)
    .where(and(eq(evidence.projectId, projectId), eq(evidence.id, id)))
    .returning({ id: evidence.id });
  return rows.length > 0;
}
