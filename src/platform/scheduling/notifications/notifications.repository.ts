import { and, asc, eq, gt, lte, sql } from 'drizzle-orm';
import type { Db } from '../../db/client.ts';
import { outboxMessages } from '../../messaging/tables.ts';
import { organisations } from '../../tenancy/tables.ts';
import { appointmentParticipants, appointments, appointmentTypes, citizens, places } from '../tables.ts';

/**
 * The reads notifications need: one participation with everything its messages show, and the
 * participations to remind. No rules here (queue.ts and reminders.job.ts decide).
 */

const participationColumns = {
  participantId: appointmentParticipants.id,
  status: appointmentParticipants.status,
  appointmentId: appointments.id,
  organisationId: appointments.organisationId,
  startsAt: appointments.startsAt,
  endsAt: appointments.endsAt,
  placeId: appointments.placeId,
  citizenId: citizens.id,
  firstName: citizens.firstName,
  lastName: citizens.lastName,
  email: citizens.email,
  phone: citizens.phone,
  homeAddress: citizens.address,
  typeName: appointmentTypes.name,
  durationMinutes: appointmentTypes.durationMinutes,
  location: appointmentTypes.location,
  instructions: appointmentTypes.instructions,
  changeLimitHours: appointmentTypes.changeLimitHours,
  placeName: places.name,
  placeAddress: places.address,
  placeAccessibilityNotes: places.accessibilityNotes,
  placePhone: places.phone,
  organisationName: organisations.name,
  territoryId: organisations.territoryId,
};

export type ParticipationForMessages = {
  participantId: string;
  status: 'a_venir' | 'vu' | 'absent' | 'excuse' | 'annule';
  appointmentId: string;
  organisationId: string;
  startsAt: Date;
  endsAt: Date;
  placeId: string | null;
  citizenId: string;
  firstName: string;
  lastName: string;
  email: string | null;
  phone: string | null;
  homeAddress: string | null;
  typeName: string;
  durationMinutes: number;
  location: 'sur_place' | 'telephone' | 'visio' | 'domicile';
  instructions: string | null;
  changeLimitHours: number;
  placeName: string | null;
  placeAddress: string | null;
  placeAccessibilityNotes: string | null;
  placePhone: string | null;
  organisationName: string;
  territoryId: string | null;
};

function participations(db: Db) {
  return db
    .select(participationColumns)
    .from(appointmentParticipants)
    .innerJoin(appointments, eq(appointments.id, appointmentParticipants.appointmentId))
    .innerJoin(citizens, eq(citizens.id, appointmentParticipants.citizenId))
    .innerJoin(appointmentTypes, eq(appointmentTypes.id, appointments.appointmentTypeId))
    .innerJoin(organisations, eq(organisations.id, appointments.organisationId))
    .leftJoin(places, eq(places.id, appointments.placeId));
}

export async function findParticipationForMessages(
  db: Db,
  participantId: string,
): Promise<ParticipationForMessages | null> {
  const [row] = await participations(db).where(eq(appointmentParticipants.id, participantId));
  return row ?? null;
}

/**
 * Participations still « à venir » whose appointment starts in (from, to], in start order, after the
 * cursor (start, participant id) of the previous batch.
 */
export async function findParticipationsStartingBetween(
  db: Db,
  window: { from: Date; to: Date },
  after: { startsAt: Date; participantId: string } | null,
  limit: number,
): Promise<ParticipationForMessages[]> {
  return participations(db)
    .where(
      and(
        eq(appointmentParticipants.status, 'a_venir'),
        sql`${appointments.cancelledAt} is null`,
        sql`(${citizens.email} is not null or ${citizens.phone} is not null)`,
        gt(appointments.startsAt, window.from),
        lte(appointments.startsAt, window.to),
        after
          ? sql`(${appointments.startsAt}, ${appointmentParticipants.id}) > (${after.startsAt.toISOString()}::timestamptz, ${after.participantId}::uuid)`
          : undefined,
      ),
    )
    .orderBy(asc(appointments.startsAt), asc(appointmentParticipants.id))
    .limit(limit);
}

/** The .ics SEQUENCE of a participation's next revision: one more than the changes already sent. */
export async function countChangeEmails(
  db: Db,
  participation: { citizenId: string; participantId: string },
): Promise<number> {
  // The person's messages (subject index), then theirs about this participation.
  const [row] = await db
    .select({ count: sql<number>`count(*)::int` })
    .from(outboxMessages)
    .where(
      and(
        eq(outboxMessages.subjectType, 'citizen'),
        eq(outboxMessages.subjectId, participation.citizenId),
        eq(outboxMessages.template, 'scheduling.change-email'),
        sql`${outboxMessages.data}->>'participantId' = ${participation.participantId}`,
      ),
    );
  return row?.count ?? 0;
}

/** Whether a message with this idempotency key was already queued (reminders skip those cheaply). */
export async function existingIdempotencyKeys(db: Db, keys: string[]): Promise<Set<string>> {
  if (keys.length === 0) return new Set();
  const rows = await db
    .select({ key: outboxMessages.idempotencyKey })
    .from(outboxMessages)
    .where(sql`${outboxMessages.idempotencyKey} in ${keys}`);
  return new Set(rows.map((r) => r.key));
}
