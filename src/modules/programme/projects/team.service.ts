import { recordAudit } from '../../../platform/audit/audit.ts';
import type { Db } from '../../../platform/db/client.ts';
import { conflict, invalid, notFound } from '../../../platform/errors.ts';
import { type Caller, isUuid } from '../../../platform/tenancy/caller.ts';
import { agentByEmail } from '../agents.repository.ts';
import type { OpenedProject } from './access.ts';
import { updateDetachmentPlan } from './projects.repository.ts';
import {
  agentById,
  deleteMember,
  insertMember,
  memberById,
  memberOfAgent,
  partnerOrganisationsOf,
  updateMember,
} from './team.repository.ts';

/**
 * Composing a team (the staff and the project's coach). A member is an agent of an organisation of
 * one of the cohort's partner territories: the programme detaches the collectivités' own agents, and
 * their check-ins go to their manager there. Every change to who is on a team is audited.
 */

export type MemberInput = {
  role: string;
  managerEmail: string | null;
  daysPerWeek: string | null;
  weeks: number | null;
  joinedOn: string;
};

async function managerOf(db: Db, email: string | null, memberAgentId: string) {
  if (email === null) return null;
  const manager = await agentByEmail(db, email);
  if (!manager || manager.deactivatedAt) {
    throw invalid({
      responsable:
        'Aucun agent actif n’a cette adresse dans Tremplin : le responsable doit y avoir un compte.',
    });
  }
  if (manager.id === memberAgentId) {
    throw invalid({
      responsable: 'Un agent ne valide pas ses propres pointages : indiquez son responsable.',
    });
  }
  return manager.id;
}

async function auditMember(
  tx: Db,
  caller: Caller,
  opened: OpenedProject,
  action: 'create' | 'update' | 'delete',
  memberId: string,
  details: Record<string, unknown>,
) {
  await recordAudit(tx, caller.audit, {
    action,
    resourceType: 'programme_team_member',
    resourceId: memberId,
    territoryId: opened.project.territoryId,
    details: { projectId: opened.project.id, ...details },
  });
}

/**
 * Adds an agent to the team (or brings back one who had left, with the new values). The agent must
 * belong to an organisation of a partner territory of the cohort.
 */
export async function addTeamMember(
  db: Db,
  caller: Caller,
  opened: OpenedProject,
  email: string,
  input: MemberInput,
) {
  const agent = await agentByEmail(db, email);
  if (!agent || agent.deactivatedAt) {
    throw invalid({
      email:
        'Aucun agent actif n’a cette adresse dans Tremplin. Demandez à un administrateur de son organisation de l’inviter, puis ajoutez-le.',
    });
  }
  const organisations = await partnerOrganisationsOf(db, [agent.id], opened.facts.cohort.territoryIds);
  if (organisations.length === 0) {
    throw invalid({
      email:
        'Cet agent n’est membre d’aucune organisation des collectivités partenaires de la saison : seuls leurs agents rejoignent une équipe.',
    });
  }
  const managerAgentId = await managerOf(db, input.managerEmail, agent.id);
  const values = {
    role: input.role,
    managerAgentId,
    daysPerWeek: input.daysPerWeek,
    weeks: input.weeks,
    joinedOn: input.joinedOn,
  };
  return db.transaction(async (tx) => {
    const existing = await memberOfAgent(tx, opened.project.id, agent.id);
    if (existing && existing.leftOn === null) {
      throw conflict('Cet agent fait déjà partie de l’équipe.', {
        email: 'Cet agent fait déjà partie de l’équipe : modifiez sa ligne dans le tableau.',
      });
    }
    if (existing) {
      await updateMember(tx, existing.id, { ...values, leftOn: null });
      await auditMember(tx, caller, opened, 'update', existing.id, { agentId: agent.id, returned: true });
      return existing.id;
    }
    const row = await insertMember(tx, opened.project.id, agent.id, values);
    await auditMember(tx, caller, opened, 'create', row.id, { agentId: agent.id });
    return row.id;
  });
}

async function openMember(db: Db, opened: OpenedProject, memberId: string) {
  const member = isUuid(memberId) ? await memberById(db, opened.project.id, memberId) : null;
  if (!member) throw notFound('Ce membre de l’équipe n’existe pas.');
  return member;
}

export async function teamMember(db: Db, opened: OpenedProject, memberId: string) {
  return openMember(db, opened, memberId);
}

/** A member's values as the edit form shows them (the manager by their email). */
export async function memberFormValues(db: Db, member: Awaited<ReturnType<typeof teamMember>>) {
  const manager = member.managerAgentId ? await agentById(db, member.managerAgentId) : null;
  return {
    role: member.role,
    responsable: manager?.email ?? '',
    jours: member.daysPerWeek ? String(Number(member.daysPerWeek)) : '',
    semaines: member.weeks ? String(member.weeks) : '',
    arrivee: member.joinedOn,
  };
}

export async function editTeamMember(
  db: Db,
  caller: Caller,
  opened: OpenedProject,
  memberId: string,
  input: MemberInput,
) {
  const member = await openMember(db, opened, memberId);
  if (member.leftOn !== null && input.joinedOn > member.leftOn) {
    throw invalid({ arrivee: 'L’arrivée ne peut pas suivre le départ de l’équipe.' });
  }
  const managerAgentId = await managerOf(db, input.managerEmail, member.agentId);
  await db.transaction(async (tx) => {
    await updateMember(tx, member.id, {
      role: input.role,
      managerAgentId,
      daysPerWeek: input.daysPerWeek,
      weeks: input.weeks,
      joinedOn: input.joinedOn,
    });
    await auditMember(tx, caller, opened, 'update', member.id, { agentId: member.agentId });
  });
}

/**
 * A member leaves the team today (left_on): their check-ins stay, and count in the days invested. A
 * member who had not arrived yet is simply removed.
 */
export async function removeTeamMember(
  db: Db,
  caller: Caller,
  opened: OpenedProject,
  memberId: string,
  today: string,
) {
  const member = await openMember(db, opened, memberId);
  if (member.leftOn !== null) return;
  await db.transaction(async (tx) => {
    if (member.joinedOn > today) {
      await deleteMember(tx, member.id);
      await auditMember(tx, caller, opened, 'delete', member.id, { agentId: member.agentId });
    } else {
      await updateMember(tx, member.id, { leftOn: today });
      await auditMember(tx, caller, opened, 'update', member.id, { agentId: member.agentId, leftOn: today });
    }
  });
}

/** The staff set the project's detachment plan (null: the cohort's defaults) and its start. */
export async function changeDetachmentPlan(
  db: Db,
  caller: Caller,
  opened: OpenedProject,
  plan: { daysPerWeek: string | null; weeks: number | null; startsOn: string },
  now: Date,
) {
  await db.transaction(async (tx) => {
    await updateDetachmentPlan(tx, opened.project.id, plan, now);
    await recordAudit(tx, caller.audit, {
      action: 'update',
      resourceType: 'programme_project',
      resourceId: opened.project.id,
      territoryId: opened.project.territoryId,
      details: { plan },
    });
  });
}
