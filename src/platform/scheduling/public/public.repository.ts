import { and, asc, eq, gte, inArray, isNull, or } from 'drizzle-orm';
import type { Db } from '../../db/client.ts';
import { organisations } from '../../tenancy/tables.ts';
import { appointmentTypes, citizens, openingSlots, openingSlotTypes, places } from '../tables.ts';

/**
 * The reads the public pages need beyond the engine's search: which types to offer, where they are
 * given, and who to call. Nothing here is personal data except the invited person's own record,
 * read by its id and its organisation together.
 */

export type BookableType = {
  id: string;
  organisationId: string;
  organisationName: string;
  name: string;
  category: string | null;
  durationMinutes: number;
  location: 'sur_place' | 'telephone' | 'visio' | 'domicile';
  bookableBy: 'agents' | 'invited' | 'everyone';
  collective: boolean;
  followUpOnly: boolean;
  instructions: string | null;
  changeLimitHours: number;
  maxBookingDelayDays: number;
  archived: boolean;
};

const typeColumns = {
  id: appointmentTypes.id,
  organisationId: appointmentTypes.organisationId,
  organisationName: organisations.name,
  name: appointmentTypes.name,
  category: appointmentTypes.category,
  durationMinutes: appointmentTypes.durationMinutes,
  location: appointmentTypes.location,
  bookableBy: appointmentTypes.bookableBy,
  collective: appointmentTypes.collective,
  followUpOnly: appointmentTypes.followUpOnly,
  instructions: appointmentTypes.instructions,
  changeLimitHours: appointmentTypes.changeLimitHours,
  maxBookingDelayDays: appointmentTypes.maxBookingDelayDays,
  archivedAt: appointmentTypes.archivedAt,
};

function toBookableType(row: { archivedAt: Date | null } & Omit<BookableType, 'archived'>): BookableType {
  const { archivedAt, ...rest } = row;
  return { ...rest, archived: archivedAt !== null };
}

/** Types of these organisations that these audiences may book, not archived, by category then name. */
export async function listBookableTypes(
  db: Db,
  filter: {
    organisationIds: string[];
    bookableBy: ('invited' | 'everyone')[];
    appointmentTypeId?: string;
    category?: string;
  },
): Promise<BookableType[]> {
  if (filter.organisationIds.length === 0) return [];
  const rows = await db
    .select(typeColumns)
    .from(appointmentTypes)
    .innerJoin(organisations, eq(organisations.id, appointmentTypes.organisationId))
    .where(
      and(
        inArray(appointmentTypes.organisationId, filter.organisationIds),
        inArray(appointmentTypes.bookableBy, filter.bookableBy),
        isNull(appointmentTypes.archivedAt),
        filter.appointmentTypeId ? eq(appointmentTypes.id, filter.appointmentTypeId) : undefined,
        filter.category ? eq(appointmentTypes.category, filter.category) : undefined,
      ),
    )
    .orderBy(asc(appointmentTypes.category), asc(appointmentTypes.name));
  return rows.map(toBookableType);
}

export async function findBookableType(db: Db, appointmentTypeId: string): Promise<BookableType | undefined> {
  const [row] = await db
    .select(typeColumns)
    .from(appointmentTypes)
    .innerJoin(organisations, eq(organisations.id, appointmentTypes.organisationId))
    .where(eq(appointmentTypes.id, appointmentTypeId));
  return row ? toBookableType(row) : undefined;
}

export type PublicPlace = {
  id: string;
  organisationId: string;
  name: string;
  address: string;
  communeCode: string;
  latitude: number | null;
  longitude: number | null;
  accessibilityNotes: string | null;
  phone: string | null;
};

const placeColumns = {
  id: places.id,
  organisationId: places.organisationId,
  name: places.name,
  address: places.address,
  communeCode: places.communeCode,
  latitude: places.latitude,
  longitude: places.longitude,
  accessibilityNotes: places.accessibilityNotes,
  phone: places.phone,
};

/** The places where some agent's opening slot (current or to come) offers the type. */
export async function placesOfferingType(
  db: Db,
  appointmentTypeId: string,
  today: string,
): Promise<PublicPlace[]> {
  return db
    .selectDistinct(placeColumns)
    .from(openingSlotTypes)
    .innerJoin(openingSlots, eq(openingSlots.id, openingSlotTypes.openingSlotId))
    .innerJoin(places, eq(places.id, openingSlots.placeId))
    .where(
      and(
        eq(openingSlotTypes.appointmentTypeId, appointmentTypeId),
        isNull(places.archivedAt),
        or(isNull(openingSlots.lastDay), gte(openingSlots.lastDay, today)),
      ),
    );
}

export async function findPlace(db: Db, placeId: string): Promise<PublicPlace | undefined> {
  const [row] = await db.select(placeColumns).from(places).where(eq(places.id, placeId));
  return row;
}

export type OrganisationContact = { name: string; places: { name: string; phone: string }[] };

/** Who to call when nothing can be booked online: the organisations and their places' numbers. */
export async function organisationContacts(
  db: Db,
  organisationIds: string[],
): Promise<OrganisationContact[]> {
  if (organisationIds.length === 0) return [];
  const rows = await db
    .select({
      id: organisations.id,
      name: organisations.name,
      placeName: places.name,
      phone: places.phone,
      archivedAt: places.archivedAt,
    })
    .from(organisations)
    .leftJoin(places, eq(places.organisationId, organisations.id))
    .where(inArray(organisations.id, organisationIds))
    .orderBy(asc(organisations.name), asc(places.name));
  const byId = new Map<string, OrganisationContact>();
  for (const row of rows) {
    const contact = byId.get(row.id) ?? { name: row.name, places: [] };
    byId.set(row.id, contact);
    if (row.placeName && row.phone && !row.archivedAt)
      contact.places.push({ name: row.placeName, phone: row.phone });
  }
  return [...byId.values()];
}

export type InvitedCitizen = {
  id: string;
  organisationId: string;
  firstName: string;
  lastName: string;
  phone: string | null;
  email: string | null;
  communeCode: string | null;
};

/** The invited person, only if they belong to the organisation that invited them. */
export async function findInvitedCitizen(
  db: Db,
  citizenId: string,
  organisationId: string,
): Promise<InvitedCitizen | undefined> {
  const [row] = await db
    .select({
      id: citizens.id,
      organisationId: citizens.organisationId,
      firstName: citizens.firstName,
      lastName: citizens.lastName,
      phone: citizens.phone,
      email: citizens.email,
      communeCode: citizens.communeCode,
    })
    .from(citizens)
    .where(and(eq(citizens.id, citizenId), eq(citizens.organisationId, organisationId)));
  return row;
}

/** The invited person corrected their name or contact details on the booking form. */
export async function updateCitizenContact(
  db: Db,
  citizenId: string,
  values: { firstName: string; lastName: string; phone: string | null; email: string | null },
): Promise<void> {
  await db
    .update(citizens)
    .set({ ...values, updatedAt: new Date() })
    .where(eq(citizens.id, citizenId));
}
