import { recordAudit } from '../../../platform/audit/audit.ts';
import type { Db } from '../../../platform/db/client.ts';
import { conflict, forbidden, notFound } from '../../../platform/errors.ts';
import { localDayOf } from '../../../platform/scheduling/agenda/week-grid.ts';
import type { Caller } from '../../../platform/tenancy/caller.ts';
import { PROBLEM_NOT_FOUND, type ProblemAccess } from './access.ts';
import { clearDecision, lockProblem, setDecision } from './decision.repository.ts';
import { projectOfProblem } from './project.repository.ts';
import { createProjectForProblem, removeProjectOfProblem } from './retained-project.ts';
import { type Decision, REVIEWABLE_STATUSES } from './selection.repository.ts';

/**
 * Staff decide on each problem before the jury: retenu, non retenu, réorienté (with where to). A
 * decision may change until it is notified; a « retenu » problem becomes a project in the same
 * transaction, and a changed mind removes that project while nobody has worked on it yet.
 */

export const ALREADY_NOTIFIED =
  'La décision sur ce problème a déjà été notifiée à la personne qui l’a proposé : elle ne peut plus changer.';

export type DecisionInput = { decision: Decision; message: string; redirection: string };

/** Locks the problem and checks it can still be decided; returns its status before the change. */
async function lockUndecidedOrChangeable(tx: Db, access: ProblemAccess) {
  if (access.conflict !== null) {
    throw forbidden('Vous êtes en conflit d’intérêts sur ce problème : un autre membre de l’équipe décide.');
  }
  const locked = await lockProblem(tx, access.problem.id);
  if (!locked || !(REVIEWABLE_STATUSES as readonly string[]).includes(locked.status)) {
    throw notFound(PROBLEM_NOT_FOUND);
  }
  if (locked.notifiedAt) throw conflict(ALREADY_NOTIFIED);
  return locked.status;
}

export async function decideOnProblem(
  db: Db,
  caller: Caller,
  access: ProblemAccess,
  input: DecisionInput,
  now: Date,
): Promise<{ projectSlug: string | null; removedProjectSlug: string | null }> {
  const { problem, call } = access;
  return db.transaction(async (tx) => {
    const before = await lockUndecidedOrChangeable(tx, access);
    const removedProjectSlug =
      before === 'retenu' && input.decision !== 'retenu'
        ? await removeProjectOfProblem(tx, problem.id)
        : null;
    await setDecision(tx, problem.id, {
      decision: input.decision,
      note: input.message,
      redirectTo: input.redirection,
      agentId: caller.actor.agentId,
      now,
    });
    let projectSlug: string | null = null;
    if (input.decision === 'retenu') {
      const existing = await projectOfProblem(tx, problem.id);
      projectSlug = existing?.slug ?? null;
      if (!existing) {
        const project = await createProjectForProblem(
          tx,
          problem,
          { id: call.cohortId, startsOn: call.cohortStartsOn },
          localDayOf(now),
          now,
        );
        projectSlug = project.slug;
        await recordAudit(tx, caller.audit, {
          action: 'create',
          resourceType: 'programme_project',
          resourceId: project.id,
          territoryId: problem.territoryId,
          details: { problemId: problem.id, slug: project.slug },
        });
      }
    }
    await recordAudit(tx, caller.audit, {
      action: 'update',
      resourceType: 'programme_problem_decision',
      resourceId: problem.id,
      organisationId: problem.organisationId,
      territoryId: problem.territoryId,
      details: { before, decision: input.decision, removedProjectSlug },
    });
    return { projectSlug, removedProjectSlug };
  });
}

/** Back to « recevable », awaiting a decision (its project removed under the same rule). */
export async function withdrawDecision(
  db: Db,
  caller: Caller,
  access: ProblemAccess,
  now: Date,
): Promise<{ removedProjectSlug: string | null }> {
  const { problem } = access;
  return db.transaction(async (tx) => {
    const before = await lockUndecidedOrChangeable(tx, access);
    if (before === 'recevable') return { removedProjectSlug: null };
    const removedProjectSlug = before === 'retenu' ? await removeProjectOfProblem(tx, problem.id) : null;
    await clearDecision(tx, problem.id, now);
    await recordAudit(tx, caller.audit, {
      action: 'update',
      resourceType: 'programme_problem_decision',
      resourceId: problem.id,
      organisationId: problem.organisationId,
      territoryId: problem.territoryId,
      details: { before, decision: null, removedProjectSlug },
    });
    return { removedProjectSlug };
  });
}
