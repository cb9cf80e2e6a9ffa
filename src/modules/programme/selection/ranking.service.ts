import type { Db } from '../../../platform/db/client.ts';
import type { Caller } from '../../../platform/tenancy/caller.ts';
import type { CallAccess, ProblemAccess } from './access.ts';
import { declaredConflictsOfProblem } from './evaluation.repository.ts';
import { projectOfProblem } from './project.repository.ts';
import { jurorProgress, type RankingOrder, rankProblems, sortRanking } from './ranking.ts';
import {
  criteriaOf,
  declaredConflictsOfCall,
  jurorsOf,
  reviewableProblems,
  reviewsOfCall,
} from './selection.repository.ts';

/**
 * The selection page of a call: for staff the ranking of the problems before the jury (and the
 * decisions), for a juror their own progress. A staff member who also sits on the jury gets both.
 */
export async function viewSelection(db: Db, caller: Caller, access: CallAccess, order: RankingOrder) {
  const callId = access.call.id;
  const [problems, criteria, jurors, declared, reviews] = [
    await reviewableProblems(db, callId),
    await criteriaOf(db, callId),
    await jurorsOf(db, callId),
    await declaredConflictsOfCall(db, callId),
    await reviewsOfCall(db, callId),
  ];
  const jurorFacts = jurors.map((j) => ({
    agentId: j.agentId,
    organisationIds: j.organisations.map((o) => o.id),
  }));
  const ranking = access.staff
    ? sortRanking(rankProblems({ problems, criteria, jurors: jurorFacts, declared, reviews }), order)
    : null;
  const progress = access.juror
    ? jurorProgress(
        {
          agentId: caller.actor.agentId,
          organisationIds: caller.actor.memberships.map((m) => m.organisationId),
        },
        problems,
        declared,
        reviews,
      )
    : null;
  const decided = problems.filter((p) => p.status !== 'recevable');
  return {
    criteria,
    ranking,
    progress,
    jurorCount: jurors.length,
    toNotify: decided.filter((p) => p.notifiedAt === null).length,
    notified: decided.filter((p) => p.notifiedAt !== null).length,
  };
}
export type SelectionView = Awaited<ReturnType<typeof viewSelection>>;

/** One problem's line of the ranking (the decision page shows it), and its project if retained. */
export async function problemSummary(db: Db, access: ProblemAccess) {
  const callId = access.call.id;
  const [criteria, jurors, declared, reviews, project] = [
    await criteriaOf(db, callId),
    await jurorsOf(db, callId),
    await declaredConflictsOfProblem(db, access.problem.id),
    (await reviewsOfCall(db, callId)).filter((r) => r.problemId === access.problem.id),
    await projectOfProblem(db, access.problem.id),
  ];
  const [row] = rankProblems({
    problems: [access.problem],
    criteria,
    jurors: jurors.map((j) => ({ agentId: j.agentId, organisationIds: j.organisations.map((o) => o.id) })),
    declared,
    reviews,
  });
  return {
    score: row!.score,
    reviewCount: row!.reviewCount,
    excludedCount: row!.excludedCount,
    projectSlug: project?.slug ?? null,
  };
}
