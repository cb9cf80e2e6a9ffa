import type { z } from 'zod';
import { type AuditActor, recordAudit } from '../audit/audit.ts';
import type { Db } from '../db/client.ts';
import { notFound } from '../errors.ts';
import type { ApiTokenIdentity } from './api-token.service.ts';
import { findMemberOf, findOrganisationWithTerritory, listMembersOf } from './organisation-api.repository.ts';
import type { agentSchema, organisationSchema } from './schemas.ts';

/**
 * What a token may read: its own organisation and that organisation's members, nothing else.
 * Reads of agents (personal data) are audited; a request for someone outside the organisation is
 * answered "not found", exactly as for an unknown id, and audited as denied.
 */

type Member = Awaited<ReturnType<typeof listMembersOf>>[number];

function toAgent(member: Member): z.output<typeof agentSchema> {
  return {
    id: member.id,
    email: member.email,
    firstName: member.firstName,
    lastName: member.lastName,
    role: member.role,
    active: member.deactivatedAt === null,
  };
}

export async function describeOrganisationOfToken(
  db: Db,
  token: ApiTokenIdentity,
): Promise<z.output<typeof organisationSchema>> {
  const organisation = await findOrganisationWithTerritory(db, token.organisationId);
  // The foreign key keeps a token's organisation alive; a missing row means it was removed by hand.
  if (!organisation) throw notFound('L’organisation de ce jeton n’existe plus.');
  return organisation;
}

export async function listAgentsOfOrganisation(
  db: Db,
  token: ApiTokenIdentity,
  auditActor: AuditActor,
  filter: { active?: boolean },
): Promise<z.output<typeof agentSchema>[]> {
  const members = (await listMembersOf(db, token.organisationId, filter)).map(toAgent);
  await recordAudit(db, auditActor, {
    action: 'list',
    resourceType: 'agent',
    organisationId: token.organisationId,
    details: { count: members.length, ...(filter.active === undefined ? {} : { active: filter.active }) },
  });
  return members;
}

export async function readAgentOfOrganisation(
  db: Db,
  token: ApiTokenIdentity,
  auditActor: AuditActor,
  agentId: string,
): Promise<z.output<typeof agentSchema>> {
  const member = await findMemberOf(db, token.organisationId, agentId);
  if (!member) {
    await recordAudit(db, auditActor, {
      action: 'denied',
      resourceType: 'agent',
      resourceId: agentId,
      organisationId: token.organisationId,
    });
    throw notFound('Aucun agent de l’organisation de ce jeton ne porte cet identifiant.');
  }
  await recordAudit(db, auditActor, {
    action: 'read',
    resourceType: 'agent',
    resourceId: agentId,
    organisationId: token.organisationId,
  });
  return toAgent(member);
}
