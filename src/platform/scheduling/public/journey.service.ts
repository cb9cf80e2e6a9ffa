import type { Db } from '../../db/client.ts';
import { AppError, notFound } from '../../errors.ts';
import { type Commune, findCommune, searchCommunes } from '../../geo/administrative.ts';
import { searchKey } from '../../geo/text.ts';
import type { Platform } from '../../platform.ts';
import { bookAppointment } from '../booking.service.ts';
import { type Invitation, verifyInvitationToken } from '../invitation-link.ts';
import { organisationsServing } from '../sector.repository.ts';
import { firstAvailableSlot, searchSlots } from '../slot-search.service.ts';
import { orderPlaces } from '../slots/places.ts';
import type { Audience, Slot } from '../types.ts';
import { addLocalDays, localDay, mondayOf } from './format.ts';
import {
  type BookableType,
  findBookableType,
  findInvitedCitizen,
  type InvitedCitizen,
  listBookableTypes,
  type OrganisationContact,
  organisationContacts,
  type PublicPlace,
  placesOfferingType,
  updateCitizenContact,
} from './public.repository.ts';
import type { ContactForm } from './schemas.ts';
import type { JourneyContext } from './views/parts.tsx';

/**
 * The person-facing booking journey: commune → type → place → week → contact details. Who is
 * booking decides what is offered:
 * - anyone (audience 'public'): types bookable by everyone, of the organisations that serve their
 *   commune (sectorisation), the commune narrowing agents too;
 * - a person holding an invitation link (audience 'invited'): the inviting organisation's types
 *   bookable by invited people or everyone (or only the type / category the link names); follow-up
 *   types then offer only the person's référents, since the engine knows who they are.
 */
export type Visitor =
  | {
      audience: 'public';
      context: JourneyContext;
      commune: Commune;
      communeCode: string;
      organisationIds: string[];
    }
  | {
      audience: 'invited';
      context: JourneyContext;
      invitation: Invitation;
      citizen: InvitedCitizen;
      /** The person's commune when the inviting organisation serves it (sectorisation applies). */
      communeCode?: string;
      /** The person's commune, to order places. */
      nearCommune?: string;
      organisationIds: string[];
    };

export type LinkProblem = { problem: 'invalid' | 'expired' | 'no_commune' };

/** Communes matching what the person typed; one obvious match is returned alone. */
export function findCommunes(text: string): Commune[] {
  const matches = searchCommunes(text, 12);
  const key = searchKey(text);
  const compact = text.replace(/\s/g, '');
  const exact = matches.filter((c) => searchKey(c.name) === key || c.code === compact);
  if (exact.length === 1 && !/^\d{5}$/.test(compact)) return exact;
  // A postal code shared by several communes lists them all; a unique one goes straight on.
  if (/^\d{5}$/.test(compact)) {
    const byPostalCode = matches.filter((c) => c.postalCodes.includes(compact) || c.code === compact);
    if (byPostalCode.length > 0) return byPostalCode;
  }
  return matches;
}

/** Who is booking, from the journey's parameters: their commune, or their invitation. */
export async function resolveVisitor(
  db: Db,
  secretKey: string,
  context: JourneyContext,
  now: Date,
): Promise<Visitor | LinkProblem> {
  if (context.invitation) {
    const checked = verifyInvitationToken(secretKey, context.invitation, now);
    if (!checked.ok) return { problem: checked.reason };
    const { invitation } = checked;
    const citizen = await findInvitedCitizen(db, invitation.citizenId, invitation.organisationId);
    if (!citizen) return { problem: 'invalid' };
    // The invitation names the organisation: its sectorisation narrows agents only when it covers the
    // person's commune (a person who moved out is still invited); the commune always orders places.
    const serves = citizen.communeCode
      ? (await organisationsServing(db, citizen.communeCode)).includes(invitation.organisationId)
      : false;
    return {
      audience: 'invited',
      context: { invitation: context.invitation },
      invitation,
      citizen,
      communeCode: serves ? (citizen.communeCode ?? undefined) : undefined,
      nearCommune: citizen.communeCode ?? undefined,
      organisationIds: [invitation.organisationId],
    };
  }
  const commune = context.commune ? findCommune(context.commune) : undefined;
  if (!commune) return { problem: 'no_commune' };
  return {
    audience: 'public',
    context: { commune: commune.code },
    commune,
    communeCode: commune.code,
    organisationIds: await organisationsServing(db, commune.code),
  };
}

export function isProblem(value: Visitor | LinkProblem): value is LinkProblem {
  return 'problem' in value;
}

const audienceOf = (visitor: Visitor): Audience => (visitor.audience === 'public' ? 'public' : 'invited');

function bookableByOf(visitor: Visitor): ('invited' | 'everyone')[] {
  return visitor.audience === 'public' ? ['everyone'] : ['invited', 'everyone'];
}

