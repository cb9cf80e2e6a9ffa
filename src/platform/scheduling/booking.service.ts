import { type AuditActor, recordAudit } from '../audit/audit.ts';
import type { Db } from '../db/client.ts';
import { AppError, conflict, forbidden, invalid, notFound } from '../errors.ts';
import type { Platform } from '../platform.ts';
import { type Caller, isUuid } from '../tenancy/caller.ts';
import {
  type Appointment,
  type AppointmentType,
  countTakenSeats,
  findActivePlaceOf,
  findAppointmentType,
  findParticipantOf,
  findSessionsAt,
  insertAppointment,
  insertParticipant,
  insertStatusChange,
  lockAppointment,
  updateParticipantStatus,
} from './booking.repository.ts';
import {
  audienceOf,
  type BookingChannel,
  checkBookable,
  isOverlapError,
  isUniqueViolation,
  SlotTaken,
  timesOf,
} from './booking-rules.ts';
import { activeMembersAmong, findCitizenOfOrganisation } from './citizens.repository.ts';
import { findOrCreateCitizen } from './citizens.service.ts';
import { publishAppointmentEvent } from './events.ts';
import { canSchedule } from './policy.ts';
import { freeAgentsAt, nextSlots } from './slot-search.service.ts';
import type { CitizenInput, PlaceSummary, Slot } from './types.ts';

export {
  cancelParticipation,
  moveAppointment,
  setParticipationStatus,
  viewParticipation,
} from './participation.service.ts';

/**
 * Booking: a person takes a time with an agent (individual types) or a seat in a session (collective
 * types). Double booking is made impossible by the database, not by this code: the exclusion
 * constraint appointments_no_overlap (migration 0005) refuses a second non-cancelled appointment of
 * an agent overlapping [starts_at, blocked_until). The engine's freeAgentsAt only says who looked
 * free a moment ago; each insert runs in a savepoint, so a refusal (a concurrent booking won) moves
 * on to the next free agent instead of failing the whole transaction. Seats of a session are counted
 * with the session's row locked (select … for update), so concurrent bookings take turns.
 */

export type BookingInput = {
  appointmentTypeId: string;
  startsAt: Date;
  placeId: string;
  /** Only this agent (otherwise any free agent, in the engine's order). */
  agentId?: string;
  citizen: { id: string } | CitizenInput;
  channel: BookingChannel;
  /** The agent booking for the person (channel 'agent'): their permissions apply. */
  bookedBy?: Caller;
  communeCode?: string;
  now?: Date;
  /** Who the audit trail names when no agent books (an API token, say). */
  audit?: AuditActor;
  /** Scope of an API token: a type of another organisation is not found. */
  organisationId?: string;
  notes?: string;
  /**
   * 'module': the calling module sends the person its own message about this booking (an RSA
   * convocation), so the engine's confirmation is not sent too. Reminders and later changes still are.
   */
  confirmation?: 'engine' | 'module';
};

export type NextSlot = { slot: Slot; place: PlaceSummary };

export type BookingResult =
  | { ok: true; appointmentId: string; participantId: string; citizenId: string }
  | { ok: false; reason: 'taken'; next: NextSlot[] };

/** How many following slots a refusal offers. */
const NEXT_SLOTS = 5;

