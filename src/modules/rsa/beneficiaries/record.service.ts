import { recordAudit } from '../../../platform/audit/audit.ts';
import type { Db } from '../../../platform/db/client.ts';
import { messageHistoryOf } from '../../../platform/messaging/messages.service.ts';
import type { TemplateRegistry } from '../../../platform/messaging/templates.ts';
import type { Caller } from '../../../platform/tenancy/caller.ts';
import { type Beneficiary, openBeneficiary } from '../access.ts';
import { closeOpenInvitations } from '../invitations/invitations.repository.ts';
import {
  agentName,
  appointmentsOfCitizen,
  decisionsOf,
  invitationsOf,
  notesOf,
  questionnaireOf,
  statusChangesOf,
} from '../person.repository.ts';
import { canRsa } from '../policy.ts';
import { setBeneficiaryStatus } from '../status.ts';
import {
  findOrganisation,
  insertNote,
  nirEnabledFor,
  type OrganisationChoice,
  organisationsOfTerritories,
} from './beneficiaries.repository.ts';
import { buildTimeline, type TimelineEntry } from './timeline.ts';

/**
 * One beneficiary's record: opening it (or "not found", the attempt audited), its page with the
 * timeline, notes, and closing or reopening the file by hand. Editing is in edit.service.ts.
 */

export type BeneficiaryPage = {
  beneficiary: Beneficiary;
  organisation: OrganisationChoice | undefined;
  referent: { firstName: string; lastName: string } | undefined;
  timeline: TimelineEntry[];
  statusHistory: Awaited<ReturnType<typeof statusChangesOf>>;
  /** Whether the NIR may be shown (the organisation stores NIRs, and this one has one). */
  showNir: boolean;
  mayManage: boolean;
};

/** The person's page: their record and their timeline. Audited as a read of personal data. */
export async function viewBeneficiary(
  db: Db,
  caller: Caller,
  id: string,
  options: { now: Date; templates?: Pick<TemplateRegistry, 'find'> },
): Promise<BeneficiaryPage> {
  const beneficiary = await openBeneficiary(db, caller, id);
  // Messages are filed under the person: RSA messages as 'rsa_beneficiary', the booking engine's
  // confirmations and reminders under their citizen record. Any organisation of the territory may
  // have sent them (the direction invites, the UTS confirms).
  const territoryOrganisations = (await organisationsOfTerritories(db, [beneficiary.territoryId])).map(
    (o) => o.id,
  );
  const [
    statusChanges,
    invitations,
    notes,
    questionnaire,
    decisions,
    appointments,
    rsaMessages,
    citizenMessages,
  ] = await Promise.all([
    statusChangesOf(db, id),
    invitationsOf(db, id),
    notesOf(db, id),
    questionnaireOf(db, id),
    decisionsOf(db, id),
    beneficiary.citizenId ? appointmentsOfCitizen(db, beneficiary.citizenId) : Promise.resolve([]),
    messageHistoryOf(db, territoryOrganisations, { type: 'rsa_beneficiary', id }, 100),
    beneficiary.citizenId
      ? messageHistoryOf(db, territoryOrganisations, { type: 'citizen', id: beneficiary.citizenId }, 100)
      : Promise.resolve([]),
  ]);
  const [organisation, referent, nirEnabled] = await Promise.all([
    findOrganisation(db, beneficiary.organisationId),
    beneficiary.referentAgentId ? agentName(db, beneficiary.referentAgentId) : Promise.resolve(undefined),
    beneficiary.nir ? nirEnabledFor(db, beneficiary.organisationId) : Promise.resolve(false),
  ]);
  await recordAudit(db, caller.audit, {
    action: 'read',
    resourceType: 'rsa_beneficiary',
    resourceId: id,
    organisationId: beneficiary.organisationId,
    territoryId: beneficiary.territoryId,
  });
  const timeline = buildTimeline({
    statusChanges,
    invitations,
    messages: [...rsaMessages, ...citizenMessages],
    appointments,
    questionnaire,
    decisions,
    notes,
    describeTemplate: (name) => options.templates?.find(name)?.description,
    now: options.now,
  });
  return {
    beneficiary,
    organisation,
    referent,
    timeline,
    statusHistory: statusChanges,
    showNir: Boolean(beneficiary.nir) && nirEnabled,
    mayManage: canRsa(caller.actor, 'rsa.manage', beneficiary),
  };
}

/** A note on the person's timeline, by the agent; counts as activity. */
export async function addNote(db: Db, caller: Caller, id: string, text: string, now: Date): Promise<void> {
  const beneficiary = await openBeneficiary(db, caller, id, 'rsa.manage');
  await db.transaction(async (tx) => {
    const noteId = await insertNote(tx, {
      beneficiaryId: id,
      agentId: caller.actor.agentId,
      body: text,
      at: now,
    });
    await recordAudit(tx, caller.audit, {
      action: 'create',
      resourceType: 'rsa_note',
      resourceId: noteId,
      organisationId: beneficiary.organisationId,
      territoryId: beneficiary.territoryId,
      details: { beneficiaryId: id },
    });
  });
}

export type FileChange = { action: 'clore'; reason: string } | { action: 'rouvrir' };

/**
 * Closing a file by hand (moved away, no longer on the RSA, deceased…: the reason is kept in the
 * history) stops its running invitations; reopening puts the person back among those to invite.
 * Returns false when nothing changed (already closed, or not closed).
 */
export async function changeFileStatus(
  db: Db,
  caller: Caller,
  id: string,
  change: FileChange,
  now: Date,
): Promise<boolean> {
  const beneficiary = await openBeneficiary(db, caller, id, 'rsa.manage');
  if (change.action === 'rouvrir' && beneficiary.status !== 'clos') return false;
  if (change.action === 'clore' && beneficiary.status === 'clos') return false;
  return db.transaction(async (tx) => {
    const to = change.action === 'clore' ? 'clos' : 'non_invite';
    const changed = await setBeneficiaryStatus(tx, id, to, {
      by: 'agent',
      agentId: caller.actor.agentId,
      reason: change.action === 'clore' ? change.reason : 'Dossier rouvert',
      at: now,
    });
    if (!changed) return false;
    const closedInvitations = change.action === 'clore' ? await closeOpenInvitations(tx, [id], now) : 0;
    await recordAudit(tx, caller.audit, {
      action: 'update',
      resourceType: 'rsa_beneficiary',
      resourceId: id,
      organisationId: beneficiary.organisationId,
      territoryId: beneficiary.territoryId,
      details: { status: { from: beneficiary.status, to }, closedInvitations },
    });
    return true;
  });
}
