import { recordAudit } from '../../../platform/audit/audit.ts';
import type { Db } from '../../../platform/db/client.ts';
import { forbidden, invalid } from '../../../platform/errors.ts';
import { queueMessage } from '../../../platform/messaging/outbox.service.ts';
import type { Platform } from '../../../platform/platform.ts';
import type { Caller } from '../../../platform/tenancy/caller.ts';
import { committeeDecisionLabels } from '../labels.ts';
import type { CommitteeDossier } from './access.ts';
import { agentsByIds, lockCommittee, markMinutesPublished, saveMinutes } from './committee.repository.ts';
import { longDay } from './format.ts';
import { itemPath } from './paths.ts';
import { MINUTES, type MinutesMessage } from './templates.ts';

/**
 * The minutes: the chair writes them (saved as a draft, seen by staff and members), then publishes
 * them once every project has its decision. Publishing closes the committee (no more corrections)
 * and emails each team member and the coach of every project on the agenda, once: the committee row
 * is marked in the same transaction and each message has its idempotency key.
 */

function requireChair(dossier: CommitteeDossier) {
  if (!dossier.viewer.isStaff)
    throw forbidden('Seule l’équipe d’animation de la saison rédige et publie le compte rendu.');
}

export async function writeMinutes(db: Db, dossier: CommitteeDossier, text: string): Promise<void> {
  requireChair(dossier);
  await db.transaction(async (tx) => {
    if ((await lockCommittee(tx, dossier.committee.id))?.minutesPublishedAt)
      throw invalid({ compte_rendu: 'Le compte rendu est déjà publié : il ne peut plus être modifié.' });
    await saveMinutes(tx, dossier.committee.id, text);
  });
}

/** Saves and publishes; false when the minutes were already published (nothing is sent again). */
export async function publishMinutes(
  platform: Platform,
  caller: Caller,
  dossier: CommitteeDossier,
  text: string,
  now: Date,
): Promise<boolean> {
  requireChair(dossier);
  if (dossier.committee.minutesPublishedAt) return false;
  const errors: Record<string, string> = {};
  const undecided = dossier.items.filter((i) => !i.decision);
  if (!text) errors.compte_rendu = 'Écrivez le compte rendu avant de le publier.';
  else if (undecided.length)
    errors.compte_rendu = `Enregistrez d’abord la décision sur ${undecided
      .map((i) => `« ${i.project.title} »`)
      .join(', ')} : le compte rendu se publie quand tous les projets ont leur décision.`;
  if (Object.keys(errors).length) throw invalid(errors);

  const db = platform.database.db;
  return db.transaction(async (tx) => {
    await saveMinutes(tx, dossier.committee.id, text);
    if (!(await markMinutesPublished(tx, dossier.committee.id, now))) return false;
    const coachIds = dossier.items.flatMap((i) => (i.project.coachAgentId ? [i.project.coachAgentId] : []));
    const coaches = new Map((await agentsByIds(tx, coachIds)).map((a) => [a.id, a]));
    let queued = 0;
    for (const item of dossier.items) {
      const recipients = new Map<string, { email: string; firstName: string; lastName: string }>();
      // The team as it stood on the committee's day, and the coach.
      for (const member of item.team)
        if (!member.deactivatedAt && (!member.leftOn || member.leftOn >= dossier.day))
          recipients.set(member.agentId, member);
      const coach = item.project.coachAgentId ? coaches.get(item.project.coachAgentId) : undefined;
      if (coach && !coach.deactivatedAt) recipients.set(coach.id, coach);
      for (const [agentId, person] of recipients) {
        const data: MinutesMessage = {
          firstName: person.firstName,
          projectTitle: item.project.title,
          committeeTitle: dossier.committee.title,
          committeeDay: longDay(dossier.day),
          decision: committeeDecisionLabels[item.decision!],
          path: itemPath(dossier.committee.id, item.id),
        };
        await queueMessage(
          tx,
          platform.messaging,
          {
            channel: 'email',
            template: MINUTES,
            recipient: person.email,
            recipientName: `${person.firstName} ${person.lastName}`,
            data,
            idempotencyKey: `programme:committee:${dossier.committee.id}:minutes:${item.id}:${agentId}`,
            organisationId: dossier.facts.incubatorOrganisationId,
            territoryId: item.project.territoryId,
          },
          now,
        );
        queued++;
      }
    }
    await recordAudit(tx, caller.audit, {
      action: 'update',
      resourceType: 'programme_committee',
      resourceId: dossier.committee.id,
      organisationId: dossier.facts.incubatorOrganisationId,
      details: { minutesPublished: true, emails: queued },
    });
    return true;
  });
}
