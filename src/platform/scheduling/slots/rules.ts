import type { Audience } from '../types.ts';
import { addDays, localDay, localInstant, PARIS } from './calendar.ts';

export type BookableBy = 'agents' | 'invited' | 'everyone';

/**
 * Which appointment types an audience may book: the public pages only types open to everyone, an
 * invitation link also types reserved to invited people, an agent every type (even 'agents' only).
 */
export function audienceMayBook(audience: Audience, bookableBy: BookableBy): boolean {
  if (audience === 'agent') return true;
  if (audience === 'invited') return bookableBy === 'invited' || bookableBy === 'everyone';
  return bookableBy === 'everyone';
}

export type BookingWindow = {
  /** No slot starts before this instant (epoch ms). */
  earliest: number;
  /** No slot starts at or after this instant: the end of the last bookable local day. */
  latest: number;
  firstDay: string;
  lastDay: string;
};

/**
 * When an audience may book a type, seen from `now`.
 * - People (public, invited): not before now + the minimum delay, so that an agent can prepare (a
 *   30-minute delay at 16:50 makes 17:20 the first possible start; a 2-day delay, 2 × 1440 minutes).
 * - Agents: from now, whatever the minimum delay (they book on the phone for someone at the desk).
 * - Everyone: until the end of the local day `maxBookingDelayDays` after today. With 90 days on
 *   2027-01-10 at 15:00, the last bookable day is 2027-04-10, until its local midnight — a slot at 17:00
 *   that day is offered, although it is more than 90 × 24 hours after now. Counting in local days
 *   keeps the limit the same whatever the hour of the search and across daylight-saving changes.
 */
export function bookingWindow(
  type: { minBookingDelayMinutes: number; maxBookingDelayDays: number },
  audience: Audience,
  now: Date,
  timeZone: string = PARIS,
): BookingWindow {
  const earliest =
    audience === 'agent' ? now.getTime() : now.getTime() + type.minBookingDelayMinutes * 60_000;
  const lastDay = addDays(localDay(now, timeZone), type.maxBookingDelayDays);
  return {
    earliest,
    latest: localInstant(addDays(lastDay, 1), 0, timeZone),
    firstDay: localDay(earliest, timeZone),
    lastDay,
  };
}

/**
 * The local days actually searched: the asked range cut to the booking window, or null when nothing
 * of it can be booked (asked in the past, or beyond the maximum delay).
 */
export function clampDays(
  from: string,
  to: string,
  window: BookingWindow,
): { from: string; to: string } | null {
  const first = from > window.firstDay ? from : window.firstDay;
  const last = to < window.lastDay ? to : window.lastDay;
  return first <= last ? { from: first, to: last } : null;
}

/**
 * The agents who may be offered, or null for "any agent with an opening slot".
 * - Follow-up types (followUpOnly): only the person's référents; without a known person, nobody.
 *   A référent is kept even when the agent-level sectorisation of the person's commune names other
 *   agents: sectorisation chooses a référent for a newcomer, follow-up is with the one already chosen.
 * - Otherwise, when the person's commune is sectorised to named agents of the organisation, those
 *   agents only; sectorisation at the organisation level alone does not narrow the agents.
 */
export function allowedAgents(input: {
  followUpOnly: boolean;
  /** The person's référents, or undefined when no person is known. */
  referents: string[] | undefined;
  /** Agents named for the person's commune in this organisation (empty: none named). */
  sectorAgents: string[];
}): Set<string> | null {
  if (input.followUpOnly) return new Set(input.referents ?? []);
  if (input.sectorAgents.length > 0) return new Set(input.sectorAgents);
  return null;
}
