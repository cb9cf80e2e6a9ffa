import type { z } from 'zod';
import type { ApiTokenIdentity } from '../api/api-token.service.ts';
import { type AuditActor, recordAudit } from '../audit/audit.ts';
import type { Db } from '../db/client.ts';
import { AppError, invalid, notFound } from '../errors.ts';
import type { Platform } from '../platform.ts';
import type {
  appointmentCreateSchema,
  appointmentPatchSchema,
  appointmentSchema,
  appointmentTypeSchema,
} from './api.schemas.ts';
import { appointmentJson, participantJson } from './appointment-view.ts';
import {
  findAppointmentSummary,
  listActiveAppointmentTypesOf,
  listParticipationsOf,
  statusHistoriesOf,
} from './appointments.repository.ts';
import { findAppointmentType } from './booking.repository.ts';
import {
  bookAppointment,
  moveAppointment,
  type NextSlot,
  setParticipationStatus,
} from './booking.service.ts';
import { searchSlots } from './slot-search.service.ts';
import { addDays } from './slots/calendar.ts';
import type { SlotSearchResult } from './types.ts';

/**
 * The booking engine as an organisation's software sees it through its API token: only its own
 * organisation's types and appointments (another organisation's id answers 404, as an unknown one),
 * searched and booked as its agents would (audience 'agent'). Every read or change of a person's
 * appointment is audited under the token.
 */

export type ApiCaller = { token: ApiTokenIdentity; audit: AuditActor };

/** The longest period one slot search may cover, in days (from and to included). */
export const MAX_SEARCH_DAYS = 31;

export async function listAppointmentTypesForApi(
  db: Db,
  token: ApiTokenIdentity,
): Promise<z.input<typeof appointmentTypeSchema>[]> {
  const rows = await listActiveAppointmentTypesOf(db, token.organisationId);
  return rows.map((type) => ({
    id: type.id,
    name: type.name,
    category: type.category,
    durationMinutes: type.durationMinutes,
    location: type.location,
    bookableBy: type.bookableBy,
    collective: type.collective,
    capacity: type.capacity,
    followUpOnly: type.followUpOnly,
    minBookingDelayMinutes: type.minBookingDelayMinutes,
    maxBookingDelayDays: type.maxBookingDelayDays,
    bufferMinutes: type.bufferMinutes,
    changeLimitHours: type.changeLimitHours,
    instructions: type.instructions,
  }));
}

export async function searchSlotsForApi(
  db: Db,
  token: ApiTokenIdentity,
  query: {
    appointmentType: string;
    commune?: string;
    from: string;
    to: string;
    place?: string;
    agent?: string;
  },
  now = new Date(),
): Promise<SlotSearchResult> {
  const type = await findAppointmentType(db, query.appointmentType);
  if (!type || type.organisationId !== token.organisationId) {
    throw notFound('Aucun motif de l’organisation de ce jeton ne porte cet identifiant.');
  }
  if (query.to < query.from) throw invalid({ 'querystring.to': 'Le dernier jour précède le premier.' });
  if (query.to > addDays(query.from, MAX_SEARCH_DAYS - 1)) {
    throw invalid({ 'querystring.to': `Cherchez sur ${MAX_SEARCH_DAYS} jours au plus.` });
  }
  return searchSlots(db, {
    appointmentTypeId: type.id,
    audience: 'agent',
    from: query.from,
    to: query.to,
    ...(query.commune ? { communeCode: query.commune } : {}),
    ...(query.place ? { placeId: query.place } : {}),
    ...(query.agent ? { agentId: query.agent } : {}),
    now,
  });
}

export type ApiAppointment = z.input<typeof appointmentSchema>;
export type ApiOutcome = { ok: true; appointment: ApiAppointment } | { ok: false; next: NextSlot[] };

/** Service errors name fields as the service knows them (citizen.phone); the API adds « body. ». */
function inBody(error: unknown): never {
  if (error instanceof AppError && error.code === 'validation') {
    throw invalid(
      Object.fromEntries(Object.entries(error.fields).map(([key, message]) => [`body.${key}`, message])),
      error.message,
    );
  }
  throw error;
}

export async function bookThroughApi(
  db: Db,
  platform: Platform,
  caller: ApiCaller,
  body: z.output<typeof appointmentCreateSchema>,
  now = new Date(),
): Promise<ApiOutcome> {
  const result = await bookAppointment(db, platform, {
    appointmentTypeId: body.appointmentTypeId,
    startsAt: new Date(body.startsAt),
    placeId: body.placeId,
    ...(body.agentId ? { agentId: body.agentId } : {}),
    citizen: body.citizen,
    channel: 'api',
    ...(body.communeCode ? { communeCode: body.communeCode } : {}),
    ...(body.notes ? { notes: body.notes } : {}),
    organisationId: caller.token.organisationId,
    audit: caller.audit,
    now,
  }).catch(inBody);
  if (!result.ok) return { ok: false, next: result.next };
  return { ok: true, appointment: (await appointmentOf(db, caller.token, result.appointmentId))! };
}

