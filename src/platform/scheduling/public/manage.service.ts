import type { Db } from '../../db/client.ts';
import type { Platform } from '../../platform.ts';
import { findParticipationDetails, type ParticipationDetails } from '../appointments.repository.ts';
import { cancelParticipation, moveAppointment } from '../booking.service.ts';
import { manageLinkPath, verifyManageLink } from '../manage-link.ts';
import { appointmentInvitation } from '../notifications/ics.ts';
import type { AppointmentMessage } from '../notifications/message.ts';
import { countChangeEmails } from '../notifications/notifications.repository.ts';
import type { BookingOutcome, Searcher } from './journey.service.ts';
import { type BookableType, findBookableType } from './public.repository.ts';

/**
 * What the person does from their signed link (manage-link.ts): see the appointment, add it to their
 * calendar, cancel it, or move it to another free time of the same type, until the type's change
 * limit. The link is the only credential: it names one participation and expires at its end.
 */
export type OpenedLink = { details: ParticipationDetails; exp: string; sig: string };

export async function openManageLink(
  db: Db,
  secretKey: string,
  input: { participantId: string; exp: string | undefined; sig: string | undefined },
  now: Date,
): Promise<OpenedLink | { problem: 'invalid' | 'expired' }> {
  const checked = verifyManageLink(secretKey, input, now);
  if (!checked.ok) return { problem: checked.reason };
  const details = await findParticipationDetails(db, checked.participantId);
  if (!details) return { problem: 'invalid' };
  return { details, exp: input.exp!, sig: input.sig! };
}

/** The manage link of a participation, valid until the appointment's end (after a move: the new end). */
export async function managePathOf(db: Db, secretKey: string, participantId: string): Promise<string> {
  const details = await findParticipationDetails(db, participantId);
  if (!details) throw new Error(`participation ${participantId} not found`);
  return manageLinkPath(secretKey, participantId, details.appointment.endsAt);
}

/** Where a booking lands: the same signature as the manage link, on the confirmation page. */
export async function confirmationPath(db: Db, secretKey: string, participantId: string): Promise<string> {
  return (await managePathOf(db, secretKey, participantId)).replace('/rdv/gerer/', '/rdv/confirmation/');
}

export type ChangeState =
  /** The person may still cancel or move it. */
  | 'open'
  | 'cancelled'
  /** Seen, absent or excused: nothing to change any more. */
  | 'closed'
  | 'past'
  /** Within the type's change limit: only a phone call to the place can change it now. */
  | 'too_late';

export function changeStateOf(details: ParticipationDetails, now: Date): ChangeState {
  if (details.participant.status === 'annule' || details.appointment.cancelledAt) return 'cancelled';
  if (details.participant.status !== 'a_venir') return 'closed';
  if (details.appointment.startsAt <= now) return 'past';
  const limit = details.appointment.startsAt.getTime() - details.type.changeLimitHours * 3_600_000;
  return now.getTime() > limit ? 'too_late' : 'open';
}

export async function cancelFromLink(db: Db, platform: Platform, link: OpenedLink, now: Date): Promise<void> {
  await cancelParticipation(db, platform, { participantId: link.details.participant.id, by: 'usager', now });
}

/** Who searches the free times of a move: the person, as moveAppointment checks the new time. */
export function searcherOfParticipation(details: ParticipationDetails): Searcher {
  // As moveAppointment checks it: the person's own référents for follow-up types, no sectorisation
  // (the appointment already belongs to its organisation); the commune only orders places.
  return {
    audience: 'invited',
    citizenId: details.citizen.id,
    ...(details.citizen.communeCode ? { nearCommune: details.citizen.communeCode } : {}),
  };
}

export async function typeOf(db: Db, details: ParticipationDetails): Promise<BookableType> {
  const type = await findBookableType(db, details.type.id);
  if (!type) throw new Error(`appointment type ${details.type.id} not found`);
  return type;
}

export async function moveFromLink(
  db: Db,
  platform: Platform,
  link: OpenedLink,
  input: { placeId: string; startsAt: Date; now: Date },
): Promise<BookingOutcome> {
  const result = await moveAppointment(db, platform, {
    participantId: link.details.participant.id,
    startsAt: input.startsAt,
    placeId: input.placeId,
    by: 'usager',
    now: input.now,
  });
  if (!result.ok) {
    return {
      ok: false,
      reason: 'taken',
      next: result.next.map(({ slot, place }) => ({ slot, place: { id: place.id, name: place.name } })),
    };
  }
  return { ok: true, participantId: link.details.participant.id };
}

/**
 * « Ajouter à mon agenda »: the same iCalendar event as the one attached to the emails (same UID,
 * same SEQUENCE), so a calendar that already has it updates it instead of adding a second one.
 */
export async function calendarFileOf(
  db: Db,
  platform: Platform,
  link: OpenedLink,
  now: Date,
): Promise<string> {
  const d = link.details;
  const sequence = await countChangeEmails(db, { citizenId: d.citizen.id, participantId: d.participant.id });
  const message: AppointmentMessage = {
    appointmentId: d.appointment.id,
    participantId: d.participant.id,
    firstName: d.citizen.firstName,
    lastName: d.citizen.lastName,
    homeAddress: null,
    email: d.citizen.email,
    typeName: d.type.name,
    durationMinutes: d.type.durationMinutes,
    location: d.type.location,
    instructions: d.type.instructions,
    place: d.place
      ? {
          name: d.place.name,
          address: d.place.address,
          accessibilityNotes: d.type.location === 'sur_place' ? d.place.accessibilityNotes : null,
          phone: d.place.phone,
        }
      : null,
    organisationName: d.organisation.name,
    startsAt: d.appointment.startsAt.toISOString(),
    endsAt: d.appointment.endsAt.toISOString(),
    managePath: manageLinkPath(platform.config.secretKey, d.participant.id, d.appointment.endsAt),
    changeLimitHours: d.type.changeLimitHours,
    sequence,
    stamp: now.toISOString(),
    organizerEmail:
      /<([^>]+)>/.exec(platform.config.mailFrom)?.[1]?.trim() ?? platform.config.mailFrom.trim(),
  };
  return appointmentInvitation(message, 'REQUEST', platform.config.baseUrl);
}
