import { type AuditActor, recordAudit } from '../audit/audit.ts';
import type { Db } from '../db/client.ts';
import { conflict, forbidden, invalid, notFound } from '../errors.ts';
import type { Platform } from '../platform.ts';
import { type Caller, isUuid } from '../tenancy/caller.ts';
import { findParticipationDetails, type ParticipationDetails } from './appointments.repository.ts';
import {
  countTakenSeats,
  findActivePlaceOf,
  findSessionsAt,
  insertStatusChange,
  lockAppointment,
  lockParticipation,
  moveParticipantTo,
  rescheduleAppointment,
  setAppointmentCancelled,
  updateParticipantStatus,
} from './booking.repository.ts';
import type { BookingResult } from './booking.service.ts';
import {
  changeLimitProblem,
  checkBookable,
  freesTime,
  isOverlapError,
  isUniqueViolation,
  SlotTaken,
  statusChangeProblem,
  timesOf,
} from './booking-rules.ts';
import { publishAppointmentEvent } from './events.ts';
import { canSchedule } from './policy.ts';
import { freeAgentsAt, nextSlots } from './slot-search.service.ts';
import type { AppointmentEvent, Audience, ParticipationStatus } from './types.ts';

/**
 * What happens to a booked participation afterwards: cancelled, moved, marked vu / absent / excusé.
 * Each command is one transaction holding the participation and its appointment locked, writes a
 * participation_status_changes row for every status change (who: an agent, the person, the system
 * or the API; when), and publishes its event (notifications and webhooks) in that transaction.
 */

/** Who acts: an agent (their permissions apply), the person from their link, the API, the system. */
export type ActingParty = Caller | 'usager' | 'api' | 'systeme';

type Command = {
  participantId: string;
  now?: Date;
  /** Who the audit trail names when no agent acts (an API token, say). */
  audit?: AuditActor;
  /** Scope of an API token: another organisation's participation is not found. */
  organisationId?: string;
};

const NEXT_SLOTS = 5;

function kindOf(by: ActingParty): AppointmentEvent['by'] {
  return typeof by === 'string' ? by : 'agent';
}

type Locked = NonNullable<Awaited<ReturnType<typeof lockParticipation>>>;

/** Locks the participation and checks that the party may act on it. */
async function openParticipation(tx: Db, command: Command, by: ActingParty): Promise<Locked> {
  // Ids come from URLs and API bodies: anything but a UUID is simply not found.
  const locked = isUuid(command.participantId)
    ? await lockParticipation(tx, command.participantId)
    : undefined;
  const organisationId = locked?.appointment.organisationId;
  if (
    !locked ||
    (command.organisationId && organisationId !== command.organisationId) ||
    (typeof by === 'object' && !canSchedule(by.actor, 'scheduling.view', { organisationId: organisationId! }))
  ) {
    throw notFound('Ce rendez-vous n’existe pas ou vous n’y avez pas accès.');
  }
  if (
    typeof by === 'object' &&
    !canSchedule(by.actor, 'scheduling.book', { organisationId: organisationId! })
  ) {
    throw forbidden('Vous ne pouvez pas modifier les rendez-vous de cette organisation.');
  }
  return locked;
}

/**
 * Sets a status, records who and when, and keeps the agent's time in step: an individual
 * appointment whose participant is cancelled or excused is marked cancelled (its time is free
 * again); brought back to another status, it takes its time back, unless someone else booked it
 * meanwhile (the exclusion constraint refuses, and so does this change).
 */
async function applyStatus(
  tx: Db,
  platform: Platform,
  locked: Locked,
  to: ParticipationStatus,
  context: { by: ActingParty; now: Date; audit: AuditActor | undefined; kind: AppointmentEvent['kind'] },
): Promise<void> {
  const { participant, appointment, type } = locked;
  const from = participant.status;
  const agentId = typeof context.by === 'object' ? context.by.actor.agentId : null;
  await updateParticipantStatus(tx, participant.id, { status: to, at: context.now, agentId });
  await insertStatusChange(tx, {
    participantId: participant.id,
    fromStatus: from,
    toStatus: to,
    changedBy: kindOf(context.by),
    changedByAgentId: agentId,
    changedAt: context.now,
  });
  if (!type.collective && freesTime(to) !== freesTime(from)) {
    if (freesTime(to)) {
      await setAppointmentCancelled(tx, appointment.id, context.now);
    } else {
      try {
        await tx.transaction((savepoint) => setAppointmentCancelled(savepoint, appointment.id, null));
      } catch (error) {
        if (!isOverlapError(error)) throw error;
        throw conflict(
          'Ce créneau a été donné à quelqu’un d’autre entre-temps : prenez un nouveau rendez-vous.',
        );
      }
    }
  }
  await publishAppointmentEvent(tx, platform, {
    kind: context.kind,
    appointmentId: appointment.id,
    participantId: participant.id,
    ...(context.kind === 'appointment.status_changed' ? { fromStatus: from, toStatus: to } : {}),
    by: kindOf(context.by),
    at: context.now,
  });
  const audit = typeof context.by === 'object' ? context.by.audit : context.audit;
  if (audit) {
    await recordAudit(tx, audit, {
      action: 'update',
      resourceType: 'appointment',
      resourceId: appointment.id,
      organisationId: appointment.organisationId,
      details: { participantId: participant.id, fromStatus: from, toStatus: to },
    });
  }
}

