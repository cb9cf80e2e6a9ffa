import { recordAudit } from '../audit/audit.ts';
import { revokeAllSessionsOf } from '../auth/session.repository.ts';
import type { Db } from '../db/client.ts';
import { forbidden } from '../errors.ts';
import type { Caller } from './caller.ts';
import { type Member, organisationIdsOf, setAgentDeactivatedAt } from './member.repository.ts';
import { openMember } from './member.service.ts';
import type { Organisation } from './organisation.repository.ts';
import { mayChangeAccountStatus } from './policy.ts';

/**
 * Deactivating an account stops the person from using the platform at once: every open session is
 * revoked in the same transaction, and session loading and sign-in links both ignore deactivated
 * agents (auth/session.repository.ts, auth/login-link.repository.ts). Memberships are kept, so that
 * reactivating gives back the same access.
 */
export async function deactivateAgent(
  db: Db,
  caller: Caller,
  slug: string,
  agentId: string,
  now = new Date(),
): Promise<{ organisation: Organisation; member: Member; sessionsRevoked: number }> {
  const { organisation, member } = await openForStatusChange(db, caller, slug, agentId);
  if (member.deactivatedAt) return { organisation, member, sessionsRevoked: 0 };
  const sessionsRevoked = await db.transaction(async (tx) => {
    await setAgentDeactivatedAt(tx, member.agentId, now);
    const revoked = await revokeAllSessionsOf(tx, member.agentId);
    await recordAudit(tx, caller.audit, {
      action: 'update',
      resourceType: 'agent',
      resourceId: member.agentId,
      organisationId: organisation.id,
      territoryId: organisation.territoryId,
      details: { deactivated: true, sessionsRevoked: revoked },
    });
    return revoked;
  });
  return { organisation, member, sessionsRevoked };
}

export async function reactivateAgent(
  db: Db,
  caller: Caller,
  slug: string,
  agentId: string,
): Promise<{ organisation: Organisation; member: Member }> {
  const { organisation, member } = await openForStatusChange(db, caller, slug, agentId);
  if (!member.deactivatedAt) return { organisation, member };
  await db.transaction(async (tx) => {
    await setAgentDeactivatedAt(tx, member.agentId, null);
    await recordAudit(tx, caller.audit, {
      action: 'update',
      resourceType: 'agent',
      resourceId: member.agentId,
      organisationId: organisation.id,
      territoryId: organisation.territoryId,
      details: { deactivated: false },
    });
  });
  return { organisation, member };
}

async function openForStatusChange(db: Db, caller: Caller, slug: string, agentId: string) {
  const opened = await openMember(db, caller, slug, agentId);
  const target = {
    agentId: opened.member.agentId,
    isOperator: opened.member.isOperator,
    organisationIds: await organisationIdsOf(db, opened.member.agentId),
  };
  if (!mayChangeAccountStatus(caller.actor, target)) {
    throw forbidden(
      target.agentId === caller.actor.agentId
        ? 'Vous ne pouvez pas désactiver ou réactiver votre propre compte.'
        : 'Ce compte sert aussi dans des organisations que vous n’administrez pas : seul un opérateur peut le désactiver ou le réactiver.',
    );
  }
  return opened;
}
