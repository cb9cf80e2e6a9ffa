import type { Actor } from '../auth/actor.ts';
import { membershipIn } from '../auth/permissions.ts';

/**
 * Who may do what with appointments. Every rule is scoped to the organisation that owns the record:
 * - any member (even read-only) sees the organisation's agendas, appointments and statistics;
 * - admins and agents book for a person, change statuses, cancel and move appointments;
 * - admins set up places, appointment types, sectorisation and webhooks, and any agent's opening
 *   slots and absences; an agent manages their own opening slots and absences.
 * Operators may do everything.
 */
export type SchedulingAction =
  | 'scheduling.view'
  | 'scheduling.book'
  | 'scheduling.configure'
  | 'scheduling.manageAgentTime';

export type SchedulingResource = { organisationId: string; agentId?: string };

export function canSchedule(actor: Actor, action: SchedulingAction, resource: SchedulingResource): boolean {
  if (actor.isOperator) return true;
  const role = membershipIn(actor, resource.organisationId)?.role;
  if (!role) return false;
  switch (action) {
    case 'scheduling.view':
      return true;
    case 'scheduling.book':
      return role === 'admin' || role === 'agent';
    case 'scheduling.configure':
      return role === 'admin';
    case 'scheduling.manageAgentTime':
      return role === 'admin' || (role === 'agent' && resource.agentId === actor.agentId);
  }
}

/** The organisations whose appointments the actor may list ('all' for operators). */
export function schedulingScope(actor: Actor): 'all' | string[] {
  if (actor.isOperator) return 'all';
  return actor.memberships.map((m) => m.organisationId);
}
