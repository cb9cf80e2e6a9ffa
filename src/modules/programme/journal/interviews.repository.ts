import { and, desc, eq, sql } from 'drizzle-orm';
import type { Db } from '../../../platform/db/client.ts';
import { interviews } from '../tables.ts';

/**
 * The project's interviews. Lists carry no personal data (role and date only); the name and contact
 * are read one interview at a time, by findInterview, which the service audits.
 */

export type Interview = typeof interviews.$inferSelect;
export type InterviewValues = Pick<
  Interview,
  | 'intervieweeName'
  | 'intervieweeContact'
  | 'intervieweeRole'
  | 'interviewedOn'
  | 'consentRecorded'
  | 'consentMode'
  | 'notes'
>;

export async function interviewListOf(db: Db, projectId: string, limit?: number) {
  const query = db
    .select({
      id: interviews.id,
      role: interviews.intervieweeRole,
      interviewedOn: interviews.interviewedOn,
      consentRecorded: interviews.consentRecorded,
      anonymisedAt: interviews.anonymisedAt,
    })
    .from(interviews)
    .where(eq(interviews.projectId, projectId))
    .orderBy(desc(interviews.interviewedOn), desc(interviews.createdAt));
  return limit === undefined ? query : query.limit(limit);
}

export type InterviewListEntry = Awaited<ReturnType<typeof interviewListOf>>[number];

export async function interviewCountOf(db: Db, projectId: string): Promise<number> {
  const [row] = await db
    .select({ n: sql<number>`count(*)::int` })
    .from(interviews)
    .where(eq(interviews.projectId, projectId));
  return row?.n ?? 0;
}

export async function findInterview(db: Db, projectId: string, id: string): Promise<Interview | null> {
  const [row] = await db
    .select()
    .from(interviews)
    .where(and(eq(interviews.projectId, projectId), eq(interviews.id, id)));
  return row ?? null;
}

export async function insertInterview(
  db: Db,
  projectId: string,
  createdBy: string,
  values: InterviewValues,
): Promise<string> {
  const [row] = await db
    .insert(interviews)
    .values({ ...values, projectId, createdBy })
    .returning({ id: interviews.id });
  return row!.id;
}

export async function updateInterview(db: Db, projectId: string, id: string, values: InterviewValues) {
  await db
    .update(interviews)
    .set(values)
    .where(and(eq(interviews.projectId, projectId), eq(interviews.id, id)));
}

export async function deleteInterview(db: Db, projectId: string, id: string): Promise<boolean> {
  const rows = await db
    .delete(interviews)
    .where(and(eq(interviews.projectId, projectId), eq(interviews.id, id)))
    .returning({ id: interviews.id });
  return rows.length > 0;
}
