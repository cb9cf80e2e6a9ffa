import { PgTransaction } from 'drizzle-orm/pg-core';
import type { Db } from '../db/client.ts';
import { invalid } from '../errors.ts';
import { departementOf, isPublicHoliday } from './holidays.ts';
import { sectorRowsOf } from './sector.repository.ts';
import {
  absencesOf,
  busyIntervalsOf,
  collectiveSessionsOf,
  findSearchableType,
  openingSlotsOffering,
  placesByIds,
  referentsOf,
  type SearchableType,
} from './slot-search.repository.ts';
import { addDays, localDay, localInstant } from './slots/calendar.ts';
import { type CollectiveSession, collectiveSlots, computeSlots, type DaySlot } from './slots/compute.ts';
import { orderPlaces } from './slots/places.ts';
import type { AbsenceRule, OpeningSlotRule } from './slots/recurrence.ts';
import {
  allowedAgents,
  audienceMayBook,
  type BookingWindow,
  bookingWindow,
  clampDays,
} from './slots/rules.ts';
import type { Audience, PlaceSummary, Slot, SlotQuery, SlotSearchResult, SlotsByPlace } from './types.ts';

/**
 * The slot search: which times a person (or an agent for them) may book for an appointment type.
 * A search reads its input in at most seven queries whatever the range (type, sectorisation,
 * référents, opening slots, then absences, appointments and places together: slot-search.repository.ts)
 * and computes in memory (slots/): no query per day, week or agent. `firstAvailableSlot` and
 * `nextSlots` read the whole booking window once and stop computing at the first day that gives
 * enough slots.
 */

/** Available slots by place (the person's commune first, then nearest) and by day. */
export async function searchSlots(db: Db, query: SlotQuery): Promise<SlotSearchResult> {
  const found = await findSlots(db, query);
  if (!found.searched) return { places: [], searched: null };
  const byPlace = new Map<string, Map<string, Slot[]>>();
  for (const { day, slot } of found.slots) {
    const days = byPlace.get(slot.placeId) ?? new Map<string, Slot[]>();
    byPlace.set(slot.placeId, days);
    const slots = days.get(day) ?? [];
    days.set(day, slots);
    slots.push(slot);
  }
  const placesWithSlots = [...byPlace.keys()].map((id) => found.places.get(id)!);
  const ordered = orderPlaces(placesWithSlots, query.communeCode);
  const places: SlotsByPlace[] = ordered.map((place) => ({
    place,
    days: [...byPlace.get(place.id)!.entries()].map(([day, slots]) => ({ day, slots })),
  }));
  return { places, searched: found.searched };
}

/** The earliest slot within the type's maximum delay, at any place (or the one asked). */
export async function firstAvailableSlot(
  db: Db,
  query: Omit<SlotQuery, 'from' | 'to'>,
): Promise<{ slot: Slot; place: PlaceSummary } | null> {
  const [first] = await slotsInOrder(db, query, undefined, 1);
  return first ?? null;
}

/** The first `limit` slots starting strictly after `after` ("ce créneau vient d'être pris, voici les suivants"). */
export async function nextSlots(
  db: Db,
  query: Omit<SlotQuery, 'from' | 'to'>,
  after: Date,
  limit: number,
): Promise<{ slot: Slot; place: PlaceSummary }[]> {
  return slotsInOrder(db, query, after, limit);
}

/**
 * The agents who may take that exact slot now, every rule applied (delays, audience, follow-up,
 * sectorisation, holidays, absences, other appointments, the slot grid). Booking calls it just
 * before inserting; the exclusion constraint still settles a race between two bookings.
 * For a collective type: the agents of the sessions at that time and place with seats left.
 */
export async function freeAgentsAt(
  db: Db,
  input: {
    appointmentTypeId: string;
    startsAt: Date;
    placeId: string;
    agentId?: string;
    audience: Audience;
    citizenId?: string;
    communeCode?: string;
    now?: Date;
    ignoreAppointmentId?: string;
  },
): Promise<string[]> {
  const day = localDay(input.startsAt);
  const found = await findSlots(db, { ...input, from: day, to: day });
  const at = input.startsAt.getTime();
  const agents = new Set<string>();
  for (const { slot } of found.slots) {
    if (slot.placeId === input.placeId && slot.startsAt.getTime() === at) {
      for (const id of slot.agentIds) agents.add(id);
    }
  }
  return [...agents];
}

