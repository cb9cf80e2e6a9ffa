import { and, asc, eq } from 'drizzle-orm';
import type { Db } from '../../../platform/db/client.ts';
import { agents } from '../../../platform/tenancy/tables.ts';
import { conflicts, discussionNotes, reviews } from '../tables.ts';
import { scoresOf } from './selection.repository.ts';

/** A problem before the jury: its reviews, the conflicts declared on it, the private discussion. */

export async function reviewsOfProblem(db: Db, problemId: string) {
  const rows = await db
    .select({
      jurorAgentId: reviews.jurorAgentId,
      firstName: agents.firstName,
      lastName: agents.lastName,
      scores: reviews.scores,
      comment: reviews.comment,
      updatedAt: reviews.updatedAt,
    })
    .from(reviews)
    .innerJoin(agents, eq(agents.id, reviews.jurorAgentId))
    .where(eq(reviews.problemId, problemId))
    .orderBy(asc(reviews.createdAt));
  return rows.map((r) => ({ ...r, scores: scoresOf(r.scores) }));
}
export type ReviewRow = Awaited<ReturnType<typeof reviewsOfProblem>>[number];

/** Saves a juror's review, replacing their earlier one; says whether it is their first. */
export async function upsertReview(
  tx: Db,
  values: {
    problemId: string;
    jurorAgentId: string;
    scores: Record<string, number>;
    comment: string;
    now: Date;
  },
): Promise<'created' | 'updated'> {
  const [existing] = await tx
    .select({ createdAt: reviews.createdAt })
    .from(reviews)
    .where(and(eq(reviews.problemId, values.problemId), eq(reviews.jurorAgentId, values.jurorAgentId)));
  const { now, ...row } = values;
  await tx
    .insert(reviews)
    .values({ ...row, createdAt: now, updatedAt: now })
    .onConflictDoUpdate({
      target: [reviews.problemId, reviews.jurorAgentId],
      set: { scores: row.scores, comment: row.comment, updatedAt: now },
    });
  return existing ? 'updated' : 'created';
}

export async function declaredConflictsOfProblem(db: Db, problemId: string) {
  return db
    .select({
      agentId: conflicts.agentId,
      problemId: conflicts.problemId,
      reason: conflicts.reason,
      declaredAt: conflicts.declaredAt,
    })
    .from(conflicts)
    .where(eq(conflicts.problemId, problemId))
    .then((rows) => rows.map((r) => ({ ...r, problemId: r.problemId! })));
}

/** Records a declared conflict; false when the juror had already declared one on the problem. */
export async function insertConflict(
  tx: Db,
  values: { agentId: string; problemId: string; reason: string; now: Date },
): Promise<string | null> {
  const [row] = await tx
    .insert(conflicts)
    .values({
      agentId: values.agentId,
      problemId: values.problemId,
      reason: values.reason,
      declaredAt: values.now,
    })
    .onConflictDoNothing()
    .returning({ id: conflicts.id });
  return row?.id ?? null;
}

export async function notesOf(db: Db, problemId: string) {
  return db
    .select({
      id: discussionNotes.id,
      body: discussionNotes.body,
      createdAt: discussionNotes.createdAt,
      authorAgentId: discussionNotes.authorAgentId,
      firstName: agents.firstName,
      lastName: agents.lastName,
    })
    .from(discussionNotes)
    .innerJoin(agents, eq(agents.id, discussionNotes.authorAgentId))
    .where(eq(discussionNotes.problemId, problemId))
    .orderBy(asc(discussionNotes.createdAt), asc(discussionNotes.id));
}
export type NoteRow = Awaited<ReturnType<typeof notesOf>>[number];

export async function insertNote(
  tx: Db,
  values: { problemId: string; authorAgentId: string; body: string; now: Date },
): Promise<string> {
  const [row] = await tx
    .insert(discussionNotes)
    .values({
      problemId: values.problemId,
      authorAgentId: values.authorAgentId,
      body: values.body,
      createdAt: values.now,
    })
    .returning({ id: discussionNotes.id });
  return row!.id;
}
