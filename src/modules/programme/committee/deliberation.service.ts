import { recordAudit } from '../../../platform/audit/audit.ts';
import type { Db } from '../../../platform/db/client.ts';
import { conflict, forbidden } from '../../../platform/errors.ts';
import type { Caller } from '../../../platform/tenancy/caller.ts';
import type { CommitteeDossier, ItemView } from './access.ts';
import {
  deleteProjectConflict,
  lockItem,
  upsertProjectConflict,
  upsertVote,
} from './committee.repository.ts';
import { describeConflict } from './conflicts.ts';

/**
 * What members do before the decision: declare a conflict of interest on a project, and vote (a
 * score 0–4 and the decision they favour). Votes can be changed until the chair records the decision;
 * a conflicted member's vote is refused (403, with the reason) and never counted.
 */

function requireMember(dossier: CommitteeDossier, what: string) {
  if (!dossier.viewer.isMember) throw forbidden(`Seuls les membres du comité ${what}.`);
}

function requireOpen(dossier: CommitteeDossier) {
  if (dossier.committee.minutesPublishedAt)
    throw conflict('Le compte rendu est publié : le comité est clos.');
}

export async function declareConflict(
  db: Db,
  caller: Caller,
  dossier: CommitteeDossier,
  item: ItemView,
  reason: string,
  now: Date,
): Promise<void> {
  requireMember(dossier, 'déclarent un conflit d’intérêts');
  requireOpen(dossier);
  await db.transaction(async (tx) => {
    const row = await upsertProjectConflict(tx, {
      agentId: caller.actor.agentId,
      projectId: item.project.id,
      reason,
      at: now,
    });
    await recordAudit(tx, caller.audit, {
      action: 'create',
      resourceType: 'programme_conflict',
      resourceId: row.id,
      organisationId: dossier.facts.incubatorOrganisationId,
      details: { projectId: item.project.id, committeeId: dossier.committee.id },
    });
  });
}

/** Withdraws the member's own declaration (automatic conflicts cannot be withdrawn: they follow the team). */
export async function withdrawConflict(
  db: Db,
  caller: Caller,
  dossier: CommitteeDossier,
  item: ItemView,
): Promise<boolean> {
  requireMember(dossier, 'déclarent un conflit d’intérêts');
  requireOpen(dossier);
  return db.transaction(async (tx) => {
    const removed = await deleteProjectConflict(tx, caller.actor.agentId, item.project.id);
    if (removed)
      await recordAudit(tx, caller.audit, {
        action: 'delete',
        resourceType: 'programme_conflict',
        organisationId: dossier.facts.incubatorOrganisationId,
        details: { projectId: item.project.id, committeeId: dossier.committee.id },
      });
    return removed;
  });
}

export type VoteInput = { note: number; avis: 'go' | 'provisoire' | 'stop'; commentaire: string };

export async function castVote(
  db: Db,
  caller: Caller,
  dossier: CommitteeDossier,
  item: ItemView,
  input: VoteInput,
  now: Date,
): Promise<void> {
  requireMember(dossier, 'votent');
  const reasons = item.conflicts.get(caller.actor.agentId);
  if (reasons)
    throw forbidden(
      `Vous êtes en conflit d’intérêts sur ce projet (${reasons.map(describeConflict).join(' ; ')}) : vous ne votez pas.`,
    );
  requireOpen(dossier);
  await db.transaction(async (tx) => {
    const locked = await lockItem(tx, item.id);
    if (locked?.decision) throw conflict('La décision est enregistrée : les votes sont clos pour ce projet.');
    await upsertVote(tx, {
      itemId: item.id,
      memberAgentId: caller.actor.agentId,
      score: input.note,
      vote: input.avis,
      comment: input.commentaire,
      at: now,
    });
  });
}
