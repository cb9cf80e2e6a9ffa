import { recordAudit } from '../../../platform/audit/audit.ts';
import type { Actor } from '../../../platform/auth/actor.ts';
import type { Db } from '../../../platform/db/client.ts';
import { conflict, forbidden, invalid, notFound } from '../../../platform/errors.ts';
import type { Caller } from '../../../platform/tenancy/caller.ts';
import { activeAgentsByEmails } from '../agents.repository.ts';
import { cohortFacts } from '../context.repository.ts';
import { canViewCohort, isStaff } from '../policy.ts';
import type { CommitteeDossier } from './access.ts';
import { materialsDueOn, meetingInstant } from './calendar.ts';
import {
  cohortBySlug,
  committeeIdsInvolving,
  committeesOfCohort,
  insertCommittee,
  projectsOfCohort,
  replaceAgenda,
  replaceMembers,
  updateCommittee,
} from './committee.repository.ts';
import { agendaField, type CommitteeInput } from './schemas.ts';

/**
 * Scheduling committees: the cohort's list, creating one, changing its date, place, members and
 * agenda. The cohort's staff do this; team members and committee members see the committees that
 * concern them in the list.
 */

/** The cohort's committees as the actor may see them; 404 for a cohort they have nothing to do with. */
export async function openCohortCommittees(db: Db, actor: Actor, cohortSlug: string) {
  const cohort = await cohortBySlug(db, cohortSlug);
  if (!cohort) throw notFound();
  const facts = (await cohortFacts(db, cohort.id))!;
  const staff = isStaff(actor, facts);
  const all = await committeesOfCohort(db, cohort.id);
  const involving = staff ? null : new Set(await committeeIdsInvolving(db, cohort.id, actor.agentId));
  const committees = (involving ? all.filter((c) => involving.has(c.id)) : all).map((c) => ({
    ...c,
    dueOn: materialsDueOn(c.meetsAt),
  }));
  if (!staff && committees.length === 0 && !canViewCohort(actor, facts)) throw notFound();
  return {
    cohort,
    facts,
    isStaff: staff,
    committees,
    projects: staff ? await projectsOfCohort(db, cohort.id) : [],
  };
}

export type CohortCommittees = Awaited<ReturnType<typeof openCohortCommittees>>;

/** The members' accounts, or the addresses no active agent has (a per-field message). */
async function resolveMembers(db: Db, emails: string[]): Promise<string[]> {
  const found = await activeAgentsByEmails(db, emails);
  const known = new Set(found.map((a) => a.email.toLowerCase()));
  const unknown = emails.filter((e) => !known.has(e));
  if (unknown.length)
    throw invalid({
      membres: `Aucun agent actif n’a ${unknown.length > 1 ? 'les adresses' : 'l’adresse'} ${unknown.join(', ')} : vérifiez l’orthographe, ou faites d’abord inviter la personne dans son organisation.`,
    });
  return found.map((a) => a.id);
}

export async function scheduleCommittee(
  db: Db,
  caller: Caller,
  cohort: CohortCommittees,
  input: CommitteeInput,
): Promise<string> {
  if (!cohort.isStaff) throw forbidden('Seule l’équipe d’animation de la saison organise les comités.');
  const memberIds = await resolveMembers(db, input.membres);
  return db.transaction(async (tx) => {
    const committee = await insertCommittee(tx, {
      cohortId: cohort.cohort.id,
      title: input.titre,
      meetsAt: meetingInstant(input.jour, input.heure),
      place: input.lieu,
    });
    await replaceMembers(tx, committee.id, memberIds);
    await replaceAgenda(tx, committee.id, input.agenda);
    await recordAudit(tx, caller.audit, {
      action: 'create',
      resourceType: 'programme_committee',
      resourceId: committee.id,
      organisationId: cohort.facts.incubatorOrganisationId,
      details: { members: memberIds.length, agenda: input.agenda },
    });
    return committee.id;
  });
}

/**
 * Changes the committee. Once the minutes are out nothing changes; a project with a decision stays
 * on the agenda, and the day stays while decisions exist (their phase changes are dated by it).
 */
export async function rescheduleCommittee(
  db: Db,
  caller: Caller,
  dossier: CommitteeDossier,
  input: CommitteeInput,
): Promise<void> {
  if (!dossier.viewer.isStaff) throw forbidden('Seule l’équipe d’animation de la saison modifie le comité.');
  if (dossier.committee.minutesPublishedAt)
    throw conflict('Le compte rendu est publié : le comité ne peut plus être modifié.');
  const decided = dossier.items.filter((i) => i.decision !== null);
  const errors: Record<string, string> = {};
  for (const item of decided)
    if (!input.agenda.includes(item.project.id))
      errors[agendaField(item.project.id)] =
        'Ce projet a une décision : retirez la décision avant de l’enlever de l’ordre du jour.';
  const meetsAt = meetingInstant(input.jour, input.heure);
  if (decided.length && input.jour !== dossier.day)
    errors.jour = 'Des décisions sont enregistrées pour ce jour : retirez-les avant de déplacer le comité.';
  if (Object.keys(errors).length) throw invalid(errors);
  const memberIds = await resolveMembers(db, input.membres);
  await db.transaction(async (tx) => {
    await updateCommittee(tx, dossier.committee.id, { title: input.titre, meetsAt, place: input.lieu });
    await replaceMembers(tx, dossier.committee.id, memberIds);
    await replaceAgenda(tx, dossier.committee.id, input.agenda);
    await recordAudit(tx, caller.audit, {
      action: 'update',
      resourceType: 'programme_committee',
      resourceId: dossier.committee.id,
      organisationId: dossier.facts.incubatorOrganisationId,
      details: { members: memberIds.length, agenda: input.agenda },
    });
  });
}
