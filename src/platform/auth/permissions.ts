import type { Actor, Membership } from './actor.ts';

/**
 * The one place that decides who may do what on the platform's own records. Modules keep their
 * rules in their own policy.ts, built on the same helpers (membershipIn, isIncubatorStaff).
 *
 * - Operators (super-admins) may do everything.
 * - An organisation's admins manage it: members, roles, API tokens.
 * - Any member (agent or read-only) may view their organisation and its members.
 * - Admins of any organisation of a territory may create organisations in that territory.
 * - Members see their organisation's messages; its admins and agents (not read-only members) may
 *   send a failed one again; admins of any organisation may preview the message templates.
 */
export type Action =
  | 'organisation.view'
  | 'organisation.manage'
  | 'territory.createOrganisation'
  | 'territory.manage'
  | 'audit.view'
  | 'outbox.view'
  | 'message.view'
  | 'message.retry'
  | 'message.previewTemplates';

export type Resource = { organisationId?: string | null; territoryId?: string | null };

export function can(actor: Actor, action: Action, resource: Resource = {}): boolean {
  if (actor.isOperator) return true;
  switch (action) {
    case 'organisation.view':
    case 'message.view':
      return membershipIn(actor, resource.organisationId) !== undefined;
    case 'message.retry': {
      const role = membershipIn(actor, resource.organisationId)?.role;
      return role === 'admin' || role === 'agent';
    }
    case 'message.previewTemplates':
      return actor.memberships.some((m) => m.role === 'admin');
    case 'organisation.manage':
      return membershipIn(actor, resource.organisationId)?.role === 'admin';
    case 'territory.createOrganisation':
      return (
        resource.territoryId != null &&
        actor.memberships.some((m) => m.territoryId === resource.territoryId && m.role === 'admin')
      );
    case 'territory.manage':
    case 'audit.view':
    case 'outbox.view':
      return false;
  }
}

export function membershipIn(
  actor: Actor,
  organisationId: string | null | undefined,
): Membership | undefined {
  if (!organisationId) return undefined;
  return actor.memberships.find((m) => m.organisationId === organisationId);
}

/** List scope: the organisations whose records the actor may list, or 'all' for operators. */
export function organisationScope(
  actor: Actor,
  action: 'organisation.view' | 'organisation.manage',
): 'all' | string[] {
  if (actor.isOperator) return 'all';
  return actor.memberships
    .filter((m) => (action === 'organisation.manage' ? m.role === 'admin' : true))
    .map((m) => m.organisationId);
}

/** Territories in which the actor may create organisations ('all' for operators). */
export function territoriesAdministered(actor: Actor): 'all' | string[] {
  if (actor.isOperator) return 'all';
  return [
    ...new Set(
      actor.memberships.filter((m) => m.role === 'admin' && m.territoryId).map((m) => m.territoryId!),
    ),
  ];
}

/** Staff of the incubator that runs the pre-incubation programme across territories. */
export function isIncubatorStaff(actor: Actor): boolean {
  return actor.memberships.some((m) => m.organisationKind === 'incubateur');
}
