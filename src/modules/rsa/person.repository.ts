import { aliasedTable, asc, desc, eq } from 'drizzle-orm';
import type { Db } from '../../platform/db/client.ts';
import {
  appointmentParticipants,
  appointments,
  appointmentTypes,
  places,
} from '../../platform/scheduling/tables.ts';
import { agents, organisations } from '../../platform/tenancy/tables.ts';
import {
  beneficiaryStatusChanges,
  invitations,
  notes,
  orientationDecisions,
  questionnaireAnswers,
} from './tables.ts';

/**
 * What is held about one person, as stored: their status history, invitations, notes, questionnaire,
 * orientation decisions and appointments, each with the name of the agent behind it. Read for their
 * page (the timeline, newest first), their data export (which turns the lists round, oldest first)
 * and the orientation page. The caller has checked that the reader may see the person (access.ts)
 * and audits the read.
 */

const author = aliasedTable(agents, 'author');
const authorName = { authorFirstName: author.firstName, authorLastName: author.lastName };

export async function statusChangesOf(db: Db, beneficiaryId: string) {
  return db
    .select({
      id: beneficiaryStatusChanges.id,
      fromStatus: beneficiaryStatusChanges.fromStatus,
      toStatus: beneficiaryStatusChanges.toStatus,
      changedBy: beneficiaryStatusChanges.changedBy,
      reason: beneficiaryStatusChanges.reason,
      changedAt: beneficiaryStatusChanges.changedAt,
      ...authorName,
    })
    .from(beneficiaryStatusChanges)
    .leftJoin(author, eq(author.id, beneficiaryStatusChanges.changedByAgentId))
    .where(eq(beneficiaryStatusChanges.beneficiaryId, beneficiaryId))
    .orderBy(desc(beneficiaryStatusChanges.changedAt), desc(beneficiaryStatusChanges.id));
}

export async function invitationsOf(db: Db, beneficiaryId: string) {
  return db
    .select({
      id: invitations.id,
      kind: invitations.kind,
      channel: invitations.channel,
      sentAt: invitations.sentAt,
      expiresAt: invitations.expiresAt,
      remindersSent: invitations.remindersSent,
      nextReminderAt: invitations.nextReminderAt,
      bookedAt: invitations.bookedAt,
      closedAt: invitations.closedAt,
      appointmentStartsAt: appointments.startsAt,
      ...authorName,
    })
    .from(invitations)
    .leftJoin(author, eq(author.id, invitations.createdByAgentId))
    .leftJoin(appointments, eq(appointments.id, invitations.appointmentId))
    .where(eq(invitations.beneficiaryId, beneficiaryId))
    .orderBy(desc(invitations.sentAt));
}

export async function notesOf(db: Db, beneficiaryId: string) {
  return db
    .select({ id: notes.id, body: notes.body, createdAt: notes.createdAt, ...authorName })
    .from(notes)
    .innerJoin(author, eq(author.id, notes.agentId))
    .where(eq(notes.beneficiaryId, beneficiaryId))
    .orderBy(desc(notes.createdAt));
}

export type SavedAnswers = typeof questionnaireAnswers.$inferSelect;

/** The person's questionnaire (one per person, the latest answers), or null when not filled. */
export async function questionnaireOf(db: Db, beneficiaryId: string): Promise<SavedAnswers | null> {
  const [row] = await db
    .select()
    .from(questionnaireAnswers)
    .where(eq(questionnaireAnswers.beneficiaryId, beneficiaryId));
  return row ?? null;
}

export async function decisionsOf(db: Db, beneficiaryId: string) {
  return db
    .select({
      id: orientationDecisions.id,
      orientation: orientationDecisions.orientation,
      decidedOn: orientationDecisions.decidedOn,
      structureName: orientationDecisions.structureName,
      comment: orientationDecisions.comment,
      createdAt: orientationDecisions.createdAt,
      ...authorName,
    })
    .from(orientationDecisions)
    .innerJoin(author, eq(author.id, orientationDecisions.decidedByAgentId))
    .where(eq(orientationDecisions.beneficiaryId, beneficiaryId))
    .orderBy(desc(orientationDecisions.decidedOn), desc(orientationDecisions.createdAt));
}

/** The appointments of the person's record in the booking engine, with their participation status. */
export async function appointmentsOfCitizen(db: Db, citizenId: string) {
  return db
    .select({
      participantId: appointmentParticipants.id,
      status: appointmentParticipants.status,
      bookedVia: appointmentParticipants.bookedVia,
      bookedAt: appointmentParticipants.createdAt,
      startsAt: appointments.startsAt,
      endsAt: appointments.endsAt,
      cancelledAt: appointments.cancelledAt,
      typeName: appointmentTypes.name,
      category: appointmentTypes.category,
      placeName: places.name,
      placeAddress: places.address,
      organisationSlug: organisations.slug,
      ...authorName,
    })
    .from(appointmentParticipants)
    .innerJoin(appointments, eq(appointments.id, appointmentParticipants.appointmentId))
    .innerJoin(appointmentTypes, eq(appointmentTypes.id, appointments.appointmentTypeId))
    .innerJoin(organisations, eq(organisations.id, appointments.organisationId))
    .leftJoin(places, eq(places.id, appointments.placeId))
    .leftJoin(author, eq(author.id, appointments.agentId))
    .where(eq(appointmentParticipants.citizenId, citizenId))
    .orderBy(asc(appointments.startsAt));
}

export async function agentName(db: Db, agentId: string) {
  const [row] = await db
    .select({ firstName: agents.firstName, lastName: agents.lastName })
    .from(agents)
    .where(eq(agents.id, agentId));
  return row;
}