export type TypeGroup = { category: string | null; types: BookableType[] };

/** Step 2: the types offered to this visitor, by category; with whom to call when there are none. */
export async function typesOffered(
  db: Db,
  visitor: Visitor,
): Promise<{ groups: TypeGroup[]; contacts: OrganisationContact[] }> {
  const types = await listBookableTypes(db, {
    organisationIds: visitor.organisationIds,
    bookableBy: bookableByOf(visitor),
    ...(visitor.audience === 'invited'
      ? { appointmentTypeId: visitor.invitation.appointmentTypeId, category: visitor.invitation.category }
      : {}),
  });
  const groups: TypeGroup[] = [];
  for (const type of types.filter((t) => mayOffer(visitor, t))) {
    const group = groups.find((g) => g.category === type.category);
    if (group) group.types.push(type);
    else groups.push({ category: type.category, types: [type] });
  }
  // Named categories first (alphabetically, as the query sorts them), the unnamed last.
  groups.sort((a, b) => (a.category === null ? 1 : 0) - (b.category === null ? 1 : 0));
  const contacts = groups.length === 0 ? await organisationContacts(db, visitor.organisationIds) : [];
  return { groups, contacts };
}

/**
 * Follow-up types are given by the person's own référents: only a person the organisation knows
 * (an invitation) can book one; anyone else would have no référent to be offered.
 */
function mayOffer(visitor: Visitor, type: BookableType): boolean {
  return !(type.followUpOnly && visitor.audience === 'public');
}

/** A type this visitor may book, or « not found » (same answer for unknown and not offered). */
export async function offeredType(db: Db, visitor: Visitor, appointmentTypeId: string | undefined) {
  const type = appointmentTypeId ? await findBookableType(db, appointmentTypeId) : undefined;
  const invitation = visitor.audience === 'invited' ? visitor.invitation : undefined;
  if (
    !type ||
    type.archived ||
    !mayOffer(visitor, type) ||
    !visitor.organisationIds.includes(type.organisationId) ||
    !(bookableByOf(visitor) as string[]).includes(type.bookableBy) ||
    (invitation?.appointmentTypeId && invitation.appointmentTypeId !== type.id) ||
    (invitation?.category && invitation.category !== type.category)
  ) {
    throw notFound('Ce motif de rendez-vous n’est pas proposé en ligne. Choisissez-en un autre.');
  }
  return type;
}

/** A place where this type is given, or « not found ». */
export async function offeredPlace(db: Db, type: BookableType, placeId: string | undefined, now: Date) {
  const places = await placesOfferingType(db, type.id, localDay(now));
  const place = places.find((p) => p.id === placeId);
  if (!place) throw notFound('Ce lieu ne propose pas ce rendez-vous. Choisissez-en un autre.');
  return place;
}

/**
 * Who the engine searches for: the audience, the commune of the sectorisation and the person when
 * known, and the commune places are ordered from.
 */
export type Searcher = { audience: Audience; communeCode?: string; citizenId?: string; nearCommune?: string };

export function searcherOf(visitor: Visitor): Searcher {
  const nearCommune = visitor.audience === 'invited' ? visitor.nearCommune : visitor.communeCode;
  return {
    audience: audienceOf(visitor),
    ...(visitor.communeCode ? { communeCode: visitor.communeCode } : {}),
    ...(visitor.audience === 'invited' ? { citizenId: visitor.citizen.id } : {}),
    ...(nearCommune ? { nearCommune } : {}),
  };
}

function slotQuery(searcher: Searcher, type: BookableType, now: Date) {
  const { nearCommune: _, ...query } = searcher;
  return { ...query, appointmentTypeId: type.id, now };
}

export type PlaceChoice = { place: PublicPlace; first: Slot | null };

/** The places giving this type, in the engine's order: the person's commune first, then nearest. */
export async function placesGiving(db: Db, searcher: Searcher, type: BookableType, now: Date) {
  return orderPlaces(await placesOfferingType(db, type.id, localDay(now)), searcher.nearCommune);
}

/** Step 3: the places giving this type, in the engine's order (own commune, then nearest), each with its first free slot. */
export async function placesWithFirstSlot(
  db: Db,
  searcher: Searcher,
  type: BookableType,
  now: Date,
): Promise<PlaceChoice[]> {
  const places = await placesGiving(db, searcher, type, now);
  // One search over the whole booking window reads the engine's input once for every place (one
  // firstAvailableSlot per place read it once each: 5 places took 5 times as long on the demo).
  const today = localDay(now);
  const result = await searchSlots(db, {
    ...slotQuery(searcher, type, now),
    from: today,
    to: addLocalDays(today, type.maxBookingDelayDays),
  });
  const first = new Map<string, Slot>();
  for (const { place, days } of result.places) {
    const slot = days.find((d) => d.slots.length > 0)?.slots[0];
    if (slot) first.set(place.id, slot);
  }
  return places.map((place) => ({ place, first: first.get(place.id) ?? null }));
}

