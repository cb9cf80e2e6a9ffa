import { recordAudit } from '../../../platform/audit/audit.ts';
import type { Db } from '../../../platform/db/client.ts';
import { conflict, invalid, notFound } from '../../../platform/errors.ts';
import type { Caller } from '../../../platform/tenancy/caller.ts';
import { agentByEmail } from '../agents.repository.ts';
import type { CallAccess } from './access.ts';
import { type ConflictKind, jurorConflict } from './conflicts.ts';
import { deleteJuror, insertJuror, updateCriterion } from './jury.repository.ts';
import {
  criteriaOf,
  declaredConflictsOfCall,
  jurorsOf,
  lockCall,
  reviewableProblems,
  reviewCountOfCall,
} from './selection.repository.ts';

/**
 * Setting up a call's jury (staff of the cohort): its members and its rubric. The rubric's labels and
 * weights may change until the first review; after that a change would rescore reviews already given
 * against weights the jurors never saw, so it is locked.
 */

export const RUBRIC_LOCKED =
  'La grille ne peut plus être modifiée : des membres du jury ont déjà donné leur avis, et leurs notes ont été données avec ces critères et ces poids.';

export const JUROR_NOT_FOUND = 'Cette personne ne fait pas partie du jury.';

/** The call's criteria, in order (the rubric form is built from them). */
export const rubricOf = (db: Db, access: CallAccess) => criteriaOf(db, access.call.id);

export type JurorConflictLine = {
  problemId: string;
  title: string;
  kind: ConflictKind;
  reason: string | null;
};

export async function viewJury(db: Db, access: CallAccess) {
  const callId = access.call.id;
  const [jurors, criteria, reviewCount, problems, declared] = [
    await jurorsOf(db, callId),
    await criteriaOf(db, callId),
    await reviewCountOfCall(db, callId),
    await reviewableProblems(db, callId),
    await declaredConflictsOfCall(db, callId),
  ];
  return {
    criteria,
    reviewCount,
    rubricLocked: reviewCount > 0,
    jurors: jurors.map((juror) => {
      const facts = { agentId: juror.agentId, organisationIds: juror.organisations.map((o) => o.id) };
      const conflicts: JurorConflictLine[] = problems.flatMap((problem) => {
        const kind = jurorConflict(facts, problem, declared);
        if (!kind) return [];
        const reason =
          declared.find((d) => d.agentId === juror.agentId && d.problemId === problem.id)?.reason ?? null;
        return [{ problemId: problem.id, title: problem.title, kind, reason }];
      });
      return { ...juror, conflicts };
    }),
  };
}

/** Any agent of the platform may sit on a jury (an elected official, an agent of another service…). */
export async function addJuror(db: Db, caller: Caller, access: CallAccess, email: string, now: Date) {
  const agent = await agentByEmail(db, email);
  if (!agent) {
    throw invalid({
      email: 'Aucun agent n’a cette adresse sur Tremplin. Invitez d’abord la personne dans son organisation.',
    });
  }
  if (agent.deactivatedAt) throw invalid({ email: 'Le compte de cet agent est désactivé.' });
  await db.transaction(async (tx) => {
    if (!(await insertJuror(tx, access.call.id, agent.id, now))) {
      throw invalid({ email: `${agent.firstName} ${agent.lastName} fait déjà partie du jury.` });
    }
    await recordAudit(tx, caller.audit, {
      action: 'create',
      resourceType: 'programme_juror',
      resourceId: agent.id,
      details: { callId: access.call.id },
    });
  });
  return agent;
}

/** Their reviews stay stored but no longer count in the ranking (ranking.ts counts current jurors). */
export async function removeJuror(db: Db, caller: Caller, access: CallAccess, agentId: string) {
  await db.transaction(async (tx) => {
    if (!(await deleteJuror(tx, access.call.id, agentId))) throw notFound(JUROR_NOT_FOUND);
    await recordAudit(tx, caller.audit, {
      action: 'delete',
      resourceType: 'programme_juror',
      resourceId: agentId,
      details: { callId: access.call.id },
    });
  });
}

export type RubricChange = { key: string; label: string; weight: number };

/** New labels and weights, all at once; refused once a review exists (checked under the call's lock). */
export async function reweighRubric(db: Db, caller: Caller, access: CallAccess, changes: RubricChange[]) {
  await db.transaction(async (tx) => {
    await lockCall(tx, access.call.id, 'update');
    if ((await reviewCountOfCall(tx, access.call.id)) > 0) throw conflict(RUBRIC_LOCKED);
    const known = new Set((await criteriaOf(tx, access.call.id)).map((c) => c.key));
    for (const change of changes) {
      if (!known.has(change.key)) continue;
      await updateCriterion(tx, access.call.id, change.key, { label: change.label, weight: change.weight });
    }
    await recordAudit(tx, caller.audit, {
      action: 'update',
      resourceType: 'programme_rubric',
      resourceId: access.call.id,
      details: { criteria: changes.map((c) => ({ key: c.key, weight: c.weight })) },
    });
  });
}