export async function bookAppointment(
  db: Db,
  platform: Platform,
  input: BookingInput,
): Promise<BookingResult> {
  const now = input.now ?? new Date();
  const audience = audienceOf(input.channel);
  const type = isUuid(input.appointmentTypeId)
    ? await findAppointmentType(db, input.appointmentTypeId)
    : undefined;
  if (!type || (input.organisationId && type.organisationId !== input.organisationId)) {
    throw invalid({ appointmentTypeId: 'Ce motif n’existe pas.' });
  }
  const organisationId = type.organisationId;
  if (input.channel === 'agent') {
    if (!input.bookedBy || !canSchedule(input.bookedBy.actor, 'scheduling.view', { organisationId })) {
      throw invalid({ appointmentTypeId: 'Ce motif n’existe pas.' });
    }
    if (!canSchedule(input.bookedBy.actor, 'scheduling.book', { organisationId })) {
      throw forbidden('Vous ne pouvez pas prendre de rendez-vous pour cette organisation.');
    }
  }
  checkBookable(type, audience, input.startsAt, now);
  if (input.agentId !== undefined && !isUuid(input.agentId))
    throw invalid({ agentId: 'Cet agent n’existe pas.' });
  const place = isUuid(input.placeId)
    ? await findActivePlaceOf(db, organisationId, input.placeId)
    : undefined;
  if (!place) throw invalid({ placeId: 'Ce lieu n’existe pas ou n’accueille plus de rendez-vous.' });

  const audit = input.bookedBy?.audit ?? input.audit;
  let citizenId: string | undefined = 'id' in input.citizen ? input.citizen.id : undefined;
  try {
    return await db.transaction(async (tx) => {
      const citizen = await citizenFor(tx, organisationId, input);
      citizenId = citizen.id;
      const agentIds = await freeAgentsAt(tx, {
        appointmentTypeId: type.id,
        startsAt: input.startsAt,
        placeId: place.id,
        ...(input.agentId ? { agentId: input.agentId } : {}),
        audience,
        citizenId: citizen.id,
        ...(input.communeCode ? { communeCode: input.communeCode } : {}),
        now,
      });
      const taken = type.collective
        ? await takeSeat(tx, type, { ...input, placeId: place.id, citizenId: citizen.id, agentIds })
        : await takeTime(tx, type, { ...input, placeId: place.id, citizenId: citizen.id, agentIds });
      const changedBy = byOf(input);
      await insertStatusChange(tx, {
        participantId: taken.participantId,
        fromStatus: taken.fromStatus,
        toStatus: 'a_venir',
        changedBy,
        changedByAgentId: input.bookedBy?.actor.agentId ?? null,
        changedAt: now,
      });
      await publishAppointmentEvent(tx, platform, {
        kind: 'appointment.created',
        appointmentId: taken.appointmentId,
        participantId: taken.participantId,
        by: changedBy,
        at: now,
        ...(input.confirmation === 'module' ? { personNotified: true } : {}),
      });
      if (audit) {
        await recordAudit(tx, audit, {
          action: 'create',
          resourceType: 'appointment',
          resourceId: taken.appointmentId,
          organisationId,
          details: {
            participantId: taken.participantId,
            citizenId: citizen.id,
            channel: input.channel,
            startsAt: input.startsAt.toISOString(),
          },
        });
      }
      return { ok: true as const, ...taken, citizenId: citizen.id };
    });
  } catch (error) {
    if (!(error instanceof SlotTaken)) throw error;
  }
  const next = await nextSlots(
    db,
    {
      appointmentTypeId: type.id,
      audience,
      placeId: place.id,
      ...(input.agentId ? { agentId: input.agentId } : {}),
      ...(input.communeCode ? { communeCode: input.communeCode } : {}),
      ...(citizenId ? { citizenId } : {}),
      now,
    },
    input.startsAt,
    NEXT_SLOTS,
  );
  return { ok: false, reason: 'taken', next };
}

/**
 * An agent opens a session of a collective type: an appointment with seats and no participant yet.
 * Its time is the agent's like any appointment (the exclusion constraint applies).
 */
export async function openCollectiveSession(
  db: Db,
  platform: Platform,
  input: {
    appointmentTypeId: string;
    agentId: string;
    placeId: string;
    startsAt: Date;
    capacity?: number;
    by: Caller;
    notes?: string;
  },
): Promise<{ appointmentId: string }> {
  void platform; // no event: nobody is concerned until a person takes a seat
  const type = isUuid(input.appointmentTypeId)
    ? await findAppointmentType(db, input.appointmentTypeId)
    : undefined;
  if (!type || !canSchedule(input.by.actor, 'scheduling.view', { organisationId: type.organisationId })) {
    throw notFound('Ce motif n’existe pas ou vous n’y avez pas accès.');
  }
  const organisationId = type.organisationId;
  if (
    !canSchedule(input.by.actor, 'scheduling.manageAgentTime', { organisationId, agentId: input.agentId })
  ) {
    throw forbidden('Vous ne pouvez pas ouvrir de séance dans l’agenda de cet agent.');
  }
  const errors: Record<string, string> = {};
  if (!type.collective)
    errors.appointmentTypeId = 'Ce motif n’est pas collectif : il ne se réserve pas en séances.';
  if (type.archivedAt) errors.appointmentTypeId = 'Ce motif est archivé.';
  const capacity = input.capacity ?? type.capacity ?? 0;
  if (!Number.isInteger(capacity) || capacity < 2 || capacity > 500) {
    errors.capacity = 'Une séance compte de 2 à 500 places.';
  }
  const place = isUuid(input.placeId)
    ? await findActivePlaceOf(db, organisationId, input.placeId)
    : undefined;
  if (!place) errors.placeId = 'Ce lieu n’existe pas ou n’accueille plus de rendez-vous.';
  if (Object.keys(errors).length) throw invalid(errors);
  if (!(await isMember(db, organisationId, input.agentId))) {
    throw invalid({ agentId: 'Choisissez un agent actif de l’organisation.' });
  }
  try {
    return await db.transaction(async (tx) => {
      const appointment = await insertAppointment(tx, {
        organisationId,
        appointmentTypeId: type.id,
        agentId: input.agentId,
        placeId: input.placeId,
        ...timesOf(type, input.startsAt),
        capacity,
        notes: input.notes ?? null,
        createdByAgentId: input.by.actor.agentId,
      });
      await recordAudit(tx, input.by.audit, {
        action: 'create',
        resourceType: 'appointment',
        resourceId: appointment.id,
        organisationId,
        details: { collective: true, capacity, startsAt: input.startsAt.toISOString() },
      });
      return { appointmentId: appointment.id };
    });
  } catch (error) {
    if (isOverlapError(error)) throw conflict('Cet agent a déjà un rendez-vous sur ce créneau.');
    throw error;
  }
}

