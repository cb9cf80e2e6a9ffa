import { eq } from 'drizzle-orm';
import type { Db } from '../../platform/db/client.ts';
import { beneficiaries, beneficiaryStatusChanges } from './tables.ts';

export type BeneficiaryStatus = (typeof beneficiaries.$inferSelect)['status'];
export type StatusChangedBy = (typeof beneficiaryStatusChanges.$inferSelect)['changedBy'];

/** In the order of the journey: lists, filters and statistics show them this way. */
export const beneficiaryStatuses: BeneficiaryStatus[] = [
  'non_invite',
  'invitation_envoyee',
  'invitation_expiree',
  'rdv_pris',
  'rdv_a_statuer',
  'absent',
  'excuse',
  'annule',
  'rdv_honore',
  'oriente',
  'clos',
];

export const statusLabels: Record<BeneficiaryStatus, string> = {
  non_invite: 'Non invité',
  invitation_envoyee: 'Invitation envoyée',
  invitation_expiree: 'Invitation expirée',
  rdv_pris: 'RDV pris',
  rdv_a_statuer: 'RDV à statuer',
  absent: 'Absent',
  excuse: 'Excusé',
  annule: 'Annulé',
  rdv_honore: 'RDV honoré',
  oriente: 'Orienté',
  clos: 'Clos',
};

/** DSFR badge severity per status (fr-badge--…), so a list reads at a glance. */
export const statusSeverity: Record<BeneficiaryStatus, 'info' | 'success' | 'warning' | 'error' | 'new'> = {
  non_invite: 'new',
  invitation_envoyee: 'info',
  invitation_expiree: 'warning',
  rdv_pris: 'info',
  rdv_a_statuer: 'warning',
  absent: 'error',
  excuse: 'warning',
  annule: 'warning',
  rdv_honore: 'success',
  oriente: 'success',
  clos: 'new',
};

/** The person can be invited (again): nobody is waiting for a booked meeting and the file is open. */
export function canBeInvited(status: BeneficiaryStatus): boolean {
  return ['non_invite', 'invitation_envoyee', 'invitation_expiree', 'absent', 'excuse', 'annule'].includes(
    status,
  );
}

/**
 * Moves a beneficiary to a status and writes it in the history, in the caller's transaction. Nothing
 * is written when the status does not change. Every change counts as activity (anonymisation clock).
 */
export async function setBeneficiaryStatus(
  tx: Db,
  beneficiaryId: string,
  to: BeneficiaryStatus,
  change: { by: StatusChangedBy; agentId?: string | null; reason?: string | null; at?: Date },
): Promise<boolean> {
  const at = change.at ?? new Date();
  const [current] = await tx
    .select({ status: beneficiaries.status })
    .from(beneficiaries)
    .where(eq(beneficiaries.id, beneficiaryId))
    .for('update');
  if (!current || current.status === to) return false;
  await tx
    .update(beneficiaries)
    .set({ status: to, statusChangedAt: at, lastActivityAt: at, updatedAt: at })
    .where(eq(beneficiaries.id, beneficiaryId));
  await tx.insert(beneficiaryStatusChanges).values({
    beneficiaryId,
    fromStatus: current.status,
    toStatus: to,
    changedBy: change.by,
    changedByAgentId: change.agentId ?? null,
    reason: change.reason ?? null,
    changedAt: at,
  });
  return true;
}
