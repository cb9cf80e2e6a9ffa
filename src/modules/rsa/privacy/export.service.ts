import { recordAudit } from '../../../platform/audit/audit.ts';
import type { Db } from '../../../platform/db/client.ts';
import {
  channelLabels,
  statusLabels as messageStatusLabels,
} from '../../../platform/messaging/messages.view.tsx';
import { participationStatusLabels } from '../../../platform/scheduling/types.ts';
import type { Caller } from '../../../platform/tenancy/caller.ts';
import type { Beneficiary } from '../access.ts';
import { describeAnswers, orientationLabels } from '../orientation/questionnaire.ts';
import {
  appointmentsOfCitizen,
  decisionsOf,
  invitationsOf,
  notesOf,
  questionnaireOf,
  statusChangesOf,
} from '../person.repository.ts';
import { statusLabels } from '../status.ts';
import { findCitizen, findNames, listMessages } from './export.repository.ts';

/**
 * One person's data, as they may ask for it (RGPD, right of access): everything the module and the
 * booking engine hold about them, in French words a person reads, with the same content as a JSON
 * file and as a page. Values are text, or null when unknown; times are ISO 8601 (UTC).
 */
export type Value = string | number | null | string[];
export type Row = Record<string, Value>;

export type PersonalData = {
  exporteLe: string;
  organisation: string;
  dossier: Row;
  dossierRendezVous: Row | null;
  historique: Row[];
  invitations: Row[];
  messages: Row[];
  rendezVous: Row[];
  questionnaire: { rempliLe: string; rempliPar: string; orientationProposee: string; reponses: Row[] } | null;
  orientations: Row[];
  notes: Row[];
};

const iso = (value: Date | null | undefined) => (value ? value.toISOString() : null);
const person = (first: string | null | undefined, last: string | null | undefined) =>
  first || last ? `${first ?? ''} ${last ?? ''}`.trim() : null;
const byLabels: Record<string, string> = { agent: 'un agent', usager: 'la personne', systeme: 'le système' };
const bookedViaLabels: Record<string, string> = {
  agent: 'un agent',
  public: 'la personne',
  invitation: 'la personne (invitation)',
  api: 'un logiciel partenaire',
};
const kindLabels: Record<string, string> = { invitation: 'Invitation', convocation: 'Convocation' };
const invitationChannelLabels: Record<string, string> = { sms: 'SMS', email: 'Courriel', letter: 'Lettre' };

/** Gathers the person's data and writes the export in the audit trail (format: « page » or « json »). */
export async function exportPersonalData(
  db: Db,
  caller: Caller,
  beneficiary: Beneficiary,
  format: 'page' | 'json',
  now: Date,
): Promise<PersonalData> {
  const b = beneficiary;
  const [
    names,
    citizen,
    history,
    invitationRows,
    messages,
    appointmentRows,
    questionnaire,
    decisions,
    noteRows,
  ] = [
    await findNames(db, b.organisationId, b.referentAgentId),
    b.citizenId ? await findCitizen(db, b.citizenId) : null,
    // The person's page lists newest first; the export reads as a story, oldest first.
    (await statusChangesOf(db, b.id)).reverse(),
    (await invitationsOf(db, b.id)).reverse(),
    await listMessages(db, b.id, b.citizenId),
    b.citizenId ? await appointmentsOfCitizen(db, b.citizenId) : [],
    await questionnaireOf(db, b.id),
    (await decisionsOf(db, b.id)).reverse(),
    (await notesOf(db, b.id)).reverse(),
  ];
  await recordAudit(db, caller.audit, {
    action: 'export',
    resourceType: 'rsa_beneficiary',
    resourceId: b.id,
    organisationId: b.organisationId,
    territoryId: b.territoryId,
    details: { format },
  });
  return {
    exporteLe: now.toISOString(),
    organisation: names.organisationName,
    dossier: {
      nom: b.lastName,
      prenom: b.firstName,
      dateDeNaissance: b.birthDate,
      ...(b.nir ? { nir: b.nir } : {}),
      numeroAllocataire: b.allocataireNumber,
      role: b.role === 'demandeur' ? 'Demandeur' : 'Conjoint',
      adresse: b.address,
      codePostal: b.postalCode,
      commune: b.communeName,
      telephone: b.phone,
      courriel: b.email,
      ouvertureDesDroits: b.rightsOpenedOn,
      etiquettes: b.tags,
      statut: statusLabels[b.status],
      statutDepuis: iso(b.statusChangedAt),
      referent: names.referent ? person(names.referent.firstName, names.referent.lastName) : null,
      premiereRencontre: iso(b.firstMetAt),
      derniereActivite: iso(b.lastActivityAt),
      creeLe: iso(b.createdAt),
    },
    dossierRendezVous: citizen
      ? {
          nom: citizen.lastName,
          prenom: citizen.firstName,
          dateDeNaissance: citizen.birthDate,
          telephone: citizen.phone,
          courriel: citizen.email,
          adresse: citizen.address,
        }
      : null,
    historique: history.map((h) => ({
      date: iso(h.changedAt),
      de: h.fromStatus ? statusLabels[h.fromStatus] : null,
      vers: statusLabels[h.toStatus],
      par: person(h.authorFirstName, h.authorLastName) ?? byLabels[h.changedBy] ?? h.changedBy,
      motif: h.reason,
    })),
    invitations: invitationRows.map((i) => ({
      type: kindLabels[i.kind] ?? i.kind,
      canal: invitationChannelLabels[i.channel] ?? i.channel,
      envoyeeLe: iso(i.sentAt),
      expireLe: iso(i.expiresAt),
      rappels: i.remindersSent,
      rendezVousPrisLe: iso(i.bookedAt),
      fermeeLe: iso(i.closedAt),
    })),
    messages: messages.map((m) => ({
      date: iso(m.createdAt),
      canal: channelLabels[m.channel],
      modele: m.template,
      destinataire: m.recipient,
      etat: messageStatusLabels[m.status],
      envoyeLe: iso(m.sentAt),
    })),
    rendezVous: appointmentRows.map((a) => ({
      debut: iso(a.startsAt),
      fin: iso(a.endsAt),
      motif: a.typeName,
      lieu: a.placeName ? `${a.placeName}${a.placeAddress ? `, ${a.placeAddress}` : ''}` : null,
      agent: person(a.authorFirstName, a.authorLastName),
      statut: a.cancelledAt ? 'Annulé' : participationStatusLabels[a.status],
      prisPar: bookedViaLabels[a.bookedVia] ?? a.bookedVia,
      prisLe: iso(a.bookedAt),
    })),
    questionnaire: questionnaire
      ? {
          rempliLe: questionnaire.submittedAt.toISOString(),
          rempliPar: byLabels[questionnaire.filledBy] ?? questionnaire.filledBy,
          orientationProposee: orientationLabels[questionnaire.suggestedOrientation],
          reponses: describeAnswers(questionnaire.answers).map((l) => ({
            question: l.question,
            reponse: l.answer,
          })),
        }
      : null,
    orientations: decisions.map((d) => ({
      date: d.decidedOn,
      orientation: orientationLabels[d.orientation],
      structure: d.structureName,
      commentaire: d.comment,
      par: person(d.authorFirstName, d.authorLastName),
    })),
    notes: noteRows.map((n) => ({
      date: iso(n.createdAt),
      auteur: person(n.authorFirstName, n.authorLastName),
      texte: n.body,
    })),
  };
}
