import type { Actor } from '../../platform/auth/actor.ts';
import { membershipIn } from '../../platform/auth/permissions.ts';

/**
 * Who may do what with RSA beneficiaries. A record belongs to the organisation that follows the
 * person, inside a territory (the département):
 * - members of that organisation, and members of a « direction » of the same territory (the
 *   département's insertion service, which imports the lists and watches the whole territory), see it;
 * - their admins and agents (not read-only members) import, invite, edit, note and decide;
 * - admins set the organisation's RSA settings (invitation validity, retention, NIR).
 * Operators may do everything. Anything else: the record does not exist for them (404).
 */
export type RsaAction = 'rsa.view' | 'rsa.manage' | 'rsa.configure';

export type RsaResource = { organisationId: string; territoryId: string | null };

export function canRsa(actor: Actor, action: RsaAction, resource: RsaResource): boolean {
  if (actor.isOperator) return true;
  const roles = [
    membershipIn(actor, resource.organisationId)?.role,
    ...actor.memberships
      .filter(
        (m) => m.organisationKind === 'direction' && m.territoryId && m.territoryId === resource.territoryId,
      )
      .map((m) => m.role),
  ].filter((role) => role !== undefined);
  switch (action) {
    case 'rsa.view':
      return roles.length > 0;
    case 'rsa.manage':
      return roles.some((role) => role === 'admin' || role === 'agent');
    case 'rsa.configure':
      return membershipIn(actor, resource.organisationId)?.role === 'admin';
  }
}

/** What an agent's lists may show: whole territories (directions), single organisations, or everything. */
export type RsaScope = 'all' | { territoryIds: string[]; organisationIds: string[] };

export function rsaScope(actor: Actor): RsaScope {
  if (actor.isOperator) return 'all';
  return {
    territoryIds: actor.memberships
      .filter((m) => m.organisationKind === 'direction' && m.territoryId)
      .map((m) => m.territoryId!),
    organisationIds: actor.memberships.map((m) => m.organisationId),
  };
}
