import { recordAudit } from '../../../platform/audit/audit.ts';
import type { Db } from '../../../platform/db/client.ts';
import { conflict, forbidden } from '../../../platform/errors.ts';
import type { Caller } from '../../../platform/tenancy/caller.ts';
import type { ProblemAccess } from './access.ts';
import { type ConflictKind, conflictKindLabels, jurorConflict } from './conflicts.ts';
import {
  declaredConflictsOfProblem,
  insertConflict,
  insertNote,
  notesOf,
  reviewsOfProblem,
  upsertReview,
} from './evaluation.repository.ts';
import { criteriaOf, jurorsOf, lockCall } from './selection.repository.ts';

/**
 * A juror's work on one problem: the review, a declared conflict, the jury's private discussion.
 *
 * What each one sees follows from the conflict rule (conflicts.ts): a conflicted juror (or staff
 * member) sees the problem but neither the others' reviews nor the discussion, and cannot review.
 * A juror who is not conflicted sees the other reviews once they have given their own, so that the
 * first opinion of each juror is their own; staff see them all from the start.
 */

export type EvaluationRights = {
  /** May give or change their review (a juror, not conflicted, decision not yet notified). */
  review: boolean;
  /** Sees the others' reviews and the discussion, and may add a note. */
  deliberate: boolean;
  /** May declare a conflict (a juror not yet conflicted). */
  declare: boolean;
};

export function rightsOn(access: ProblemAccess): EvaluationRights {
  const clear = access.conflict === null;
  return {
    review: access.juror && clear && access.problem.notifiedAt === null,
    deliberate: clear,
    declare: access.juror && clear,
  };
}

export async function viewEvaluation(db: Db, caller: Caller, access: ProblemAccess) {
  const rights = rightsOn(access);
  const [criteria, stored, notes, declared, jurors] = [
    await criteriaOf(db, access.call.id),
    await reviewsOfProblem(db, access.problem.id),
    rights.deliberate ? await notesOf(db, access.problem.id) : [],
    await declaredConflictsOfProblem(db, access.problem.id),
    await jurorsOf(db, access.call.id),
  ];
  // Why a review does not count in the ranking (the same rule as ranking.ts), null when it does.
  const reviews = stored.map((review) => {
    const juror = jurors.find((j) => j.agentId === review.jurorAgentId);
    const excluded: ConflictKind | 'former' | null = juror
      ? jurorConflict(
          { agentId: juror.agentId, organisationIds: juror.organisations.map((o) => o.id) },
          access.problem,
          declared,
        )
      : 'former';
    return { ...review, excluded };
  });
  const mine = reviews.find((r) => r.jurorAgentId === caller.actor.agentId) ?? null;
  const showOthers = rights.deliberate && (access.staff || mine !== null);
  return {
    rights,
    criteria,
    mine,
    /** null: hidden from the caller (conflicted, or not reviewed yet). */
    others: showOthers ? reviews.filter((r) => r.jurorAgentId !== caller.actor.agentId) : null,
    othersCount: reviews.length - (mine ? 1 : 0),
    notes,
    conflictReason:
      access.conflict === 'declared'
        ? (declared.find((d) => d.agentId === caller.actor.agentId)?.reason ?? null)
        : access.conflict
          ? conflictKindLabels[access.conflict]
          : null,
  };
}
export type EvaluationView = Awaited<ReturnType<typeof viewEvaluation>>;

function refuseUnlessClear(access: ProblemAccess): void {
  if (access.conflict !== null) {
    throw forbidden('Vous êtes en conflit d’intérêts sur ce problème : vous ne pouvez pas l’évaluer.');
  }
}

/** Gives or changes the juror's review (under the call's shared lock: the rubric cannot change meanwhile). */
export async function reviewProblem(
  db: Db,
  caller: Caller,
  access: ProblemAccess,
  review: { scores: Record<string, number>; comment: string },
  now: Date,
): Promise<'created' | 'updated'> {
  refuseUnlessClear(access);
  if (!access.juror) throw forbidden('Seuls les membres du jury évaluent les problèmes.');
  if (access.problem.notifiedAt) {
    throw conflict('La décision sur ce problème a été notifiée : les avis ne peuvent plus changer.');
  }
  // A call without criteria has nothing to score: its review would weigh nothing in the ranking.
  if (Object.keys(review.scores).length === 0) {
    throw conflict(
      'Cet appel n’a pas de grille d’évaluation : l’équipe du programme doit d’abord la définir.',
    );
  }
  return db.transaction(async (tx) => {
    await lockCall(tx, access.call.id, 'share');
    const outcome = await upsertReview(tx, {
      problemId: access.problem.id,
      jurorAgentId: caller.actor.agentId,
      ...review,
      now,
    });
    await recordAudit(tx, caller.audit, {
      action: outcome === 'created' ? 'create' : 'update',
      resourceType: 'programme_review',
      resourceId: access.problem.id,
      organisationId: access.problem.organisationId,
      territoryId: access.problem.territoryId,
      details: { scores: review.scores },
    });
    return outcome;
  });
}

/**
 * The juror declares a conflict of interest. From then on the problem is out of their hands: no
 * review, no discussion, and a review they gave before no longer counts (ranking.ts leaves it out).
 */
export async function declareConflict(
  db: Db,
  caller: Caller,
  access: ProblemAccess,
  reason: string,
  now: Date,
): Promise<void> {
  if (!access.juror) throw forbidden('Seuls les membres du jury déclarent un conflit d’intérêts.');
  if (access.conflict !== null) return; // already out of it: nothing more to record
  await db.transaction(async (tx) => {
    const id = await insertConflict(tx, {
      agentId: caller.actor.agentId,
      problemId: access.problem.id,
      reason,
      now,
    });
    if (!id) return;
    await recordAudit(tx, caller.audit, {
      action: 'create',
      resourceType: 'programme_conflict',
      resourceId: id,
      organisationId: access.problem.organisationId,
      territoryId: access.problem.territoryId,
      details: { problemId: access.problem.id },
    });
  });
}

/** A note in the jury's private discussion (never shown to the proposer). */
export async function addDiscussionNote(
  db: Db,
  caller: Caller,
  access: ProblemAccess,
  body: string,
  now: Date,
): Promise<void> {
  refuseUnlessClear(access);
  await db.transaction(async (tx) => {
    const id = await insertNote(tx, {
      problemId: access.problem.id,
      authorAgentId: caller.actor.agentId,
      body,
      now,
    });
    await recordAudit(tx, caller.audit, {
      action: 'create',
      resourceType: 'programme_discussion_note',
      resourceId: id,
      organisationId: access.problem.organisationId,
      territoryId: access.problem.territoryId,
      details: { problemId: access.problem.id },
    });
  });
}

/** The criteria a review scores (the review form is built from them). */
export const evaluationCriteria = (db: Db, access: ProblemAccess) => criteriaOf(db, access.call.id);
