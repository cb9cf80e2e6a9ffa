import { recordAudit } from '../../../platform/audit/audit.ts';
import type { Db } from '../../../platform/db/client.ts';
import { invalid, notFound } from '../../../platform/errors.ts';
import type { Caller } from '../../../platform/tenancy/caller.ts';
import type { OpenedProject } from './access.ts';
import { checkEdit, type PhaseErrors, type PhaseInput, planAddition, planDeletion } from './phases.ts';
import { deletePhase, insertPhase, lockProject, phasesOf, updatePhase } from './projects.repository.ts';

/**
 * The staff keep the phase timeline (a committee decides a change of phase; the staff record it, or
 * correct a row). Each change locks the project's row, reads the timeline, checks the whole result
 * (phases.ts) and writes it in one transaction: two changes at once cannot make phases overlap.
 */

function refuse(errors: PhaseErrors): never {
  throw invalid(errors as Record<string, string>, 'Les dates de cette phase ne conviennent pas.');
}

async function timelineOf(tx: Db, opened: OpenedProject) {
  await lockProject(tx, opened.project.id);
  return phasesOf(tx, [opened.project.id]);
}

async function audit(tx: Db, caller: Caller, opened: OpenedProject, details: Record<string, unknown>) {
  await recordAudit(tx, caller.audit, {
    action: 'update',
    resourceType: 'programme_project',
    resourceId: opened.project.id,
    territoryId: opened.project.territoryId,
    details,
  });
}

/** Opens a phase; the open one is closed the day before it begins. */
export async function addProjectPhase(db: Db, caller: Caller, opened: OpenedProject, input: PhaseInput) {
  return db.transaction(async (tx) => {
    const rows = await timelineOf(tx, opened);
    const plan = planAddition(rows, input);
    if (!plan.ok) refuse(plan.errors);
    if (plan.close) await updatePhase(tx, opened.project.id, plan.close.id, { endsOn: plan.close.endsOn });
    const row = await insertPhase(tx, opened.project.id, input);
    await audit(tx, caller, opened, { change: 'ajout', ...input });
    return row;
  });
}

export async function editProjectPhase(
  db: Db,
  caller: Caller,
  opened: OpenedProject,
  phaseId: string,
  input: PhaseInput,
) {
  await db.transaction(async (tx) => {
    const rows = await timelineOf(tx, opened);
    if (!rows.some((r) => r.id === phaseId)) throw notFound('Cette phase n’existe pas.');
    const errors = checkEdit(rows, phaseId, input);
    if (errors) refuse(errors);
    await updatePhase(tx, opened.project.id, phaseId, input);
    await audit(tx, caller, opened, { change: 'modification', phaseId, ...input });
  });
}

export async function deleteProjectPhase(db: Db, caller: Caller, opened: OpenedProject, phaseId: string) {
  await db.transaction(async (tx) => {
    const rows = await timelineOf(tx, opened);
    if (!rows.some((r) => r.id === phaseId)) throw notFound('Cette phase n’existe pas.');
    const plan = planDeletion(rows, phaseId);
    if (!plan.ok) refuse(plan.errors);
    await deletePhase(tx, opened.project.id, phaseId);
    if (plan.reopen) await updatePhase(tx, opened.project.id, plan.reopen, { endsOn: null });
    await audit(tx, caller, opened, { change: 'suppression', phaseId });
  });
}

/** The timeline as the edit page shows it. */
export async function projectPhases(db: Db, opened: OpenedProject) {
  return phasesOf(db, [opened.project.id]);
}
