import { and, asc, count, desc, eq, ne, sql } from 'drizzle-orm';
import type { Db } from '../../../../platform/db/client.ts';
import { organisations, territories } from '../../../../platform/tenancy/tables.ts';
import { calls, criteria, meToos, problems } from '../../tables.ts';
import type { ProblemStatus } from '../access.repository.ts';

/** The SQL of the call pages. */

export type CallValues = { title: string; intro: string; opensAt: Date; closesAt: Date };

export async function insertCall(db: Db, cohortId: string, values: CallValues) {
  const [row] = await db
    .insert(calls)
    .values({ cohortId, ...values })
    .returning();
  return row!;
}

export async function updateCall(db: Db, callId: string, values: CallValues) {
  await db.update(calls).set(values).where(eq(calls.id, callId));
}

export async function insertCriteria(
  db: Db,
  callId: string,
  rows: readonly { key: string; label: string; description: string; weight: number }[],
) {
  await db.insert(criteria).values(rows.map((c, position) => ({ ...c, callId, position })));
}

const meTooCount =
  sql<number>`(select count(*) from ${meToos} where ${meToos.problemId} = ${problems.id})`.mapWith(Number);

/**
 * The problems submitted to a call (never drafts), with their « moi aussi » count, newest first. By
 * default merged duplicates are left out (they live on in the problem they were merged into).
 */
export async function submittedProblems(
  db: Db,
  callId: string,
  filters: { status?: ProblemStatus; territoryId?: string } = {},
) {
  return db
    .select({
      id: problems.id,
      title: problems.title,
      whoSuffers: problems.whoSuffers,
      service: problems.service,
      status: problems.status,
      submittedAt: problems.submittedAt,
      territoryName: territories.name,
      organisationName: organisations.name,
      meToos: meTooCount,
    })
    .from(problems)
    .innerJoin(territories, eq(territories.id, problems.territoryId))
    .innerJoin(organisations, eq(organisations.id, problems.organisationId))
    .where(
      and(
        eq(problems.callId, callId),
        ne(problems.status, 'brouillon'),
        filters.status ? eq(problems.status, filters.status) : ne(problems.status, 'fusionne'),
        filters.territoryId ? eq(problems.territoryId, filters.territoryId) : undefined,
      ),
    )
    .orderBy(desc(problems.submittedAt), asc(problems.id));
}

/** How many submitted problems per status (the staff's overview). */
export async function countsByStatus(db: Db, callId: string) {
  return db
    .select({ status: problems.status, n: count() })
    .from(problems)
    .where(and(eq(problems.callId, callId), ne(problems.status, 'brouillon')))
    .groupBy(problems.status);
}

/** How many submitted problems per territory, merged duplicates left out. */
export async function countsByTerritory(db: Db, callId: string) {
  return db
    .select({ territoryId: territories.id, name: territories.name, n: count() })
    .from(problems)
    .innerJoin(territories, eq(territories.id, problems.territoryId))
    .where(
      and(eq(problems.callId, callId), ne(problems.status, 'brouillon'), ne(problems.status, 'fusionne')),
    )
    .groupBy(territories.id, territories.name)
    .orderBy(asc(territories.name));
}

/** The actor's own problems in this call (drafts included), for the call page. */
export async function problemsOfSubmitter(db: Db, callId: string, agentId: string) {
  return db
    .select({
      id: problems.id,
      title: problems.title,
      status: problems.status,
      updatedAt: problems.updatedAt,
    })
    .from(problems)
    .where(and(eq(problems.callId, callId), eq(problems.submitterAgentId, agentId)))
    .orderBy(desc(problems.updatedAt));
}
