import type { Actor, SignedIn } from '../auth/actor.ts';
import { can, territoriesAdministered } from '../auth/permissions.ts';
import type { OrganisationKind } from './organisation.repository.ts';

/**
 * Who may do what in the administration pages, built on the platform's `can()` (auth/permissions.ts).
 * Rules that need more than one record (deactivating an account that several organisations share)
 * live here.
 */

/** The "Administration" entry of the navigation: operators and admins of at least one organisation. */
export function seesAdministration(auth: SignedIn | null): boolean {
  if (!auth) return false;
  return auth.actor.isOperator || auth.actor.memberships.some((m) => m.role === 'admin');
}

/** Whether the actor may create organisations somewhere (an operator anywhere, an admin in their territories). */
export function mayCreateOrganisations(actor: Actor): boolean {
  const territories = territoriesAdministered(actor);
  return territories === 'all' || territories.length > 0;
}

/** The incubator runs the programme across territories: only operators create one. */
export function organisationKindsFor(actor: Actor): OrganisationKind[] {
  const kinds: OrganisationKind[] = ['uts', 'direction', 'ccas', 'service', 'autre'];
  return actor.isOperator ? [...kinds, 'incubateur'] : kinds;
}

/**
 * An account is shared by every organisation its agent belongs to, so deactivating it (which signs
 * them out everywhere) is for operators, or for an admin who administers every one of those
 * organisations. Nobody deactivates their own account, and only operators touch an operator's.
 */
export function mayChangeAccountStatus(
  actor: Actor,
  target: { agentId: string; isOperator: boolean; organisationIds: string[] },
): boolean {
  if (target.agentId === actor.agentId) return false;
  if (actor.isOperator) return true;
  if (target.isOperator) return false;
  return (
    target.organisationIds.length > 0 &&
    target.organisationIds.every((organisationId) => can(actor, 'organisation.manage', { organisationId }))
  );
}