export function byOf(input: { channel: BookingChannel }): 'agent' | 'usager' | 'api' {
  return input.channel === 'agent' ? 'agent' : input.channel === 'api' ? 'api' : 'usager';
}

async function citizenFor(tx: Db, organisationId: string, input: BookingInput) {
  if ('id' in input.citizen) {
    const found = isUuid(input.citizen.id)
      ? await findCitizenOfOrganisation(tx, organisationId, input.citizen.id)
      : undefined;
    if (!found) throw invalid({ 'citizen.id': 'Cette personne n’est pas connue de l’organisation.' });
    return found;
  }
  const requireContact = input.channel === 'public' || input.channel === 'invitation';
  try {
    return (await findOrCreateCitizen(tx, organisationId, input.citizen, { requireContact })).citizen;
  } catch (error) {
    if (error instanceof AppError && error.code === 'validation') {
      throw invalid(
        Object.fromEntries(Object.entries(error.fields).map(([key, message]) => [`citizen.${key}`, message])),
        error.message,
      );
    }
    throw error;
  }
}

type Taken = {
  appointmentId: string;
  participantId: string;
  fromStatus: 'annule' | null;
};

type SeatRequest = BookingInput & { placeId: string; citizenId: string; agentIds: string[] };

/**
 * Individual type: an appointment of its own with the first free agent that the database accepts.
 * A refusal by the exclusion constraint undoes only its savepoint, and the next agent is tried.
 */
async function takeTime(tx: Db, type: AppointmentType, request: SeatRequest): Promise<Taken> {
  for (const agentId of request.agentIds) {
    try {
      return await tx.transaction(async (savepoint) => {
        const appointment = await insertAppointment(savepoint, {
          organisationId: type.organisationId,
          appointmentTypeId: type.id,
          agentId,
          placeId: request.placeId,
          ...timesOf(type, request.startsAt),
          capacity: 1,
          notes: request.notes ?? null,
          createdByAgentId: request.bookedBy?.actor.agentId ?? null,
        });
        const participant = await insertParticipant(savepoint, {
          appointmentId: appointment.id,
          citizenId: request.citizenId,
          bookedVia: request.channel,
          bookedByAgentId: request.bookedBy?.actor.agentId ?? null,
          statusChangedAt: request.now ?? new Date(),
          statusChangedByAgentId: request.bookedBy?.actor.agentId ?? null,
        });
        return { appointmentId: appointment.id, participantId: participant.id, fromStatus: null };
      });
    } catch (error) {
      if (!isOverlapError(error)) throw error;
    }
  }
  throw new SlotTaken();
}

/**
 * Collective type: a seat in an open session at that time and place, held by one of the agents the
 * engine found (sessions with seats left). The session's row is locked while its seats are counted.
 * A person already holding a seat is refused; one whose seat was cancelled gets it back.
 */
async function takeSeat(tx: Db, type: AppointmentType, request: SeatRequest): Promise<Taken> {
  const allowed = new Set(request.agentIds);
  const sessions = (
    await findSessionsAt(tx, {
      appointmentTypeId: type.id,
      startsAt: request.startsAt,
      placeId: request.placeId,
      ...(request.agentId ? { agentId: request.agentId } : {}),
    })
  ).filter((session) => allowed.has(session.agentId));
  for (const candidate of sessions) {
    const session = await lockAppointment(tx, candidate.id);
    if (!session || session.cancelledAt) continue;
    const existing = await findParticipantOf(tx, session.id, request.citizenId);
    if (existing && existing.status !== 'annule') {
      throw conflict('Cette personne a déjà une place dans cette séance.', {
        startsAt: 'Cette personne a déjà une place dans cette séance.',
      });
    }
    if ((await countTakenSeats(tx, session.id)) >= session.capacity) continue;
    if (existing) {
      await updateParticipantStatus(tx, existing.id, {
        status: 'a_venir',
        at: request.now ?? new Date(),
        agentId: request.bookedBy?.actor.agentId ?? null,
      });
      return { appointmentId: session.id, participantId: existing.id, fromStatus: 'annule' };
    }
    const participant = await insertSeat(tx, session, request);
    return { appointmentId: session.id, participantId: participant.id, fromStatus: null };
  }
  throw new SlotTaken();
}

async function insertSeat(tx: Db, session: Appointment, request: SeatRequest) {
  try {
    return await insertParticipant(tx, {
      appointmentId: session.id,
      citizenId: request.citizenId,
      bookedVia: request.channel,
      bookedByAgentId: request.bookedBy?.actor.agentId ?? null,
      statusChangedAt: request.now ?? new Date(),
      statusChangedByAgentId: request.bookedBy?.actor.agentId ?? null,
    });
  } catch (error) {
    if (isUniqueViolation(error)) throw conflict('Cette personne a déjà une place dans cette séance.');
    throw error;
  }
}

async function isMember(db: Db, organisationId: string, agentId: string): Promise<boolean> {
  if (!isUuid(agentId)) return false;
  return (await activeMembersAmong(db, organisationId, [agentId])).length === 1;
}
