import { type AuditActor, recordAudit } from '../audit/audit.ts';
import { displayName, type MembershipRole } from '../auth/actor.ts';
import { issueLoginLink } from '../auth/login-link.service.ts';
import { can } from '../auth/permissions.ts';
import type { Config } from '../config.ts';
import type { Db } from '../db/client.ts';
import { conflict, forbidden, invalid, notFound } from '../errors.ts';
import type { OutboxMessage } from '../messaging/channels.ts';
import type { Messaging } from '../messaging/messaging.ts';
import { queueMessage } from '../messaging/outbox.service.ts';
import { type Caller, isUuid } from './caller.ts';
import { INVITATION_TEMPLATE, type InvitationMessage } from './invitation.template.ts';
import {
  agentExists,
  deleteMembership,
  findAgentByEmail,
  findMember,
  insertAgent,
  insertMembership,
  lockAdminsOf,
  type Member,
  makeOperator,
  organisationIdsOf,
  updateMembershipRole,
} from './member.repository.ts';
import { findOrganisationBySlug, type Organisation } from './organisation.repository.ts';
import { openOrganisation } from './organisation.service.ts';
import { mayChangeAccountStatus } from './policy.ts';

export type NewMember = {
  email: string;
  firstName?: string | undefined;
  lastName?: string | undefined;
  role: MembershipRole;
  /** Command line only: makes the agent a platform operator. */
  operator?: boolean;
};

/**
 * Adds an agent to an organisation, creating their account when the address is new. The caller's
 * transaction holds it all, audit lines included. Shared by the invitation form and `agent:create`.
 */
export async function addAgentToOrganisation(
  tx: Db,
  audit: AuditActor,
  organisation: Pick<Organisation, 'id' | 'name' | 'territoryId'>,
  input: NewMember,
): Promise<{ agentId: string; agentCreated: boolean; madeOperator: boolean }> {
  const email = input.email.trim().toLowerCase();
  let agent = await findAgentByEmail(tx, email);
  let agentCreated = false;
  if (agent?.deactivatedAt) {
    throw invalid({
      email:
        'Le compte de cette adresse est désactivé. Il doit être réactivé par un opérateur ou un administrateur avant d’être ajouté.',
    });
  }
  if (!agent) {
    const missing: Record<string, string> = {};
    if (!input.firstName)
      missing.firstName = 'Saisissez le prénom : cette personne n’a pas encore de compte.';
    if (!input.lastName) missing.lastName = 'Saisissez le nom : cette personne n’a pas encore de compte.';
    if (Object.keys(missing).length) throw invalid(missing);
    agent = await insertAgent(tx, {
      email,
      firstName: input.firstName!,
      lastName: input.lastName!,
      isOperator: input.operator ?? false,
    });
    if (!agent) throw conflict('Un compte vient d’être créé avec cette adresse : réessayez.');
    agentCreated = true;
    await recordAudit(tx, audit, {
      action: 'create',
      resourceType: 'agent',
      resourceId: agent.id,
      organisationId: organisation.id,
      details: { isOperator: agent.isOperator },
    });
  }
  let madeOperator = agentCreated && agent.isOperator;
  if (input.operator && !agent.isOperator) {
    await makeOperator(tx, agent.id);
    madeOperator = true;
    await recordAudit(tx, audit, {
      action: 'update',
      resourceType: 'agent',
      resourceId: agent.id,
      details: { isOperator: true },
    });
  }
  if (
    !(await insertMembership(tx, { agentId: agent.id, organisationId: organisation.id, role: input.role }))
  ) {
    throw conflict(`${email} est déjà membre de ${organisation.name}.`, {
      email: `Cette personne est déjà membre de ${organisation.name}.`,
    });
  }
  await recordAudit(tx, audit, {
    action: 'create',
    resourceType: 'membership',
    resourceId: agent.id,
    organisationId: organisation.id,
    territoryId: organisation.territoryId,
    details: { role: input.role },
  });
  return { agentId: agent.id, agentCreated, madeOperator };
}

/**
 * `agent:create` on the command line: the same enrolment as an invitation, by organisation slug,
 * without permission check (whoever runs the command has the server) and without email.
 */
export async function enrolAgentFromCommandLine(
  db: Db,
  audit: AuditActor,
  slug: string,
  input: NewMember,
): Promise<{ organisation: Organisation; agentId: string; agentCreated: boolean; madeOperator: boolean }> {
  const organisation = await findOrganisationBySlug(db, slug);
  if (!organisation) {
    throw notFound(
      `Aucune organisation ne porte l’identifiant « ${slug} ». « organisation:list » les liste.`,
    );
  }
  const added = await db.transaction((tx) => addAgentToOrganisation(tx, audit, organisation, input));
  return { organisation, ...added };
}

/**
 * An admin invites someone into their organisation: account (if new), membership, a 7-day sign-in
 * link and its email are written in one transaction; the outbox's workers send the email, so a slow
 * or failing mail server never holds the request nor leaves half an invitation. An address the email
 * channel refuses leaves the message `invalid` (with its reason) and the invitation standing: the
 * person can still sign in from the sign-in page.
 */
