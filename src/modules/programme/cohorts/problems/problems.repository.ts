import { and, asc, eq, inArray, ne, notInArray, sql } from 'drizzle-orm';
import type { Db } from '../../../../platform/db/client.ts';
import { agents, organisations, territories } from '../../../../platform/tenancy/tables.ts';
import { meToos, problems } from '../../tables.ts';
import type { ProblemStatus } from '../access.repository.ts';
import type { ProblemText } from './fields.ts';

/** The SQL of problems: submission, « moi aussi », merging and pre-screening. */

export async function insertProblem(
  db: Db,
  values: ProblemText & {
    callId: string;
    submitterAgentId: string;
    organisationId: string;
    territoryId: string;
    status: 'brouillon' | 'soumis';
    submittedAt: Date | null;
  },
) {
  const [row] = await db.insert(problems).values(values).returning();
  return row!;
}

export async function updateProblemText(
  db: Db,
  problemId: string,
  values: ProblemText & {
    organisationId: string;
    territoryId: string;
    status: 'brouillon' | 'soumis';
    submittedAt: Date | null;
    updatedAt: Date;
  },
) {
  await db.update(problems).set(values).where(eq(problems.id, problemId));
}

/** Deletes a draft (and only a draft, whatever the caller checked before). */
export async function deleteDraft(db: Db, problemId: string): Promise<boolean> {
  const rows = await db
    .delete(problems)
    .where(and(eq(problems.id, problemId), eq(problems.status, 'brouillon')))
    .returning({ id: problems.id });
  return rows.length > 0;
}

export async function organisationAndTerritory(db: Db, organisationId: string) {
  const [row] = await db
    .select({ organisationName: organisations.name, territoryName: territories.name })
    .from(organisations)
    .leftJoin(territories, eq(territories.id, organisations.territoryId))
    .where(eq(organisations.id, organisationId));
  return row;
}

export async function agentById(db: Db, agentId: string) {
  const [row] = await db
    .select({ id: agents.id, email: agents.email, firstName: agents.firstName, lastName: agents.lastName })
    .from(agents)
    .where(eq(agents.id, agentId));
  return row;
}

export async function meToosOf(db: Db, problemId: string) {
  return db
    .select({
      agentId: meToos.agentId,
      firstName: agents.firstName,
      lastName: agents.lastName,
      service: meToos.service,
      comment: meToos.comment,
      createdAt: meToos.createdAt,
    })
    .from(meToos)
    .innerJoin(agents, eq(agents.id, meToos.agentId))
    .where(eq(meToos.problemId, problemId))
    .orderBy(asc(meToos.createdAt));
}

/** Adds a « moi aussi » once: false when the agent had already said it. */
export async function insertMeToo(
  db: Db,
  values: { problemId: string; agentId: string; service: string; comment: string },
): Promise<boolean> {
  const rows = await db.insert(meToos).values(values).onConflictDoNothing().returning({ id: meToos.agentId });
  return rows.length > 0;
}

export async function deleteMeToo(db: Db, problemId: string, agentId: string): Promise<boolean> {
  const rows = await db
    .delete(meToos)
    .where(and(eq(meToos.problemId, problemId), eq(meToos.agentId, agentId)))
    .returning({ id: meToos.agentId });
  return rows.length > 0;
}

/** The problems merged into this one (its history). */
export async function mergedInto(db: Db, problemId: string) {
  return db
    .select({ id: problems.id, title: problems.title, updatedAt: problems.updatedAt })
    .from(problems)
    .where(eq(problems.mergedIntoId, problemId))
    .orderBy(asc(problems.updatedAt));
}

/** The problems of the call a duplicate may be merged into: submitted, not merged, not itself. */
export async function mergeTargets(db: Db, callId: string, exceptId: string) {
  return db
    .select({ id: problems.id, title: problems.title, status: problems.status })
    .from(problems)
    .where(
      and(
        eq(problems.callId, callId),
        ne(problems.id, exceptId),
        notInArray(problems.status, ['brouillon', 'fusionne']),
      ),
    )
    .orderBy(asc(problems.title));
}

export async function problemTitle(db: Db, problemId: string) {
  const [row] = await db.select({ title: problems.title }).from(problems).where(eq(problems.id, problemId));
  return row?.title;
}

/**
 * Merges a duplicate into the problem kept, in the caller's transaction: the duplicate points to it;
 * its « moi aussi » and those of problems merged into it earlier follow; its submitter says « moi
 * aussi » with their service. The kept problem's own submitter never becomes a « moi aussi » of it.
 */
export async function mergeProblemRows(
  db: Db,
  duplicate: { id: string; submitterAgentId: string; service: string; title: string },
  kept: { id: string; submitterAgentId: string },
  now: Date,
) {
  await db
    .update(problems)
    .set({ status: 'fusionne', mergedIntoId: kept.id, updatedAt: now })
    .where(eq(problems.id, duplicate.id));
  await db
    .update(problems)
    .set({ mergedIntoId: kept.id, updatedAt: now })
    .where(eq(problems.mergedIntoId, duplicate.id));
  await db.execute(sql`
    insert into ${meToos} (problem_id, agent_id, service, comment, created_at)
    select ${kept.id}, agent_id, service, comment, created_at from ${meToos}
    where problem_id = ${duplicate.id} and agent_id <> ${kept.submitterAgentId}
    on conflict do nothing`);
  if (duplicate.submitterAgentId !== kept.submitterAgentId) {
    await insertMeToo(db, {
      problemId: kept.id,
      agentId: duplicate.submitterAgentId,
      service: duplicate.service,
      comment: `A proposé le même problème : « ${duplicate.title} »`,
    });
  }
}

export async function setPrescreen(
  db: Db,
  problemId: string,
  values: { status: ProblemStatus; note: string; agentId: string; at: Date },
) {
  await db
    .update(problems)
    .set({
      status: values.status,
      prescreenNote: values.note,
      prescreenedBy: values.agentId,
      prescreenedAt: values.at,
      updatedAt: values.at,
    })
    .where(eq(problems.id, problemId));
}

export async function agentNames(db: Db, ids: string[]) {
  if (ids.length === 0) return new Map<string, string>();
  const rows = await db
    .select({ id: agents.id, firstName: agents.firstName, lastName: agents.lastName })
    .from(agents)
    .where(inArray(agents.id, ids));
  return new Map(rows.map((r) => [r.id, `${r.firstName} ${r.lastName}`]));
}
