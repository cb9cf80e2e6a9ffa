import type { Db } from '../../db/client.ts';
import { forbidden, invalid } from '../../errors.ts';
import type { Caller } from '../../tenancy/caller.ts';
import { canSchedule } from '../policy.ts';
import { organisationAgents, type SettingsOrganisation } from './organisation-context.service.ts';

/**
 * Opening slots and absences belong to an agent: an admin manages everyone's, an agent their own
 * (policy.ts, scheduling.manageAgentTime). Shared by both services.
 */
export function mayManageTimeOf(caller: Caller, organisationId: string, agentId: string): boolean {
  return canSchedule(caller.actor, 'scheduling.manageAgentTime', { organisationId, agentId });
}

export function assertMayManageTimeOf(caller: Caller, organisationId: string, agentId: string): void {
  if (!mayManageTimeOf(caller, organisationId, agentId)) {
    throw forbidden('Vous ne pouvez modifier que vos propres plages d’ouverture et absences.');
  }
}

/** The agent chosen in a form: one of the organisation's agents whose time the caller may manage. */
export async function checkChosenAgent(
  db: Db,
  caller: Caller,
  organisation: SettingsOrganisation,
  agentId: string,
): Promise<void> {
  const agents = await organisationAgents(db, organisation.id);
  if (!agents.some((a) => a.id === agentId)) {
    throw invalid({ agentId: 'Choisissez un agent de l’organisation.' });
  }
  if (!mayManageTimeOf(caller, organisation.id, agentId)) {
    throw invalid({ agentId: 'Vous ne pouvez gérer que vos propres plages d’ouverture et absences.' });
  }
}

/** « 1 rendez-vous », « 3 rendez-vous » (the word does not change in the plural). */
export function appointmentCount(n: number): string {
  return `${n} rendez-vous`;
}
