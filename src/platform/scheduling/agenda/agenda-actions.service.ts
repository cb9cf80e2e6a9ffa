import { recordAudit } from '../../audit/audit.ts';
import type { Db } from '../../db/client.ts';
import { invalid, notFound } from '../../errors.ts';
import type { Platform } from '../../platform.ts';
import type { Caller } from '../../tenancy/caller.ts';
import {
  type BookingResult,
  bookAppointment,
  cancelParticipation,
  moveAppointment,
  openCollectiveSession,
  setParticipationStatus,
} from '../booking.service.ts';
import type { Citizen } from '../citizens.service.ts';
import { findOrCreateCitizen, searchCitizens } from '../citizens.service.ts';
import { searchSlots } from '../slot-search.service.ts';
import type { CitizenInput, ParticipationStatus, SlotSearchResult } from '../types.ts';
import { listActiveTypes, type ParticipationView, type TypeChoice } from './agenda.repository.ts';
import { type AgendaContext, assertMayBook, openCitizen, openParticipation } from './agenda.service.ts';
import { addDays } from './week-grid.ts';

/**
 * The agenda's commands: statuses, cancelling, moving, booking for a person, opening a collective
 * session. Each first finds the record in the open organisation (another's is "not found", audited),
 * refuses read-only members, then calls the booking service, which applies the booking rules,
 * records the status history and queues the person's notifications in its transaction.
 */

/** How many days of free slots a page shows at once. */
export const SLOT_DAYS = 14;

/** A quick status button: vu, absent, excusé, à venir, or annulé (which cancels). */
export async function changeStatus(
  db: Db,
  platform: Platform,
  caller: Caller,
  context: AgendaContext,
  input: { participantId: string; status: ParticipationStatus; now?: Date },
): Promise<ParticipationView> {
  const participation = await openParticipation(db, caller, context, input.participantId);
  assertMayBook(context);
  if (input.status === 'annule') {
    await cancelParticipation(db, platform, {
      participantId: participation.participantId,
      by: caller,
      now: input.now,
    });
  } else {
    await setParticipationStatus(db, platform, {
      participantId: participation.participantId,
      status: input.status,
      by: caller,
      now: input.now,
    });
  }
  return participation;
}

/** The free slots for moving a participation: its type, the same person, from `day` for two weeks. */
export async function slotsForMove(
  db: Db,
  caller: Caller,
  context: AgendaContext,
  input: { participantId: string; day: string; placeId?: string; agentId?: string; now?: Date },
): Promise<{ participation: ParticipationView; result: SlotSearchResult }> {
  const participation = await openParticipation(db, caller, context, input.participantId);
  assertMayBook(context);
  const result = await searchSlots(db, {
    appointmentTypeId: participation.appointmentTypeId,
    audience: 'agent',
    from: input.day,
    to: addDays(input.day, SLOT_DAYS - 1),
    placeId: input.placeId,
    agentId: input.agentId,
    citizenId: participation.citizenId,
    now: input.now,
  });
  return { participation, result };
}

export async function moveParticipation(
  db: Db,
  platform: Platform,
  caller: Caller,
  context: AgendaContext,
  input: { participantId: string; startsAt: Date; placeId: string; agentId?: string; now?: Date },
): Promise<BookingResult> {
  const participation = await openParticipation(db, caller, context, input.participantId);
  assertMayBook(context);
  return moveAppointment(db, platform, {
    participantId: participation.participantId,
    startsAt: input.startsAt,
    placeId: input.placeId,
    agentId: input.agentId,
    by: caller,
    now: input.now,
    organisationId: context.organisation.id,
  });
}

/** The people of the organisation matching a name or a phone number (audited by searchCitizens). */
export async function findPeople(
  db: Db,
  caller: Caller,
  context: AgendaContext,
  text: string | undefined,
): Promise<Citizen[]> {
  if (!text || text.trim().length < 2) return [];
  return searchCitizens(db, caller, context.organisation.id, text);
}

/** An agent records a new person before booking for them (or finds them again by name and contact). */
export async function recordPerson(
  db: Db,
  caller: Caller,
  context: AgendaContext,
  input: CitizenInput,
): Promise<Citizen> {
  assertMayBook(context);
  return db.transaction(async (tx) => {
    const { citizen, created } = await findOrCreateCitizen(tx, context.organisation.id, input);
    if (created) {
      await recordAudit(tx, caller.audit, {
        action: 'create',
        resourceType: 'citizen',
        resourceId: citizen.id,
        organisationId: context.organisation.id,
        territoryId: context.organisation.territoryId,
      });
    }
    return citizen;
  });
}

export type BookingChoices = {
  citizen: Citizen | null;
  types: TypeChoice[];
  type: TypeChoice | null;
  result: SlotSearchResult | null;
};

/**
 * What the booking page shows at each step: the person (once chosen), every type of the organisation
 * (agents may book them all), and once a type is chosen its free slots — for a collective type, the
 * sessions with seats left — over two weeks from `day`.
 */
export async function bookingChoices(
  db: Db,
  caller: Caller,
  context: AgendaContext,
  input: { citizenId?: string; typeId?: string; placeId?: string; agentId?: string; day: string; now?: Date },
): Promise<BookingChoices> {
  assertMayBook(context);
  const citizen = input.citizenId ? await openCitizen(db, caller, context, input.citizenId) : null;
  const types = await listActiveTypes(db, context.organisation.id);
  const type = input.typeId ? (types.find((t) => t.id === input.typeId) ?? null) : null;
  if (input.typeId && !type) throw notFound('Ce motif n’existe pas dans l’organisation.');
  const result =
    citizen && type
      ? await searchSlots(db, {
          appointmentTypeId: type.id,
          audience: 'agent',
          from: input.day,
          to: addDays(input.day, SLOT_DAYS - 1),
          placeId: input.placeId,
          agentId: input.agentId,
          citizenId: citizen.id,
          communeCode: citizen.communeCode ?? undefined,
          now: input.now,
        })
      : null;
  return { citizen, types, type, result };
}

export async function bookForPerson(
  db: Db,
  platform: Platform,
  caller: Caller,
  context: AgendaContext,
  input: { citizenId: string; typeId: string; startsAt: Date; placeId: string; agentId?: string; now?: Date },
): Promise<BookingResult> {
  assertMayBook(context);
  const citizen = await openCitizen(db, caller, context, input.citizenId);
  return bookAppointment(db, platform, {
    appointmentTypeId: input.typeId,
    startsAt: input.startsAt,
    placeId: input.placeId,
    agentId: input.agentId,
    citizen: { id: citizen.id },
    channel: 'agent',
    bookedBy: caller,
    communeCode: citizen.communeCode ?? undefined,
    organisationId: context.organisation.id,
    now: input.now,
  });
}

export async function openSession(
  db: Db,
  platform: Platform,
  caller: Caller,
  context: AgendaContext,
  input: { typeId: string; agentId: string; placeId: string; startsAt: Date; capacity?: number },
): Promise<{ appointmentId: string }> {
  assertMayBook(context);
  if (!context.agents.some((a) => a.agentId === input.agentId)) {
    throw invalid({ agent: 'Choisissez un agent de l’organisation.' });
  }
  return openCollectiveSession(db, platform, {
    appointmentTypeId: input.typeId,
    agentId: input.agentId,
    placeId: input.placeId,
    startsAt: input.startsAt,
    capacity: input.capacity,
    by: caller,
  });
}
