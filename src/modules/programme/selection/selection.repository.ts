import { and, asc, count, eq, inArray, isNotNull, sql } from 'drizzle-orm';
import type { Db } from '../../../platform/db/client.ts';
import { agents, memberships, organisations, territories } from '../../../platform/tenancy/tables.ts';
import { calls, cohorts, conflicts, criteria, jurors, meToos, problems, reviews } from '../tables.ts';

/**
 * The reads the selection shares (a call and its cohort, the problems the jury reviews, the jurors
 * with their memberships, conflicts, criteria, reviews). SQL only; the rules are in the services.
 */

/** A problem is reviewed once pre-screening found it « recevable »; it stays in the ranking once decided. */
export const REVIEWABLE_STATUSES = ['recevable', 'retenu', 'non_retenu', 'reoriente'] as const;
export const DECISIONS = ['retenu', 'non_retenu', 'reoriente'] as const;
export type Decision = (typeof DECISIONS)[number];

export async function findCall(db: Db, callId: string) {
  const [row] = await db
    .select({
      id: calls.id,
      title: calls.title,
      closesAt: calls.closesAt,
      cohortId: calls.cohortId,
      cohortName: cohorts.name,
      cohortSlug: cohorts.slug,
      cohortStartsOn: cohorts.startsOn,
    })
    .from(calls)
    .innerJoin(cohorts, eq(cohorts.id, calls.cohortId))
    .where(eq(calls.id, callId));
  return row ?? null;
}
export type CallRow = NonNullable<Awaited<ReturnType<typeof findCall>>>;

const meTooCount = sql<number>`(select count(*)::int from ${meToos} where ${meToos.problemId} = ${problems.id})`;

/** A problem in full, with where it comes from and its « moi aussi » count. */
export async function findProblem(db: Db, problemId: string) {
  const [row] = await db
    .select({
      id: problems.id,
      callId: problems.callId,
      submitterAgentId: problems.submitterAgentId,
      organisationId: problems.organisationId,
      territoryId: problems.territoryId,
      status: problems.status,
      title: problems.title,
      whoSuffers: problems.whoSuffers,
      howMany: problems.howMany,
      frequency: problems.frequency,
      consequencesCitizens: problems.consequencesCitizens,
      consequencesCollectivite: problems.consequencesCollectivite,
      evidence: problems.evidence,
      workaround: problems.workaround,
      sponsor: problems.sponsor,
      service: problems.service,
      availability: problems.availability,
      submittedAt: problems.submittedAt,
      decisionNote: problems.decisionNote,
      redirectTo: problems.redirectTo,
      decidedAt: problems.decidedAt,
      notifiedAt: problems.notifiedAt,
      organisationName: organisations.name,
      territoryName: territories.name,
      submitterFirstName: agents.firstName,
      submitterLastName: agents.lastName,
      submitterEmail: agents.email,
      meTooCount,
    })
    .from(problems)
    .innerJoin(organisations, eq(organisations.id, problems.organisationId))
    .innerJoin(territories, eq(territories.id, problems.territoryId))
    .innerJoin(agents, eq(agents.id, problems.submitterAgentId))
    .where(eq(problems.id, problemId));
  return row ?? null;
}
export type ProblemRow = NonNullable<Awaited<ReturnType<typeof findProblem>>>;

/** The problems of a call the jury reviews (see REVIEWABLE_STATUSES). */
export async function reviewableProblems(db: Db, callId: string) {
  return db
    .select({
      id: problems.id,
      title: problems.title,
      status: problems.status,
      organisationId: problems.organisationId,
      submitterAgentId: problems.submitterAgentId,
      territoryName: territories.name,
      organisationName: organisations.name,
      decidedAt: problems.decidedAt,
      notifiedAt: problems.notifiedAt,
      redirectTo: problems.redirectTo,
      meTooCount,
    })
    .from(problems)
    .innerJoin(territories, eq(territories.id, problems.territoryId))
    .innerJoin(organisations, eq(organisations.id, problems.organisationId))
    .where(and(eq(problems.callId, callId), inArray(problems.status, [...REVIEWABLE_STATUSES])))
    .orderBy(asc(problems.submittedAt), asc(problems.id));
}
export type ReviewableProblem = Awaited<ReturnType<typeof reviewableProblems>>[number];