export type Week = {
  monday: string;
  days: { day: string; slots: Slot[] }[];
  previous: string | null;
  next: string | null;
  /** The Monday of the week holding the first free slot, when it is not this one. */
  firstAvailable: { monday: string; startsAt: Date } | null;
};

/** Step 4: one week of free times at one place; links to the weeks around it within the type's delays. */
export async function weekOfSlots(
  db: Db,
  searcher: Searcher,
  type: BookableType,
  placeId: string,
  requested: string | undefined,
  now: Date,
): Promise<Week> {
  const query = { ...slotQuery(searcher, type, now), placeId };
  const today = localDay(now);
  const lastDay = addLocalDays(today, type.maxBookingDelayDays);
  const first = await firstAvailableSlot(db, query);
  const firstMonday = first ? mondayOf(localDay(first.slot.startsAt)) : null;
  let monday = mondayOf(requested ?? (first ? localDay(first.slot.startsAt) : today));
  if (monday < mondayOf(today)) monday = mondayOf(today);
  if (monday > mondayOf(lastDay)) monday = mondayOf(lastDay);
  const result = await searchSlots(db, { ...query, from: monday, to: addLocalDays(monday, 6) });
  const days = (result.places.find((p) => p.place.id === placeId)?.days ?? []).filter(
    (d) => d.slots.length > 0,
  );
  return {
    monday,
    days,
    previous: monday > mondayOf(today) ? addLocalDays(monday, -7) : null,
    next: addLocalDays(monday, 7) <= lastDay ? addLocalDays(monday, 7) : null,
    firstAvailable:
      first && firstMonday && firstMonday !== monday
        ? { monday: firstMonday, startsAt: first.slot.startsAt }
        : null,
  };
}

export type BookingOutcome =
  | { ok: true; participantId: string }
  | { ok: false; reason: 'taken'; next: { slot: Slot; place: { id: string; name: string } }[] };

/**
 * Step 5: books the slot for the person. One transaction: an invited person's corrected contact
 * details are saved only with the booking (rolled back if the slot was just taken).
 */
export async function bookForVisitor(
  db: Db,
  platform: Platform,
  visitor: Visitor,
  type: BookableType,
  input: { placeId: string; startsAt: Date; contact: ContactForm; now: Date },
): Promise<BookingOutcome> {
  const { contact } = input;
  const common = {
    appointmentTypeId: type.id,
    startsAt: input.startsAt,
    placeId: input.placeId,
    ...(visitor.communeCode ? { communeCode: visitor.communeCode } : {}),
    now: input.now,
  };
  if (visitor.audience === 'public') {
    const result = await bookAppointment(db, platform, {
      ...common,
      channel: 'public',
      citizen: {
        firstName: contact.firstName,
        lastName: contact.lastName,
        phone: contact.phone,
        email: contact.email,
        communeCode: visitor.communeCode,
      },
    });
    return outcome(result);
  }
  const citizen = visitor.citizen;
  const changed =
    citizen.firstName !== contact.firstName ||
    citizen.lastName !== contact.lastName ||
    citizen.phone !== contact.phone ||
    citizen.email !== contact.email;
  const taken = new Error('taken');
  let result: Awaited<ReturnType<typeof bookAppointment>> | undefined;
  try {
    await db.transaction(async (tx) => {
      if (changed) await updateCitizenContact(tx, citizen.id, contact);
      result = await bookAppointment(tx, platform, {
        ...common,
        channel: 'invitation',
        citizen: { id: citizen.id },
      });
      if (!result.ok) throw taken;
    });
  } catch (error) {
    if (error !== taken) throw error;
  }
  return outcome(result!);
}

function outcome(result: Awaited<ReturnType<typeof bookAppointment>>): BookingOutcome {
  if (!result.ok) {
    return {
      ok: false,
      reason: 'taken',
      next: result.next.map(({ slot, place }) => ({ slot, place: { id: place.id, name: place.name } })),
    };
  }
  return { ok: true, participantId: result.participantId };
}

/** Booking's field names → the form's, so its messages land under the right fields. */
export function contactErrors(error: unknown): Record<string, string> | null {
  if (!(error instanceof AppError) || error.code !== 'validation') return null;
  const names: Record<string, string> = {
    firstName: 'prenom',
    lastName: 'nom',
    phone: 'telephone',
    email: 'email',
  };
  const fields: Record<string, string> = {};
  for (const [key, message] of Object.entries(error.fields)) {
    const name = names[key.replace(/^citizen\./, '')];
    if (name) fields[name] = message;
    else fields._ ??= message;
  }
  if (Object.keys(fields).length === 0) fields._ = error.message;
  return fields;
}
