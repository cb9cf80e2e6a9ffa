import { forbidden, invalid } from '../errors.ts';
import { bookingWindow } from './slots/rules.ts';
import type { Audience, ParticipationStatus } from './types.ts';

/**
 * The booking rules that need no database: who may book a type, when, and which status changes are
 * allowed. Pure functions of their arguments (`now` included), with a table test beside them.
 */

export type BookingChannel = 'agent' | 'public' | 'invitation' | 'api';
export type BookableBy = 'agents' | 'invited' | 'everyone';

/** The API is the organisation's own software: it books as its agents do. */
export function audienceOf(channel: BookingChannel): Audience {
  switch (channel) {
    case 'agent':
    case 'api':
      return 'agent';
    case 'invitation':
      return 'invited';
    case 'public':
      return 'public';
  }
}

/** Public pages need a type bookable by everyone; an invitation link, by invited people or everyone. */
export function mayBook(bookableBy: BookableBy, audience: Audience): boolean {
  if (audience === 'agent') return true;
  if (audience === 'invited') return bookableBy === 'invited' || bookableBy === 'everyone';
  return bookableBy === 'everyone';
}

/**
 * Why this start cannot be booked now, or null: the booking window of the slot search
 * (slots/rules.ts bookingWindow), so that a refusal here never contradicts the slots offered.
 * Nobody books the past; people (not agents) book no sooner than the type's minimum delay; nobody
 * books past the last local day of its maximum delay (today + maxBookingDelayDays, in Paris).
 */
export function delayProblem(
  type: { minBookingDelayMinutes: number; maxBookingDelayDays: number },
  startsAt: Date,
  now: Date,
  audience: Audience,
): string | null {
  if (startsAt.getTime() <= now.getTime()) return 'Ce créneau est déjà passé : choisissez-en un autre.';
  const window = bookingWindow(type, audience, now);
  if (startsAt.getTime() < window.earliest) {
    return `Ce créneau est trop proche : il se réserve au moins ${describeMinutes(type.minBookingDelayMinutes)} à l’avance.`;
  }
  if (startsAt.getTime() >= window.latest) {
    return `Ce créneau est trop loin : il se réserve au plus ${type.maxBookingDelayDays} jours à l’avance.`;
  }
  return null;
}

/** The person changes or cancels from their link until changeLimitHours before the start. */
export function changeLimitProblem(changeLimitHours: number, startsAt: Date, now: Date): string | null {
  if (now.getTime() <= startsAt.getTime() - changeLimitHours * 3_600_000) return null;
  return changeLimitHours > 0
    ? `Ce rendez-vous ne peut plus être modifié ni annulé en ligne moins de ${changeLimitHours} h avant son début : appelez le service.`
    : 'Ce rendez-vous a commencé : il ne peut plus être modifié ni annulé en ligne.';
}

/**
 * Why a participation cannot go from one status to another, or null. A cancellation is final;
 * « vu » and « absent » are only known once the appointment has started; corrections between
 * à venir, vu, absent and excusé are allowed (an agent clicks the wrong button).
 * Cancelling goes through cancelParticipation, which only accepts « à venir ».
 */
export function statusChangeProblem(
  from: ParticipationStatus,
  to: ParticipationStatus,
  startsAt: Date,
  now: Date,
): string | null {
  if (from === 'annule') return 'Ce rendez-vous est annulé : son statut ne peut plus changer.';
  if (to === 'annule' && from !== 'a_venir') return 'Seul un rendez-vous à venir peut être annulé.';
  if ((to === 'vu' || to === 'absent') && now.getTime() < startsAt.getTime()) {
    return 'Un rendez-vous ne peut être marqué « vu » ou « absent » qu’une fois commencé.';
  }
  return null;
}

/**
 * Statuses that leave the agent's time free. An individual appointment whose only participant is
 * cancelled or excused is marked cancelled (cancelled_at), which takes it out of the exclusion
 * constraint: the time can be booked again.
 */
export function freesTime(status: ParticipationStatus): boolean {
  return status === 'annule' || status === 'excuse';
}

/**
 * True for the database's refusal of overlapping appointments: SQLSTATE 23P01 from the exclusion
 * constraint appointments_no_overlap (migration 0005). PGlite and node-postgres put the code on the
 * error itself or, through Drizzle, on its `cause`.
 */
export function isOverlapError(error: unknown): boolean {
  for (let e = error as { code?: unknown; cause?: unknown } | undefined, depth = 0; e && depth < 5; depth++) {
    if (e.code === '23P01') return true;
    e = e.cause as typeof e;
  }
  return false;
}

/** True for a unique-index refusal (SQLSTATE 23505), e.g. the same person twice in one session. */
export function isUniqueViolation(error: unknown): boolean {
  for (let e = error as { code?: unknown; cause?: unknown } | undefined, depth = 0; e && depth < 5; depth++) {
    if (e.code === '23505') return true;
    e = e.cause as typeof e;
  }
  return false;
}

function describeMinutes(minutes: number): string {
  if (minutes % 1440 === 0) return `${minutes / 1440} jour${minutes === 1440 ? '' : 's'}`;
  if (minutes % 60 === 0) return `${minutes / 60} h`;
  return `${minutes} minutes`;
}

/** Thrown inside the transaction to undo it (a citizen just created, say) when the slot is gone. */
export class SlotTaken extends Error {
  constructor() {
    super('slot taken');
  }
}

/** What checkBookable reads of an appointment type. */
export type BookableType = {
  archivedAt: Date | null;
  bookableBy: BookableBy;
  minBookingDelayMinutes: number;
  maxBookingDelayDays: number;
};

/** Start, end and the end of the agent's blocked time (end + the type's buffer). */
export function timesOf(type: { durationMinutes: number; bufferMinutes: number }, startsAt: Date) {
  const endsAt = new Date(startsAt.getTime() + type.durationMinutes * 60_000);
  return { startsAt, endsAt, blockedUntil: new Date(endsAt.getTime() + type.bufferMinutes * 60_000) };
}

/** The type may be booked by this audience at this time (throws otherwise). */
export function checkBookable(type: BookableType, audience: Audience, startsAt: Date, now: Date): void {
  if (type.archivedAt) throw invalid({ appointmentTypeId: 'Ce motif n’est plus proposé.' });
  if (!mayBook(type.bookableBy, audience)) {
    throw forbidden(
      audience === 'public'
        ? 'Ce motif ne se réserve pas en ligne : contactez le service.'
        : 'Ce motif ne se réserve pas avec une invitation : contactez le service.',
    );
  }
  if (Number.isNaN(startsAt.getTime())) throw invalid({ startsAt: 'Choisissez un créneau.' });
  const problem = delayProblem(type, startsAt, now, audience);
  if (problem) throw invalid({ startsAt: problem });
}