async function slotsInOrder(
  db: Db,
  query: Omit<SlotQuery, 'from' | 'to'>,
  after: Date | undefined,
  limit: number,
): Promise<{ slot: Slot; place: PlaceSummary }[]> {
  if (limit <= 0) return [];
  const now = query.now ?? new Date();
  const from = localDay(after && after > now ? after : now);
  // The booking window cuts `to` to the type's maximum delay: the whole window is read at once.
  const found = await findSlots(db, { ...query, now, from, to: '9999-12-31' }, { after, limit });
  // Same start: the place the person would see first wins.
  const rank = new Map(
    orderPlaces([...found.places.values()], query.communeCode).map((place, index) => [place.id, index]),
  );
  return found.slots
    .map(({ slot }) => slot)
    .sort(
      (a, b) =>
        a.startsAt.getTime() - b.startsAt.getTime() ||
        (rank.get(a.placeId) ?? 0) - (rank.get(b.placeId) ?? 0),
    )
    .slice(0, limit)
    .map((slot) => ({ slot, place: found.places.get(slot.placeId)! }));
}

type Found = {
  slots: DaySlot[];
  places: Map<string, PlaceSummary>;
  searched: { from: string; to: string } | null;
};

const DAY = /^\d{4}-\d{2}-\d{2}$/;

/** Everything a search computes from, read in a few range queries (also what the benchmark times alone). */
export type SearchInput =
  | { kind: 'nothing'; searched: { from: string; to: string } | null }
  | {
      kind: 'collective';
      searched: { from: string; to: string };
      window: BookingWindow;
      allowed: Set<string> | null;
      sessions: CollectiveSession[];
      places: Map<string, PlaceSummary>;
    }
  | {
      kind: 'individual';
      searched: { from: string; to: string };
      window: BookingWindow;
      allowed: Set<string> | null;
      type: SearchableType;
      rules: OpeningSlotRule[];
      absences: AbsenceRule[];
      busy: { agentId: string; start: number; end: number }[];
      places: Map<string, PlaceSummary>;
    };

/**
 * Reads a search's input. Audience rules: 'public' needs a type bookable by everyone, 'invited' by
 * invited people or everyone, 'agent' any type; an archived type offers nothing. Sectorisation
 * applies when a commune is given: the type's organisation must serve it, and when it names agents
 * for it, only them (agents booking for someone may leave the commune out).
 */
