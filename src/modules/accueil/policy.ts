import type { Actor } from '../../platform/auth/actor.ts';
import { membershipIn } from '../../platform/auth/permissions.ts';

/**
 * Who may do what with a line. A line belongs to one organisation (the UTS):
 * - its members see the statistics (read-only members included);
 * - its admins and agents handle the console: callback tickets, voicemails, callers' histories;
 * - its admins configure the line: flow, opening hours, closures, transfer numbers, prompts, retention.
 * Operators may do everything. Anyone else: the line does not exist for them (404).
 */
export type AccueilAction = 'accueil.stats' | 'accueil.console' | 'accueil.configure';

export type LineResource = { organisationId: string };

export function canAccueil(actor: Actor, action: AccueilAction, line: LineResource): boolean {
  if (actor.isOperator) return true;
  const role = membershipIn(actor, line.organisationId)?.role;
  if (!role) return false;
  switch (action) {
    case 'accueil.stats':
      return true;
    case 'accueil.console':
      return role === 'admin' || role === 'agent';
    case 'accueil.configure':
      return role === 'admin';
  }
}

/** The organisations whose lines an agent may see (null: every one, for operators). */
export function accueilOrganisations(actor: Actor): string[] | null {
  if (actor.isOperator) return null;
  return actor.memberships.map((m) => m.organisationId);
}