/**
 * Cancels one person's participation (« annulé »). Only an appointment still « à venir » can be
 * cancelled; the person, from their link, only until the type's change limit before the start.
 */
export async function cancelParticipation(
  db: Db,
  platform: Platform,
  input: Command & { by: Caller | 'usager' | 'api' | 'systeme' },
): Promise<void> {
  const now = input.now ?? new Date();
  await db.transaction(async (tx) => {
    const locked = await openParticipation(tx, input, input.by);
    if (locked.participant.status !== 'a_venir') {
      throw conflict('Seul un rendez-vous à venir peut être annulé.');
    }
    if (input.by === 'usager') {
      const problem = changeLimitProblem(locked.type.changeLimitHours, locked.appointment.startsAt, now);
      if (problem) throw conflict(problem);
    }
    await applyStatus(tx, platform, locked, 'annule', {
      by: input.by,
      now,
      audit: input.audit,
      kind: 'appointment.cancelled',
    });
  });
}

/**
 * An agent (or the API, or the system) records what happened: vu, absent (once the appointment has
 * started), excusé, or back to à venir to correct a mistake. « annulé » goes through
 * cancelParticipation's rules. Setting the status it already has changes nothing.
 */
export async function setParticipationStatus(
  db: Db,
  platform: Platform,
  input: Command & { status: ParticipationStatus; by: Caller | 'api' | 'systeme' },
): Promise<void> {
  if (input.status === 'annule') return cancelParticipation(db, platform, input);
  const now = input.now ?? new Date();
  await db.transaction(async (tx) => {
    const locked = await openParticipation(tx, input, input.by);
    const from = locked.participant.status;
    if (from === input.status) return;
    const problem = statusChangeProblem(from, input.status, locked.appointment.startsAt, now);
    if (problem) throw from === 'annule' ? conflict(problem) : invalid({ status: problem }, problem);
    await applyStatus(tx, platform, locked, input.status, {
      by: input.by,
      now,
      audit: input.audit,
      kind: 'appointment.status_changed',
    });
  });
}

/**
 * Moves a participation to another time (and place, and agent), checked like a new booking but
 * ignoring the appointment being moved. The participant keeps its id (the person's link still
 * works). An individual appointment is rescheduled in place, trying the free agents in turn (the
 * current one first) in savepoints as bookAppointment does; a seat moves to another session of the
 * same type. The person, from their link, may move only until the type's change limit, and only to
 * times an invited person could book (types reserved to agents are moved by agents).
 */