export async function readSearchInput(
  db: Db,
  query: SlotQuery & { ignoreAppointmentId?: string },
  options: { after?: Date } = {},
): Promise<SearchInput> {
  if (!DAY.test(query.from) || !DAY.test(query.to)) {
    throw invalid({ from: 'Indiquez des jours au format AAAA-MM-JJ.' }, 'Période de recherche invalide.');
  }
  const now = query.now ?? new Date();
  // Four reads at once, none waiting for another: the type, the commune's sectorisation, the person's
  // référents (used by follow-up types only) and the opening slots offering the type in the asked
  // days (cut to the booking window in memory). The rows that depend on the agents come next.
  const [type, sector, referents, offering] = await readTogether(db, [
    () => findSearchableType(db, query.appointmentTypeId),
    () => (query.communeCode ? sectorRowsOf(db, query.communeCode) : undefined),
    () => (query.citizenId ? referentsOf(db, query.citizenId) : undefined),
    () =>
      openingSlotsOffering(db, {
        appointmentTypeId: query.appointmentTypeId,
        from: query.from,
        to: query.to,
        placeId: query.placeId,
        agentId: query.agentId,
      }),
  ] as const);
  if (!type || type.archived || !audienceMayBook(query.audience, type.bookableBy)) {
    return { kind: 'nothing', searched: null };
  }

  const window = bookingWindow(type, query.audience, now);
  if (options.after && options.after.getTime() + 1 > window.earliest) {
    window.earliest = options.after.getTime() + 1;
    window.firstDay = localDay(window.earliest);
  }
  const searched = clampDays(query.from, query.to, window);
  if (!searched) return { kind: 'nothing', searched: null };

  // Same rules as organisationsServing and agentsServing (sector.repository.ts), on the rows read above.
  const ofOrganisation = sector?.filter((row) => row.organisationId === type.organisationId);
  if (ofOrganisation && ofOrganisation.length === 0) return { kind: 'nothing', searched };
  const sectorAgents = (ofOrganisation ?? []).flatMap((row) => (row.agentId ? [row.agentId] : []));
  const allowed = allowedAgents({ followUpOnly: type.followUpOnly, referents, sectorAgents });
  if (allowed && allowed.size === 0) return { kind: 'nothing', searched };

  const fromInstant = new Date(localInstant(searched.from, 0));
  const toInstant = new Date(localInstant(addDays(searched.to, 1), 0));

  if (type.collective) {
    const sessions = await collectiveSessionsOf(db, {
      appointmentTypeId: type.id,
      from: fromInstant,
      to: toInstant,
      placeId: query.placeId,
      agentId: query.agentId,
    });
    const placeRows = await placesByIds(db, [
      ...new Set(sessions.flatMap((s) => (s.placeId ? [s.placeId] : []))),
    ]);
    return {
      kind: 'collective',
      searched,
      window,
      allowed,
      sessions,
      places: new Map(placeRows.map((p) => [p.id, p])),
    };
  }

  const rules = allowed ? offering.filter((rule) => allowed.has(rule.agentId)) : offering;
  if (rules.length === 0) return { kind: 'nothing', searched };
  const agentIds = [...new Set(rules.map((r) => r.agentId))];
  const placeIds = [...new Set(rules.map((r) => r.placeId))];
  // One day wider on each side: an appointment or absence from the evening before still blocks.
  const [absences, busy, placeRows] = await readTogether(db, [
    () => absencesOf(db, agentIds, addDays(searched.from, -1), addDays(searched.to, 1)),
    () =>
      busyIntervalsOf(
        db,
        agentIds,
        new Date(fromInstant.getTime() - 86_400_000),
        new Date(toInstant.getTime() + 86_400_000),
        query.ignoreAppointmentId,
      ),
    () => placesByIds(db, placeIds),
  ] as const);
  return {
    kind: 'individual',
    searched,
    window,
    allowed,
    type,
    rules,
    absences,
    busy,
    places: new Map(placeRows.map((p) => [p.id, p])),
  };
}

/** The slots of a search's input, computed in memory; `limit` stops after the day that reaches it. */
export function slotsOf(input: SearchInput, limit?: number): Found {
  if (input.kind === 'nothing') return { slots: [], places: new Map(), searched: input.searched };
  const { places, searched, window, allowed } = input;
  if (input.kind === 'collective') {
    const slots = collectiveSlots(input.sessions, { ...window, allowedAgents: allowed });
    return { slots: slots.filter(({ slot }) => places.has(slot.placeId)), places, searched };
  }
  const departements = new Map([...places.values()].map((p) => [p.id, departementOf(p.communeCode)]));
  const slots = computeSlots({
    durationMinutes: input.type.durationMinutes,
    bufferMinutes: input.type.bufferMinutes,
    openingSlots: input.rules,
    absences: input.absences,
    busy: input.busy,
    from: searched.from,
    to: searched.to,
    earliest: window.earliest,
    latest: window.latest,
    allowedAgents: allowed,
    isClosed: (placeId, day) => {
      const departement = departements.get(placeId);
      return departement === undefined || isPublicHoliday(day, departement);
    },
    limit,
  });
  return { slots, places, searched };
}

async function findSlots(
  db: Db,
  query: SlotQuery & { ignoreAppointmentId?: string },
  options: { after?: Date; limit?: number } = {},
): Promise<Found> {
  return slotsOf(await readSearchInput(db, query, options), options.limit);
}

/**
 * Runs independent reads at once on a pool (each takes its own connection), one after the other
 * inside a transaction: a transaction is one connection, and node-postgres refuses (from pg 9)
 * queries sent while another is still running on the same client.
 */
async function readTogether<T extends readonly (() => unknown)[]>(
  db: Db,
  reads: T,
): Promise<{ -readonly [K in keyof T]: Awaited<ReturnType<T[K]>> }> {
  if (db instanceof PgTransaction) {
    const results: unknown[] = [];
    for (const read of reads) results.push(await read());
    return results as { -readonly [K in keyof T]: Awaited<ReturnType<T[K]>> };
  }
  return (await Promise.all(reads.map((read) => read()))) as {
    -readonly [K in keyof T]: Awaited<ReturnType<T[K]>>;
  };
}
