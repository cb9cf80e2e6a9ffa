import { recordAudit } from '../../audit/audit.ts';
import type { Membership } from '../../auth/actor.ts';
import type { Db } from '../../db/client.ts';
import { notFound } from '../../errors.ts';
import type { Caller } from '../../tenancy/caller.ts';
import { listMembers } from '../../tenancy/member.repository.ts';
import { findOrganisationBySlug } from '../../tenancy/organisation.repository.ts';
import { canSchedule } from '../policy.ts';
import { findOrganisationById } from './organisation.repository.ts';

/** The organisation whose settings are shown, and what the caller may do there. */
export type SettingsOrganisation = {
  id: string;
  slug: string;
  name: string;
  territoryId: string | null;
  /** Places, appointment types and sectorisation; every agent's opening slots and absences. */
  mayConfigure: boolean;
  /** Whether the caller may manage at least their own opening slots and absences. */
  mayManageOwnTime: boolean;
};

/** The organisations the caller may pick in the selector: their memberships (operators: theirs too). */
export function organisationChoices(memberships: Membership[]) {
  return memberships.map((m) => ({ slug: m.organisationSlug, name: m.organisationName }));
}

function withRights(
  caller: Caller,
  o: { id: string; slug: string; name: string; territoryId: string | null },
) {
  return {
    ...o,
    mayConfigure: canSchedule(caller.actor, 'scheduling.configure', { organisationId: o.id }),
    mayManageOwnTime: canSchedule(caller.actor, 'scheduling.manageAgentTime', {
      organisationId: o.id,
      agentId: caller.actor.agentId,
    }),
  };
}

/**
 * The organisation of the settings pages: the one named by ?organisation=<slug>, else the one the
 * agent works in now. One that exists but is not theirs answers like one that does not exist, and
 * the attempt is written to the audit trail. Null when the agent belongs to no organisation.
 */
export async function openSettingsOrganisation(
  db: Db,
  caller: Caller,
  slug: string | undefined,
  current: Membership | null,
): Promise<SettingsOrganisation | null> {
  if (!slug) {
    if (!current) return null;
    return withRights(caller, {
      id: current.organisationId,
      slug: current.organisationSlug,
      name: current.organisationName,
      territoryId: current.territoryId,
    });
  }
  const organisation = await findOrganisationBySlug(db, slug);
  if (!organisation) throw notFound();
  await assertMayView(db, caller, organisation, 'organisation', organisation.id);
  return withRights(caller, organisation);
}

/** The organisation that owns a record, for the pages of that record; 404 (audited) when not the caller's. */
export async function openRecordOrganisation(
  db: Db,
  caller: Caller,
  organisationId: string,
  resource: { type: string; id: string },
): Promise<SettingsOrganisation> {
  const organisation = await findOrganisationById(db, organisationId);
  if (!organisation) throw notFound();
  await assertMayView(db, caller, organisation, resource.type, resource.id);
  return withRights(caller, organisation);
}

async function assertMayView(
  db: Db,
  caller: Caller,
  organisation: { id: string; territoryId: string | null },
  resourceType: string,
  resourceId: string,
): Promise<void> {
  if (canSchedule(caller.actor, 'scheduling.view', { organisationId: organisation.id })) return;
  await recordAudit(db, caller.audit, {
    action: 'denied',
    resourceType,
    resourceId,
    organisationId: organisation.id,
    territoryId: organisation.territoryId,
  });
  throw notFound();
}

export type AgentChoice = { id: string; name: string };

/**
 * The agents whose time the caller may manage in this organisation: every admin or agent member
 * for an admin, themself for an agent (read-only members receive no appointments).
 */
export async function manageableAgents(db: Db, caller: Caller, organisation: SettingsOrganisation) {
  const members = await organisationAgents(db, organisation.id);
  return members.filter((m) =>
    canSchedule(caller.actor, 'scheduling.manageAgentTime', {
      organisationId: organisation.id,
      agentId: m.id,
    }),
  );
}

/** The organisation's agents who can receive appointments (admins and agents, not read-only members). */
export async function organisationAgents(db: Db, organisationId: string): Promise<AgentChoice[]> {
  const members = await listMembers(db, organisationId);
  return members
    .filter((m) => m.role !== 'readonly' && m.deactivatedAt === null)
    .map((m) => ({ id: m.agentId, name: `${m.firstName} ${m.lastName}`.trim() || m.email }));
}