export async function inviteAgent(
  deps: { db: Db; config: Pick<Config, 'baseUrl'>; messaging: Messaging },
  caller: Caller,
  slug: string,
  input: Omit<NewMember, 'operator'>,
): Promise<{ agentId: string; agentCreated: boolean; message: OutboxMessage }> {
  const organisation = await openOrganisation(deps.db, caller, slug);
  assertMayManage(caller, organisation);
  return deps.db.transaction(async (tx) => {
    const added = await addAgentToOrganisation(tx, caller.audit, organisation, input);
    const link = await issueLoginLink(tx, deps.config, {
      agentId: added.agentId,
      purpose: 'invitation',
      requestedIp: caller.audit.ip,
    });
    const to = input.email.trim().toLowerCase();
    const data: InvitationMessage = {
      to,
      firstName: added.agentCreated ? (input.firstName ?? null) : null,
      inviterName: displayName(caller.actor),
      organisationName: organisation.name,
      role: input.role,
      path: link.path,
      newAccount: added.agentCreated,
    };
    const message = await queueMessage(tx, deps.messaging, {
      channel: 'email',
      template: INVITATION_TEMPLATE,
      recipient: to,
      data,
      idempotencyKey: `tenancy:invitation:${link.tokenHash}`,
      organisationId: organisation.id,
      subject: { type: 'agent', id: added.agentId },
    });
    return { agentId: added.agentId, agentCreated: added.agentCreated, message };
  });
}

/**
 * Opens one member's record through an organisation the actor may see. An agent who exists but is not
 * a member there answers like one who does not exist, and the attempt is audited.
 */
export async function openMember(
  db: Db,
  caller: Caller,
  slug: string,
  agentId: string,
): Promise<{ organisation: Organisation; member: Member }> {
  const organisation = await openOrganisation(db, caller, slug);
  const member = isUuid(agentId) ? await findMember(db, organisation.id, agentId) : undefined;
  if (!member) {
    if (isUuid(agentId) && (await agentExists(db, agentId))) {
      await recordAudit(db, caller.audit, {
        action: 'denied',
        resourceType: 'agent',
        resourceId: agentId,
        organisationId: organisation.id,
        territoryId: organisation.territoryId,
      });
    }
    throw notFound();
  }
  return { organisation, member };
}

/** A member's page: their record (the read is audited: it is personal data) and what the actor may do. */
export async function viewMember(db: Db, caller: Caller, slug: string, agentId: string) {
  const { organisation, member } = await openMember(db, caller, slug, agentId);
  await recordAudit(db, caller.audit, {
    action: 'read',
    resourceType: 'agent',
    resourceId: member.agentId,
    organisationId: organisation.id,
    territoryId: organisation.territoryId,
  });
  const mayManage = can(caller.actor, 'organisation.manage', { organisationId: organisation.id });
  const mayChangeStatus = mayChangeAccountStatus(caller.actor, {
    agentId: member.agentId,
    isOperator: member.isOperator,
    organisationIds: await organisationIdsOf(db, member.agentId),
  });
  return {
    organisation,
    member,
    mayManage,
    mayChangeStatus,
    isSelf: member.agentId === caller.actor.agentId,
  };
}

export async function changeMemberRole(
  db: Db,
  caller: Caller,
  slug: string,
  agentId: string,
  role: MembershipRole,
): Promise<{ organisation: Organisation; member: Member; changed: boolean }> {
  const { organisation, member } = await openMember(db, caller, slug, agentId);
  assertMayManage(caller, organisation);
  if (member.role === role) return { organisation, member, changed: false };
  await db.transaction(async (tx) => {
    if (member.role === 'admin') await assertNotLastAdminLeaving(tx, caller, organisation, member, 'demote');
    await updateMembershipRole(tx, organisation.id, member.agentId, role);
    await recordAudit(tx, caller.audit, {
      action: 'update',
      resourceType: 'membership',
      resourceId: member.agentId,
      organisationId: organisation.id,
      territoryId: organisation.territoryId,
      details: { role: { from: member.role, to: role } },
    });
  });
  return { organisation, member, changed: true };
}

export async function removeMember(
  db: Db,
  caller: Caller,
  slug: string,
  agentId: string,
): Promise<{ organisation: Organisation; member: Member }> {
  const { organisation, member } = await openMember(db, caller, slug, agentId);
  assertMayManage(caller, organisation);
  await db.transaction(async (tx) => {
    if (member.role === 'admin') await assertNotLastAdminLeaving(tx, caller, organisation, member, 'remove');
    await deleteMembership(tx, organisation.id, member.agentId);
    await recordAudit(tx, caller.audit, {
      action: 'delete',
      resourceType: 'membership',
      resourceId: member.agentId,
      organisationId: organisation.id,
      territoryId: organisation.territoryId,
      details: { role: member.role },
    });
  });
  return { organisation, member };
}

export function assertMayManage(caller: Caller, organisation: Pick<Organisation, 'id'>): void {
  if (!can(caller.actor, 'organisation.manage', { organisationId: organisation.id })) {
    throw forbidden('Seuls les administrateurs de l’organisation peuvent gérer ses membres.');
  }
}

/**
 * An admin may not leave their organisation without an admin: the last one can neither remove nor
 * demote themselves. Checked on the admins' locked rows inside the change's transaction.
 */
async function assertNotLastAdminLeaving(
  tx: Db,
  caller: Caller,
  organisation: Organisation,
  member: Member,
  change: 'demote' | 'remove',
): Promise<void> {
  if (member.agentId !== caller.actor.agentId) return;
  const admins = await lockAdminsOf(tx, organisation.id);
  if (admins.length <= 1) {
    throw conflict(
      change === 'demote'
        ? `Vous êtes le dernier administrateur de ${organisation.name} : nommez d’abord un autre administrateur avant de changer votre rôle.`
        : `Vous êtes le dernier administrateur de ${organisation.name} : nommez d’abord un autre administrateur avant de quitter l’organisation.`,
      change === 'demote' ? { role: 'Vous êtes le dernier administrateur de l’organisation.' } : {},
    );
  }
}
