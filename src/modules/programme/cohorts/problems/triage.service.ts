import { recordAudit } from '../../../../platform/audit/audit.ts';
import type { Db } from '../../../../platform/db/client.ts';
import { forbidden, invalid } from '../../../../platform/errors.ts';
import type { Caller } from '../../../../platform/tenancy/caller.ts';
import { problemById } from '../access.repository.ts';
import { type OpenProblem, openProblem } from '../access.ts';
import { mergeProblemRows, setPrescreen } from './problems.repository.ts';

/**
 * The staff's first pass over submitted problems: merging duplicates and pre-screening (recevable or
 * not, with a note the agent reads). Both before the jury decides; both audited.
 */

/** Statuses where the staff may still pre-screen or merge: submitted, and not yet decided by the jury. */
export const TRIAGE_STATUSES = ['soumis', 'recevable', 'irrecevable'] as const;

const inTriage = (status: string) => (TRIAGE_STATUSES as readonly string[]).includes(status);

async function openForStaff(db: Db, caller: Caller, problemId: string): Promise<OpenProblem> {
  const open = await openProblem(db, caller.actor, problemId);
  if (!open.roles.staff) throw forbidden('Seule l’équipe du programme trie les problèmes soumis.');
  if (!inTriage(open.problem.status))
    throw forbidden('Ce problème n’est plus au stade du tri : il a été fusionné ou le jury a décidé.');
  return open;
}

/** Merges a duplicate into another problem of the same call (see mergeProblemRows), in one transaction. */
export async function mergeDuplicate(
  db: Db,
  caller: Caller,
  duplicateId: string,
  keptId: string,
  now: Date,
): Promise<string> {
  const { problem: duplicate, cohort } = await openForStaff(db, caller, duplicateId);
  const kept = keptId === duplicate.id ? undefined : await problemById(db, keptId);
  if (!kept || kept.callId !== duplicate.callId || kept.status === 'brouillon' || kept.status === 'fusionne')
    throw invalid({ dans: 'Choisissez un autre problème soumis au même appel, non fusionné.' });
  await db.transaction(async (tx) => {
    await mergeProblemRows(tx, duplicate, kept, now);
    await recordAudit(tx, caller.audit, {
      action: 'update',
      resourceType: 'programme_problem',
      resourceId: duplicate.id,
      organisationId: cohort.incubatorOrganisationId,
      details: { change: 'fusion', mergedInto: kept.id },
    });
  });
  return kept.id;
}

export async function prescreenProblem(
  db: Db,
  caller: Caller,
  problemId: string,
  input: { decision: 'recevable' | 'irrecevable'; note: string },
  now: Date,
): Promise<void> {
  const { problem, cohort } = await openForStaff(db, caller, problemId);
  await db.transaction(async (tx) => {
    await setPrescreen(tx, problem.id, {
      status: input.decision,
      note: input.note,
      agentId: caller.actor.agentId,
      at: now,
    });
    await recordAudit(tx, caller.audit, {
      action: 'update',
      resourceType: 'programme_problem',
      resourceId: problem.id,
      organisationId: cohort.incubatorOrganisationId,
      details: { change: 'preexamen', decision: input.decision, previous: problem.status },
    });
  });
}
