import type { Slot } from '../types.ts';
import { dayFromNumber, dayNumber, localDay, localInstantOfDay, minutesOf, PARIS } from './calendar.ts';
import { cutSlots } from './intervals.ts';
import {
  type AbsenceRule,
  compile,
  expandAbsence,
  type Interval,
  type Opening,
  type OpeningSlotRule,
  occursOnCompiled,
} from './recurrence.ts';

/** A slot with its local day; `start` (epoch ms) sorts without reading the Date. */
export type DaySlot = { day: string; start: number; slot: Slot };

export type ComputeInput = {
  durationMinutes: number;
  bufferMinutes: number;
  openingSlots: OpeningSlotRule[];
  absences: AbsenceRule[];
  /** The agents' appointments not cancelled: [startsAt, blockedUntil) whatever their type or place. */
  busy: (Interval & { agentId: string })[];
  /** Local days searched, inclusive (already cut to the booking window). */
  from: string;
  to: string;
  /** Booking delays: earliest <= start < latest. */
  earliest: number;
  latest: number;
  /** null: any agent; otherwise only these (follow-up, sectorisation). */
  allowedAgents: Set<string> | null;
  /** Whether a place is closed on a day (public holidays where the place is). */
  isClosed: (placeId: string, day: string) => boolean;
  /** Stop after the day on which this many slots have been found (first availability, next slots). */
  limit?: number;
  timeZone?: string;
};

/**
 * The bookable slots of an individual appointment type: the opening slots' openings, minus each
 * agent's appointments and absences, cut into slots of the type's duration. Several agents free at
 * the same time at the same place make one slot listing them all. Sorted by start, then place.
 *
 * Everything comes in as arguments (rows already read, `earliest`/`latest` from `now`): the function
 * reads no clock and no database, so the table tests beside it pin every rule.
 */
export function computeSlots(input: ComputeInput): DaySlot[] {
  const timeZone = input.timeZone ?? PARIS;
  const durationMs = input.durationMinutes * 60_000;
  const bufferMs = input.bufferMinutes * 60_000;
  const allowed = input.allowedAgents;

  // The days of the range once (their strings, and each place's holidays), then every rule over them.
  const firstN = dayNumber(input.from);
  const lastN = dayNumber(input.to);
  const closedByPlace = new Map<string, boolean[]>();
  const closedDays = (placeId: string) => {
    let closed = closedByPlace.get(placeId);
    if (!closed) {
      closed = [];
      for (let n = firstN; n <= lastN; n++) closed.push(input.isClosed(placeId, dayFromNumber(n)));
      closedByPlace.set(placeId, closed);
    }
    return closed;
  };
  // Openings bucketed by day: days are then taken in order (for `limit`) without sorting them all.
  const byDay: Opening[][] = [];
  for (let n = firstN; n <= lastN; n++) byDay.push([]);
  for (const rule of input.openingSlots) {
    if (allowed && !allowed.has(rule.agentId)) continue;
    const compiled = compile(rule);
    const startMinutes = minutesOf(rule.startTime);
    const endMinutes = minutesOf(rule.endTime);
    const closed = rule.openOnHolidays ? undefined : closedDays(rule.placeId);
    for (let n = Math.max(firstN, compiled.first), last = Math.min(lastN, compiled.last); n <= last; n++) {
      if (!occursOnCompiled(compiled, n) || closed?.[n - firstN]) continue;
      const start = localInstantOfDay(n, startMinutes, timeZone);
      const end = localInstantOfDay(n, endMinutes, timeZone);
      if (end <= input.earliest || start >= input.latest) continue;
      byDay[n - firstN]!.push({
        day: dayFromNumber(n),
        start,
        end,
        openingSlotId: rule.id,
        agentId: rule.agentId,
        placeId: rule.placeId,
      });
    }
  }

  // Blocked time per agent, read one day wider on each side: an absence or an appointment that
  // started the evening before (or a one-off absence of several days) still blocks the morning.
  const wideFrom = dayFromNumber(firstN - 1);
  const wideTo = dayFromNumber(lastN + 1);
  const blockedByAgent = new Map<string, Interval[]>();
  const blockedOf = (agentId: string) => {
    const list = blockedByAgent.get(agentId);
    if (list) return list;
    const created: Interval[] = [];
    blockedByAgent.set(agentId, created);
    return created;
  };
  // The input's own objects are listed; mergeInPlace copies one before it lengthens it.
  for (const b of input.busy) blockedOf(b.agentId).push(b);
  for (const a of input.absences) {
    for (const interval of expandAbsence(a, wideFrom, wideTo, timeZone)) blockedOf(a.agentId).push(interval);
  }
  for (const list of blockedByAgent.values()) mergeInPlace(list);

  const found: DaySlot[] = [];
  // Slots by place and by minute from the first day's UTC midnight: small integer keys, which a Map
  // hashes without allocating (epoch milliseconds are too large for that).
  const origin = firstN * 86_400_000;
  const byPlace = new Map<string, Map<number, Slot>>();
  const options = { durationMs, bufferMs, earliest: input.earliest, latest: input.latest };
  const starts: number[] = [];
  for (const openings of byDay) {
    // Stop at a day's boundary, the day that reached the limit complete.
    if (input.limit !== undefined && found.length >= input.limit) break;
    for (const opening of openings) {
      const blocked = blockedByAgent.get(opening.agentId) ?? [];
      let atPlace = byPlace.get(opening.placeId);
      if (!atPlace) {
        atPlace = new Map();
        byPlace.set(opening.placeId, atPlace);
      }
      starts.length = 0;
      for (const start of cutSlots(opening, blocked, options, starts)) {
        const key = (start - origin) / 60_000;
        const existing = atPlace.get(key);
        if (existing) {
          if (!existing.agentIds.includes(opening.agentId)) existing.agentIds.push(opening.agentId);
          continue;
        }
        const slot: Slot = {
          startsAt: new Date(start),
          endsAt: new Date(start + durationMs),
          placeId: opening.placeId,
          agentIds: [opening.agentId],
        };
        atPlace.set(key, slot);
        found.push({ day: opening.day, start, slot });
      }
    }
  }
  return found.sort(bySlotStart);
}