export async function moveAppointment(
  db: Db,
  platform: Platform,
  input: Command & { startsAt: Date; placeId: string; agentId?: string; by: Caller | 'usager' | 'api' },
): Promise<BookingResult> {
  const now = input.now ?? new Date();
  const audience: Audience = input.by === 'usager' ? 'invited' : 'agent';
  let query: Parameters<typeof nextSlots>[1] | undefined;
  try {
    return await db.transaction(async (tx) => {
      const locked = await openParticipation(tx, input, input.by);
      const { participant, appointment, type } = locked;
      if (participant.status !== 'a_venir') throw conflict('Seul un rendez-vous à venir peut être déplacé.');
      if (input.by === 'usager') {
        const problem = changeLimitProblem(type.changeLimitHours, appointment.startsAt, now);
        if (problem) throw conflict(problem);
      }
      checkBookable(type, audience, input.startsAt, now);
      if (input.agentId !== undefined && !isUuid(input.agentId))
        throw invalid({ agentId: 'Cet agent n’existe pas.' });
      const place = isUuid(input.placeId)
        ? await findActivePlaceOf(tx, appointment.organisationId, input.placeId)
        : undefined;
      if (!place) throw invalid({ placeId: 'Ce lieu n’existe pas ou n’accueille plus de rendez-vous.' });
      query = {
        appointmentTypeId: type.id,
        audience,
        placeId: place.id,
        ...(input.agentId ? { agentId: input.agentId } : {}),
        citizenId: participant.citizenId,
        now,
      };
      const unchanged =
        appointment.startsAt.getTime() === input.startsAt.getTime() &&
        appointment.placeId === place.id &&
        (!input.agentId || input.agentId === appointment.agentId);
      if (unchanged) {
        return {
          ok: true as const,
          appointmentId: appointment.id,
          participantId: participant.id,
          citizenId: participant.citizenId,
        };
      }
      const free = await freeAgentsAt(tx, {
        appointmentTypeId: type.id,
        startsAt: input.startsAt,
        placeId: place.id,
        ...(input.agentId ? { agentId: input.agentId } : {}),
        audience,
        citizenId: participant.citizenId,
        now,
        ignoreAppointmentId: appointment.id,
      });
      const appointmentId = type.collective
        ? await moveSeat(tx, locked, { startsAt: input.startsAt, placeId: place.id, agentIds: free })
        : await reschedule(tx, locked, { startsAt: input.startsAt, placeId: place.id, agentIds: free });
      await publishAppointmentEvent(tx, platform, {
        kind: 'appointment.updated',
        appointmentId,
        participantId: participant.id,
        previous: {
          startsAt: appointment.startsAt,
          placeId: appointment.placeId,
          agentId: appointment.agentId,
        },
        by: kindOf(input.by),
        at: now,
      });
      const audit = typeof input.by === 'object' ? input.by.audit : input.audit;
      if (audit) {
        await recordAudit(tx, audit, {
          action: 'update',
          resourceType: 'appointment',
          resourceId: appointmentId,
          organisationId: appointment.organisationId,
          details: {
            participantId: participant.id,
            from: appointment.startsAt.toISOString(),
            to: input.startsAt.toISOString(),
          },
        });
      }
      return {
        ok: true as const,
        appointmentId,
        participantId: participant.id,
        citizenId: participant.citizenId,
      };
    });
  } catch (error) {
    if (!(error instanceof SlotTaken)) throw error;
  }
  return { ok: false, reason: 'taken', next: await nextSlots(db, query!, input.startsAt, NEXT_SLOTS) };
}

async function reschedule(
  tx: Db,
  { appointment, type }: Locked,
  target: { startsAt: Date; placeId: string; agentIds: string[] },
): Promise<string> {
  // The current agent first: a move keeps the person with the same agent when possible.
  const agentIds = [...target.agentIds].sort(
    (a, b) => Number(b === appointment.agentId) - Number(a === appointment.agentId),
  );
  for (const agentId of agentIds) {
    try {
      await tx.transaction((savepoint) =>
        rescheduleAppointment(savepoint, appointment.id, {
          ...timesOf(type, target.startsAt),
          agentId,
          placeId: target.placeId,
        }),
      );
      return appointment.id;
    } catch (error) {
      if (!isOverlapError(error)) throw error;
    }
  }
  throw new SlotTaken();
}

async function moveSeat(
  tx: Db,
  { participant, type }: Locked,
  target: { startsAt: Date; placeId: string; agentIds: string[] },
): Promise<string> {
  const allowed = new Set(target.agentIds);
  const sessions = (
    await findSessionsAt(tx, {
      appointmentTypeId: type.id,
      startsAt: target.startsAt,
      placeId: target.placeId,
    })
  ).filter((session) => allowed.has(session.agentId) && session.id !== participant.appointmentId);
  for (const candidate of sessions) {
    const session = await lockAppointment(tx, candidate.id);
    if (!session || session.cancelledAt) continue;
    if ((await countTakenSeats(tx, session.id)) >= session.capacity) continue;
    try {
      await tx.transaction((savepoint) => moveParticipantTo(savepoint, participant.id, session.id));
    } catch (error) {
      if (!isUniqueViolation(error)) throw error;
      throw conflict('Cette personne a déjà été inscrite à cette séance : choisissez-en une autre.');
    }
    return session.id;
  }
  throw new SlotTaken();
}

/**
 * One person's appointment for an agent's page: everything findParticipationDetails gives, once the
 * agent may see the organisation's appointments; the read is audited (it shows a person's data).
 */
export async function viewParticipation(
  db: Db,
  caller: Caller,
  participantId: string,
): Promise<ParticipationDetails> {
  const details = isUuid(participantId) ? await findParticipationDetails(db, participantId) : null;
  if (
    !details ||
    !canSchedule(caller.actor, 'scheduling.view', { organisationId: details.organisation.id })
  ) {
    await recordAudit(db, caller.audit, {
      action: 'denied',
      resourceType: 'appointment_participant',
      resourceId: isUuid(participantId) ? participantId : null,
    });
    throw notFound('Ce rendez-vous n’existe pas ou vous n’y avez pas accès.');
  }
  await recordAudit(db, caller.audit, {
    action: 'read',
    resourceType: 'appointment_participant',
    resourceId: participantId,
    organisationId: details.organisation.id,
    details: { citizenId: details.citizen.id },
  });
  return details;
}
