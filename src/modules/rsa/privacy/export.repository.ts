import { and, asc, eq, or } from 'drizzle-orm';
import { alias } from 'drizzle-orm/pg-core';
import type { Db } from '../../../platform/db/client.ts';
import { outboxMessages } from '../../../platform/messaging/tables.ts';
import {
  appointmentParticipants,
  appointments,
  appointmentTypes,
  citizens,
  places,
} from '../../../platform/scheduling/tables.ts';
import { agents, organisations } from '../../../platform/tenancy/tables.ts';
import {
  beneficiaryStatusChanges,
  invitations,
  notes,
  orientationDecisions,
  questionnaireAnswers,
} from '../tables.ts';

/**
 * Everything held about one beneficiary, for their data export. Each function takes the person's id
 * (the caller checked access with openBeneficiary); nothing here reads another person's rows.
 */

const agentName = (table: typeof agents) => ({ firstName: table.firstName, lastName: table.lastName });

export async function findNames(db: Db, organisationId: string, referentAgentId: string | null) {
  const [organisation] = await db
    .select({ name: organisations.name })
    .from(organisations)
    .where(eq(organisations.id, organisationId));
  const [referent] = referentAgentId
    ? await db.select(agentName(agents)).from(agents).where(eq(agents.id, referentAgentId))
    : [];
  return { organisationName: organisation?.name ?? '', referent: referent ?? null };
}

export async function findCitizen(db: Db, citizenId: string) {
  const [row] = await db
    .select({
      firstName: citizens.firstName,
      lastName: citizens.lastName,
      birthDate: citizens.birthDate,
      email: citizens.email,
      phone: citizens.phone,
      address: citizens.address,
      communeCode: citizens.communeCode,
    })
    .from(citizens)
    .where(eq(citizens.id, citizenId));
  return row ?? null;
}

export async function listStatusChanges(db: Db, beneficiaryId: string) {
  return db
    .select({
      fromStatus: beneficiaryStatusChanges.fromStatus,
      toStatus: beneficiaryStatusChanges.toStatus,
      changedBy: beneficiaryStatusChanges.changedBy,
      agentFirstName: agents.firstName,
      agentLastName: agents.lastName,
      reason: beneficiaryStatusChanges.reason,
      changedAt: beneficiaryStatusChanges.changedAt,
    })
    .from(beneficiaryStatusChanges)
    .leftJoin(agents, eq(agents.id, beneficiaryStatusChanges.changedByAgentId))
    .where(eq(beneficiaryStatusChanges.beneficiaryId, beneficiaryId))
    .orderBy(asc(beneficiaryStatusChanges.changedAt), asc(beneficiaryStatusChanges.id));
}

export async function listInvitations(db: Db, beneficiaryId: string) {
  return db
    .select({
      kind: invitations.kind,
      channel: invitations.channel,
      sentAt: invitations.sentAt,
      expiresAt: invitations.expiresAt,
      remindersSent: invitations.remindersSent,
      bookedAt: invitations.bookedAt,
      closedAt: invitations.closedAt,
    })
    .from(invitations)
    .where(eq(invitations.beneficiaryId, beneficiaryId))
    .orderBy(asc(invitations.sentAt));
}

/**
 * The messages sent about the person: by this module (subject « rsa_beneficiary ») and by the booking
 * engine to their record there (subject « citizen »). Their content is left out: it holds the signed
 * personal links, which an exported file must not carry.
 */
export async function listMessages(db: Db, beneficiaryId: string, citizenId: string | null) {
  const about = [
    and(eq(outboxMessages.subjectType, 'rsa_beneficiary'), eq(outboxMessages.subjectId, beneficiaryId)),
  ];
  if (citizenId)
    about.push(and(eq(outboxMessages.subjectType, 'citizen'), eq(outboxMessages.subjectId, citizenId)));
  return db
    .select({
      channel: outboxMessages.channel,
      template: outboxMessages.template,
      recipient: outboxMessages.recipient,
      status: outboxMessages.status,
      createdAt: outboxMessages.createdAt,
      sentAt: outboxMessages.sentAt,
    })
    .from(outboxMessages)
    .where(or(...about))
    .orderBy(asc(outboxMessages.createdAt), asc(outboxMessages.id));
}

export async function listAppointments(db: Db, citizenId: string) {
  const agent = alias(agents, 'appointment_agent');
  return db
    .select({
      startsAt: appointments.startsAt,
      endsAt: appointments.endsAt,
      type: appointmentTypes.name,
      place: places.name,
      placeAddress: places.address,
      agentFirstName: agent.firstName,
      agentLastName: agent.lastName,
      status: appointmentParticipants.status,
      bookedVia: appointmentParticipants.bookedVia,
      bookedAt: appointmentParticipants.createdAt,
      cancelledAt: appointments.cancelledAt,
    })
    .from(appointmentParticipants)
    .innerJoin(appointments, eq(appointments.id, appointmentParticipants.appointmentId))
    .innerJoin(appointmentTypes, eq(appointmentTypes.id, appointments.appointmentTypeId))
    .innerJoin(agent, eq(agent.id, appointments.agentId))
    .leftJoin(places, eq(places.id, appointments.placeId))
    .where(eq(appointmentParticipants.citizenId, citizenId))
    .orderBy(asc(appointments.startsAt));
}

export async function findQuestionnaire(db: Db, beneficiaryId: string) {
  const [row] = await db
    .select()
    .from(questionnaireAnswers)
    .where(eq(questionnaireAnswers.beneficiaryId, beneficiaryId));
  return row ?? null;
}

export async function listOrientationDecisions(db: Db, beneficiaryId: string) {
  return db
    .select({
      orientation: orientationDecisions.orientation,
      decidedOn: orientationDecisions.decidedOn,
      structureName: orientationDecisions.structureName,
      comment: orientationDecisions.comment,
      agentFirstName: agents.firstName,
      agentLastName: agents.lastName,
      createdAt: orientationDecisions.createdAt,
    })
    .from(orientationDecisions)
    .innerJoin(agents, eq(agents.id, orientationDecisions.decidedByAgentId))
    .where(eq(orientationDecisions.beneficiaryId, beneficiaryId))
    .orderBy(asc(orientationDecisions.decidedOn), asc(orientationDecisions.createdAt));
}

export async function listNotes(db: Db, beneficiaryId: string) {
  return db
    .select({
      body: notes.body,
      agentFirstName: agents.firstName,
      agentLastName: agents.lastName,
      createdAt: notes.createdAt,
    })
    .from(notes)
    .innerJoin(agents, eq(agents.id, notes.agentId))
    .where(eq(notes.beneficiaryId, beneficiaryId))
    .orderBy(asc(notes.createdAt));
}
