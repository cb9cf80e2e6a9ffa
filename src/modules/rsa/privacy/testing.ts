import { eq } from 'drizzle-orm';
import type { Db } from '../../../platform/db/client.ts';
import { outboxMessages } from '../../../platform/messaging/tables.ts';
import { newAppointment, newAppointmentType, newCitizen } from '../../../platform/scheduling/testing.ts';
import { citizenRefOf } from '../appointment-sync.ts';
import { newBeneficiary, newInvitation } from '../orientation/testing.ts';
import {
  beneficiaries,
  beneficiaryStatusChanges,
  notes,
  orientationDecisions,
  questionnaireAnswers,
} from '../tables.ts';

let files = 0;

/**
 * A person with a full file, rows written directly: their booking-engine record, two status changes
 * (one by the system, one by an agent with a typed reason), an invitation, a sent SMS, an appointment
 * marked « vu », questionnaire answers, a decision with a comment, a note. For the privacy tests.
 */
export async function newFullFile(
  db: Db,
  secretKey: string,
  staff: { organisation: { id: string }; agent: { id: string } },
  values: Partial<typeof beneficiaries.$inferInsert> = {},
) {
  const organisationId = staff.organisation.id;
  const b = await newBeneficiary(db, {
    organisationId,
    status: 'oriente',
    nir: '1850578006084',
    tags: ['jeune'],
    referentAgentId: staff.agent.id,
    rightsOpenedOn: '2029-01-10',
    firstMetAt: new Date('2029-02-01T09:00:00Z'),
    ...values,
  });
  const citizen = await newCitizen(db, {
    organisationId,
    firstName: b.firstName,
    lastName: b.lastName,
    birthDate: '1990-05-17',
    address: '12 rue des Lilas',
    externalRef: citizenRefOf(b.id),
  });
  await db.update(beneficiaries).set({ citizenId: citizen.id }).where(eq(beneficiaries.id, b.id));
  await db.insert(beneficiaryStatusChanges).values([
    {
      beneficiaryId: b.id,
      fromStatus: null,
      toStatus: 'non_invite',
      changedBy: 'systeme',
      reason: 'Import',
      changedAt: new Date('2029-01-10T08:00:00Z'),
    },
    {
      beneficiaryId: b.id,
      fromStatus: 'rdv_honore',
      toStatus: 'oriente',
      changedBy: 'agent',
      changedByAgentId: staff.agent.id,
      reason: 'Vu avec sa sœur, très endettée',
      changedAt: new Date('2029-02-01T10:00:00Z'),
    },
  ]);
  const { invitation } = await newInvitation(db, secretKey, {
    beneficiaryId: b.id,
    organisationId,
    sentAt: new Date('2029-01-12T09:00:00Z'),
  });
  await db.insert(outboxMessages).values({
    organisationId,
    channel: 'sms',
    recipient: b.phone!,
    recipientNormalised: b.phone!,
    recipientName: `${b.firstName} ${b.lastName}`,
    subjectType: 'rsa_beneficiary',
    subjectId: b.id,
    template: 'rsa.invitation-sms',
    data: { firstName: b.firstName },
    idempotencyKey: `test:${b.id}`,
    status: 'sent',
    sentAt: new Date('2029-01-12T09:00:00Z'),
  });
  const type = await newAppointmentType(db, { organisationId, name: 'Premier entretien RSA' });
  const { participant } = await newAppointment(db, {
    organisationId,
    appointmentTypeId: type.id,
    agentId: staff.agent.id,
    // One hour apart: the same agent cannot hold two appointments at once.
    startsAt: new Date(Date.parse('2029-02-01T09:00:00Z') + 3_600_000 * files++),
    citizenId: citizen.id,
    status: 'vu',
  });
  await db.insert(questionnaireAnswers).values({
    beneficiaryId: b.id,
    answers: { sante: 'oui' },
    suggestedOrientation: 'sociale',
    filledBy: 'usager',
  });
  await db.insert(orientationDecisions).values({
    beneficiaryId: b.id,
    orientation: 'sociale',
    decidedOn: '2029-02-01',
    structureName: 'CCAS',
    decidedByAgentId: staff.agent.id,
    comment: 'Situation de santé difficile',
  });
  await db
    .insert(notes)
    .values({ beneficiaryId: b.id, agentId: staff.agent.id, body: 'A appelé pour ses dettes.' });
  return { b, citizen, invitation, participant: participant! };
}