export type CollectiveSession = {
  appointmentId: string;
  agentId: string;
  placeId: string | null;
  start: number;
  end: number;
  capacity: number;
  /** Participants not cancelled ('annule'). */
  taken: number;
};

/**
 * The slots of a collective type: its existing sessions with seats left, within the booking window.
 * Nothing is computed from opening slots: an agent opens a session (an appointment of `capacity`
 * seats) and people take seats. A session of 12 with 11 participants, one of them cancelled, has 2
 * seats left; a full one is not offered. Sessions without a place (by phone) are not offered here.
 */
export function collectiveSlots(
  sessions: CollectiveSession[],
  input: { earliest: number; latest: number; allowedAgents: Set<string> | null; timeZone?: string },
): DaySlot[] {
  const found: DaySlot[] = [];
  for (const s of sessions) {
    if (s.placeId === null) continue;
    if (s.start < input.earliest || s.start >= input.latest) continue;
    if (input.allowedAgents && !input.allowedAgents.has(s.agentId)) continue;
    const seatsLeft = s.capacity - s.taken;
    if (seatsLeft <= 0) continue;
    found.push({
      day: localDay(s.start, input.timeZone ?? PARIS),
      start: s.start,
      slot: {
        startsAt: new Date(s.start),
        endsAt: new Date(s.end),
        placeId: s.placeId,
        agentIds: [s.agentId],
        appointmentId: s.appointmentId,
        seatsLeft,
      },
    });
  }
  return found.sort(bySlotStart);
}

/**
 * Sorts and merges a list in place, never changing the intervals in it (they may be the caller's):
 * a merged interval is a new object. mergeIntervals copies every interval; this copies only merges.
 */
function mergeInPlace(list: Interval[]): void {
  if (list.length < 2) return;
  list.sort((a, b) => a.start - b.start);
  let last = 0;
  for (let i = 1; i < list.length; i++) {
    const current = list[i]!;
    const kept = list[last]!;
    if (current.start <= kept.end) {
      if (current.end > kept.end) list[last] = { start: kept.start, end: current.end };
    } else {
      list[++last] = current;
    }
  }
  list.length = last + 1;
}

function bySlotStart(a: DaySlot, b: DaySlot): number {
  return a.start - b.start || (a.slot.placeId < b.slot.placeId ? -1 : 1);
}
