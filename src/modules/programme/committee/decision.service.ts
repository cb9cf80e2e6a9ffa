import { recordAudit } from '../../../platform/audit/audit.ts';
import type { Db } from '../../../platform/db/client.ts';
import { conflict, forbidden, invalid } from '../../../platform/errors.ts';
import type { Caller } from '../../../platform/tenancy/caller.ts';
import type { CommitteeDossier, ItemView } from './access.ts';
import {
  clearDecision,
  deletePhase,
  insertPhase,
  lockCommittee,
  lockItem,
  phasesOf,
  setDecision,
  setPhaseEnd,
} from './committee.repository.ts';
import type { Decision } from './conflicts.ts';
import { planPhaseChange, undoPhaseChange } from './phases.ts';
import type { DecisionInput } from './schemas.ts';

/**
 * The chair (the cohort's staff) records the committee's decision on a project, and the project's
 * phases follow in the same transaction (phases.ts): go opens « construction », stop opens « abandon »
 * with the post-mortem, provisoire changes nothing. Until the minutes are published the decision can
 * be corrected or withdrawn: the previous decision's phase change is undone first.
 */

type Tx = Db;

const frenchDay = (day: string) => day.split('-').reverse().join('/');

function requireChair(dossier: CommitteeDossier) {
  if (!dossier.viewer.isStaff)
    throw forbidden('Seule l’équipe d’animation de la saison enregistre les décisions du comité.');
}

async function lockOpenItem(tx: Tx, dossier: CommitteeDossier, item: ItemView) {
  const committee = await lockCommittee(tx, dossier.committee.id);
  if (committee?.minutesPublishedAt)
    throw conflict('Le compte rendu est publié : la décision ne peut plus être corrigée.');
  return lockItem(tx, item.id);
}

async function undoPrevious(tx: Tx, dossier: CommitteeDossier, item: ItemView, previous: Decision) {
  const undo = undoPhaseChange(previous, await phasesOf(tx, item.project.id), dossier.day);
  if (undo.deleteId) await deletePhase(tx, undo.deleteId);
  if (undo.reopenId) await setPhaseEnd(tx, undo.reopenId, null);
  return undo;
}

export async function decideOnProject(
  db: Db,
  caller: Caller,
  dossier: CommitteeDossier,
  item: ItemView,
  input: DecisionInput,
  now: Date,
): Promise<void> {
  requireChair(dossier);
  await db.transaction(async (tx) => {
    const locked = await lockOpenItem(tx, dossier, item);
    const previous = locked?.decision ?? null;
    const undone = previous ? await undoPrevious(tx, dossier, item, previous) : null;
    const comment =
      input.decision === 'stop'
        ? input.postMortem
        : `Décision « ${input.decision} » du comité « ${dossier.committee.title} » du ${frenchDay(dossier.day)}.`;
    const plan = planPhaseChange(input.decision, await phasesOf(tx, item.project.id), dossier.day, comment);
    // Thrown inside the transaction: the undo above rolls back with it.
    if ('error' in plan) throw invalid({ decision: plan.error });
    if (plan.close) await setPhaseEnd(tx, plan.close.id, plan.close.endsOn);
    if (plan.open) await insertPhase(tx, { projectId: item.project.id, ...plan.open });
    await setDecision(tx, item.id, { ...input, by: caller.actor.agentId, at: now });
    await recordAudit(tx, caller.audit, {
      action: previous ? 'update' : 'create',
      resourceType: 'programme_committee_decision',
      resourceId: item.id,
      organisationId: dossier.facts.incubatorOrganisationId,
      territoryId: item.project.territoryId,
      details: {
        committeeId: dossier.committee.id,
        projectId: item.project.id,
        decision: input.decision,
        previous,
        phaseUndone: undone,
        phaseClosed: plan.close,
        phaseOpened: plan.open ? { phase: plan.open.phase, startsOn: plan.open.startsOn } : null,
      },
    });
  });
}

/** Takes the decision back (and its phase change): the item is open for votes again. */
export async function withdrawDecision(
  db: Db,
  caller: Caller,
  dossier: CommitteeDossier,
  item: ItemView,
): Promise<void> {
  requireChair(dossier);
  await db.transaction(async (tx) => {
    const locked = await lockOpenItem(tx, dossier, item);
    if (!locked?.decision) return;
    const undone = await undoPrevious(tx, dossier, item, locked.decision);
    await clearDecision(tx, item.id);
    await recordAudit(tx, caller.audit, {
      action: 'delete',
      resourceType: 'programme_committee_decision',
      resourceId: item.id,
      organisationId: dossier.facts.incubatorOrganisationId,
      territoryId: item.project.territoryId,
      details: { committeeId: dossier.committee.id, previous: locked.decision, phaseUndone: undone },
    });
  });
}