export async function isJurorOf(db: Db, callId: string, agentId: string): Promise<boolean> {
  const [row] = await db
    .select({ agentId: jurors.agentId })
    .from(jurors)
    .where(and(eq(jurors.callId, callId), eq(jurors.agentId, agentId)));
  return row !== undefined;
}

/** The jurors of a call with their memberships (conflicts follow them) and how to name them. */
export async function jurorsOf(db: Db, callId: string) {
  const rows = await db
    .select({
      agentId: agents.id,
      firstName: agents.firstName,
      lastName: agents.lastName,
      email: agents.email,
      deactivatedAt: agents.deactivatedAt,
      addedAt: jurors.addedAt,
    })
    .from(jurors)
    .innerJoin(agents, eq(agents.id, jurors.agentId))
    .where(eq(jurors.callId, callId))
    .orderBy(asc(agents.lastName), asc(agents.firstName));
  const organisationsOf = await membershipsOf(
    db,
    rows.map((r) => r.agentId),
  );
  return rows.map((row) => ({ ...row, organisations: organisationsOf.get(row.agentId) ?? [] }));
}
export type JurorRow = Awaited<ReturnType<typeof jurorsOf>>[number];

export async function membershipsOf(db: Db, agentIds: string[]) {
  const byAgent = new Map<string, { id: string; name: string; territoryName: string | null }[]>();
  if (agentIds.length === 0) return byAgent;
  const rows = await db
    .select({
      agentId: memberships.agentId,
      id: organisations.id,
      name: organisations.name,
      territoryName: territories.name,
    })
    .from(memberships)
    .innerJoin(organisations, eq(organisations.id, memberships.organisationId))
    .leftJoin(territories, eq(territories.id, organisations.territoryId))
    .where(inArray(memberships.agentId, agentIds))
    .orderBy(asc(organisations.name));
  for (const { agentId, ...organisation } of rows) {
    byAgent.set(agentId, [...(byAgent.get(agentId) ?? []), organisation]);
  }
  return byAgent;
}

/** The conflicts jurors declared on the problems of a call. */
export async function declaredConflictsOfCall(db: Db, callId: string) {
  return db
    .select({
      agentId: conflicts.agentId,
      problemId: problems.id,
      reason: conflicts.reason,
      declaredAt: conflicts.declaredAt,
    })
    .from(conflicts)
    .innerJoin(problems, eq(problems.id, conflicts.problemId))
    .where(and(eq(problems.callId, callId), isNotNull(conflicts.problemId)))
    .orderBy(asc(conflicts.declaredAt));
}

export async function criteriaOf(db: Db, callId: string) {
  return db
    .select()
    .from(criteria)
    .where(eq(criteria.callId, callId))
    .orderBy(asc(criteria.position), asc(criteria.key));
}
export type CriterionRow = Awaited<ReturnType<typeof criteriaOf>>[number];

/** Scores as stored (jsonb): only whole numbers 0–4 are kept, whatever else the column holds. */
export function scoresOf(value: unknown): Record<string, number> {
  const scores: Record<string, number> = {};
  if (value && typeof value === 'object') {
    for (const [key, score] of Object.entries(value)) {
      if (Number.isInteger(score) && (score as number) >= 0 && (score as number) <= 4)
        scores[key] = score as number;
    }
  }
  return scores;
}

export async function reviewsOfCall(db: Db, callId: string) {
  const rows = await db
    .select({
      problemId: reviews.problemId,
      jurorAgentId: reviews.jurorAgentId,
      scores: reviews.scores,
    })
    .from(reviews)
    .innerJoin(problems, eq(problems.id, reviews.problemId))
    .where(eq(problems.callId, callId));
  return rows.map((r) => ({ ...r, scores: scoresOf(r.scores) }));
}

export async function reviewCountOfCall(db: Db, callId: string): Promise<number> {
  const [row] = await db
    .select({ n: count() })
    .from(reviews)
    .innerJoin(problems, eq(problems.id, reviews.problemId))
    .where(eq(problems.callId, callId));
  return row?.n ?? 0;
}

/**
 * Locks the call's row for the rest of the transaction: rubric changes take it exclusively and
 * reviews in shared mode, so a review can never be scored against weights changed under it.
 */
export async function lockCall(tx: Db, callId: string, mode: 'update' | 'share'): Promise<void> {
  await tx.select({ id: calls.id }).from(calls).where(eq(calls.id, callId)).for(mode);
}
