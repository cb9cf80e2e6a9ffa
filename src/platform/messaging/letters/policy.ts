import type { Actor } from '../../auth/actor.ts';
import { can, membershipIn } from '../../auth/permissions.ts';

/**
 * Who may do what with an organisation's letters, built on the platform's `can()`:
 * - every member (admin, agent, read-only) sees the letters to print and the batches, and downloads
 *   their PDF (downloads are audited as exports: they hold names and postal addresses);
 * - admins and agents make batches and mark them posted — read-only members do not change anything;
 * - operators may do everything, as everywhere.
 */
export function mayViewLetters(actor: Actor, organisationId: string): boolean {
  return can(actor, 'organisation.view', { organisationId });
}

export function mayPrintLetters(actor: Actor, organisationId: string): boolean {
  if (actor.isOperator) return true;
  const role = membershipIn(actor, organisationId)?.role;
  return role === 'admin' || role === 'agent';
}
