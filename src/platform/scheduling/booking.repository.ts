import { and, asc, eq, isNull, ne, sql } from 'drizzle-orm';
import type { Db } from '../db/client.ts';
import {
  appointmentParticipants,
  appointments,
  appointmentTypes,
  participationStatusChanges,
  places,
} from './tables.ts';
import type { ParticipationStatus } from './types.ts';

/** The writes of booking, cancelling, moving and status changes. No rules here: see booking.service.ts. */

export type AppointmentType = typeof appointmentTypes.$inferSelect;
export type Appointment = typeof appointments.$inferSelect;
export type Participant = typeof appointmentParticipants.$inferSelect;
export type StatusChangedBy = 'agent' | 'usager' | 'systeme' | 'api';

export async function findAppointmentType(db: Db, id: string): Promise<AppointmentType | undefined> {
  const [row] = await db.select().from(appointmentTypes).where(eq(appointmentTypes.id, id));
  return row;
}

export async function findActivePlaceOf(db: Db, organisationId: string, placeId: string) {
  const [row] = await db
    .select()
    .from(places)
    .where(and(eq(places.id, placeId), eq(places.organisationId, organisationId), isNull(places.archivedAt)));
  return row;
}

export async function insertAppointment(
  db: Db,
  values: Omit<typeof appointments.$inferInsert, 'id' | 'createdAt' | 'updatedAt'>,
): Promise<Appointment> {
  const [row] = await db.insert(appointments).values(values).returning();
  return row!;
}

export async function insertParticipant(
  db: Db,
  values: Omit<typeof appointmentParticipants.$inferInsert, 'id' | 'createdAt'>,
): Promise<Participant> {
  const [row] = await db.insert(appointmentParticipants).values(values).returning();
  return row!;
}

export async function insertStatusChange(
  db: Db,
  values: {
    participantId: string;
    fromStatus: ParticipationStatus | null;
    toStatus: ParticipationStatus;
    changedBy: StatusChangedBy;
    changedByAgentId: string | null;
    changedAt: Date;
  },
): Promise<void> {
  await db.insert(participationStatusChanges).values(values);
}

/** Locks the appointment row until the transaction ends: seats of a session are counted one at a time. */
export async function lockAppointment(db: Db, appointmentId: string): Promise<Appointment | undefined> {
  const [row] = await db.select().from(appointments).where(eq(appointments.id, appointmentId)).for('update');
  return row;
}

/** Seats taken in a session: every participant not cancelled. */
export async function countTakenSeats(db: Db, appointmentId: string): Promise<number> {
  const [row] = await db
    .select({ count: sql<number>`count(*)::int` })
    .from(appointmentParticipants)
    .where(
      and(
        eq(appointmentParticipants.appointmentId, appointmentId),
        ne(appointmentParticipants.status, 'annule'),
      ),
    );
  return row!.count;
}

export async function findParticipantOf(
  db: Db,
  appointmentId: string,
  citizenId: string,
): Promise<Participant | undefined> {
  const [row] = await db
    .select()
    .from(appointmentParticipants)
    .where(
      and(
        eq(appointmentParticipants.appointmentId, appointmentId),
        eq(appointmentParticipants.citizenId, citizenId),
      ),
    );
  return row;
}

/**
 * A participation with its appointment and type, both rows locked (participant, then appointment):
 * two changes of the same participation, or of two seats of one session, wait for each other.
 */
export async function lockParticipation(db: Db, participantId: string) {
  const [participant] = await db
    .select()
    .from(appointmentParticipants)
    .where(eq(appointmentParticipants.id, participantId))
    .for('update');
  if (!participant) return undefined;
  const appointment = (await lockAppointment(db, participant.appointmentId))!;
  const type = (await findAppointmentType(db, appointment.appointmentTypeId))!;
  return { participant, appointment, type };
}

export async function updateParticipantStatus(
  db: Db,
  participantId: string,
  values: { status: ParticipationStatus; at: Date; agentId: string | null },
): Promise<void> {
  await db
    .update(appointmentParticipants)
    .set({ status: values.status, statusChangedAt: values.at, statusChangedByAgentId: values.agentId })
    .where(eq(appointmentParticipants.id, participantId));
}

/** Sets or clears cancelled_at; clearing it puts the time back under the exclusion constraint. */
export async function setAppointmentCancelled(db: Db, appointmentId: string, at: Date | null): Promise<void> {
  await db
    .update(appointments)
    .set({ cancelledAt: at, updatedAt: new Date() })
    .where(eq(appointments.id, appointmentId));
}

export async function rescheduleAppointment(
  db: Db,
  appointmentId: string,
  values: { startsAt: Date; endsAt: Date; blockedUntil: Date; agentId: string; placeId: string },
): Promise<void> {
  await db
    .update(appointments)
    .set({ ...values, updatedAt: new Date() })
    .where(eq(appointments.id, appointmentId));
}

export async function moveParticipantTo(db: Db, participantId: string, appointmentId: string): Promise<void> {
  await db
    .update(appointmentParticipants)
    .set({ appointmentId })
    .where(eq(appointmentParticipants.id, participantId));
}

/** The open sessions of a collective type starting at that time and place (agent optional). */
export async function findSessionsAt(
  db: Db,
  query: { appointmentTypeId: string; startsAt: Date; placeId: string; agentId?: string },
): Promise<Appointment[]> {
  return db
    .select()
    .from(appointments)
    .where(
      and(
        eq(appointments.appointmentTypeId, query.appointmentTypeId),
        eq(appointments.startsAt, query.startsAt),
        eq(appointments.placeId, query.placeId),
        query.agentId ? eq(appointments.agentId, query.agentId) : undefined,
        isNull(appointments.cancelledAt),
      ),
    )
    .orderBy(asc(appointments.createdAt));
}

export async function statusHistoryOf(db: Db, participantId: string) {
  return db
    .select()
    .from(participationStatusChanges)
    .where(eq(participationStatusChanges.participantId, participantId))
    .orderBy(asc(participationStatusChanges.changedAt), asc(sql`ctid`));
}