/** The appointment with its participants and their history, or null outside the token's organisation. */
async function appointmentOf(
  db: Db,
  token: ApiTokenIdentity,
  appointmentId: string,
): Promise<ApiAppointment | null> {
  const summary = await findAppointmentSummary(db, appointmentId);
  if (!summary || summary.organisation.id !== token.organisationId) return null;
  const participations = await listParticipationsOf(db, appointmentId);
  const history = await statusHistoriesOf(
    db,
    participations.map((p) => p.participant.id),
  );
  return {
    ...appointmentJson(summary),
    participants: participations.map((p) => ({
      ...participantJson(p),
      history: history
        .filter((h) => h.participantId === p.participant.id)
        .map((h) => ({
          fromStatus: h.fromStatus,
          toStatus: h.toStatus,
          changedBy: h.changedBy as 'agent' | 'usager' | 'systeme' | 'api',
          changedByAgentId: h.changedByAgentId,
          changedAt: h.changedAt.toISOString(),
        })),
    })),
  };
}

export async function readAppointmentForApi(
  db: Db,
  caller: ApiCaller,
  appointmentId: string,
): Promise<ApiAppointment> {
  const appointment = await appointmentOf(db, caller.token, appointmentId);
  await recordAudit(db, caller.audit, {
    action: appointment ? 'read' : 'denied',
    resourceType: 'appointment',
    resourceId: appointmentId,
    organisationId: caller.token.organisationId,
  });
  if (!appointment)
    throw notFound('Aucun rendez-vous de l’organisation de ce jeton ne porte cet identifiant.');
  return appointment;
}

/**
 * A status change, a cancellation (status « annule ») or a move (startsAt, and optionally placeId
 * and agentId) of one participation. Which participation: the one given, or the only one.
 */
export async function changeAppointmentThroughApi(
  db: Db,
  platform: Platform,
  caller: ApiCaller,
  appointmentId: string,
  body: z.output<typeof appointmentPatchSchema>,
  now = new Date(),
): Promise<ApiOutcome> {
  const current = await appointmentOf(db, caller.token, appointmentId);
  if (!current) {
    await recordAudit(db, caller.audit, {
      action: 'denied',
      resourceType: 'appointment',
      resourceId: appointmentId,
      organisationId: caller.token.organisationId,
    });
    throw notFound('Aucun rendez-vous de l’organisation de ce jeton ne porte cet identifiant.');
  }
  if (body.status && body.startsAt) {
    throw invalid({ 'body.status': 'Changez le statut ou déplacez le rendez-vous, pas les deux à la fois.' });
  }
  if (!body.status && !body.startsAt) {
    throw invalid({ body: 'Indiquez un nouveau statut (status) ou un nouveau début (startsAt).' });
  }
  const participant = body.participantId
    ? current.participants.find((p) => p.id === body.participantId)
    : current.participants.length === 1
      ? current.participants[0]
      : undefined;
  if (!participant) {
    throw invalid({
      'body.participantId': body.participantId
        ? 'Cette participation n’appartient pas à ce rendez-vous.'
        : 'Ce rendez-vous a plusieurs participations : précisez participantId.',
    });
  }
  const command = {
    participantId: participant.id,
    organisationId: caller.token.organisationId,
    audit: caller.audit,
    now,
  };
  if (body.status) {
    await setParticipationStatus(db, platform, { ...command, status: body.status, by: 'api' }).catch(inBody);
    return { ok: true, appointment: (await appointmentOf(db, caller.token, appointmentId))! };
  }
  const placeId = body.placeId ?? current.place?.id;
  if (!placeId) throw invalid({ 'body.placeId': 'Indiquez le lieu du rendez-vous.' });
  const moved = await moveAppointment(db, platform, {
    ...command,
    startsAt: new Date(body.startsAt!),
    placeId,
    ...(body.agentId ? { agentId: body.agentId } : {}),
    by: 'api',
  }).catch(inBody);
  if (!moved.ok) return { ok: false, next: moved.next };
  return { ok: true, appointment: (await appointmentOf(db, caller.token, moved.appointmentId))! };
}

/** The following slots of a refusal, as the API gives them. */
export function nextSlotsJson(next: NextSlot[]) {
  return next.map(({ slot, place }) => ({
    startsAt: slot.startsAt.toISOString(),
    endsAt: slot.endsAt.toISOString(),
    placeId: place.id,
    placeName: place.name,
    agentIds: slot.agentIds,
  }));
}

/** Slots as JSON (instants in UTC). */
export function slotsJson(result: SlotSearchResult) {
  return {
    searched: result.searched,
    places: result.places.map(({ place, days }) => ({
      place,
      days: days.map(({ day, slots }) => ({
        day,
        slots: slots.map((slot) => ({
          startsAt: slot.startsAt.toISOString(),
          endsAt: slot.endsAt.toISOString(),
          agentIds: slot.agentIds,
          ...(slot.appointmentId ? { appointmentId: slot.appointmentId } : {}),
          ...(slot.seatsLeft !== undefined ? { seatsLeft: slot.seatsLeft } : {}),
        })),
      })),
    })),
  };
}
