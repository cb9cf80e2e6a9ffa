import { and, asc, eq, isNull, sql } from 'drizzle-orm';
import type { Db } from '../../db/client.ts';
import { openingSlots, places } from '../tables.ts';

export type PlaceRow = typeof places.$inferSelect;
export type PlaceValues = Pick<
  typeof places.$inferInsert,
  'name' | 'address' | 'communeCode' | 'latitude' | 'longitude' | 'phone' | 'accessibilityNotes'
>;

/** An organisation's places by name, archived ones last, with how many opening slots use each. */
export async function listPlaces(db: Db, organisationId: string) {
  const rows = await db
    .select({
      place: places,
      openingSlots: sql<number>`(select count(*) from ${openingSlots} where ${openingSlots.placeId} = ${places.id})`,
    })
    .from(places)
    .where(eq(places.organisationId, organisationId))
    .orderBy(sql`${places.archivedAt} is not null`, asc(places.name));
  return rows.map((r) => ({ ...r.place, openingSlots: Number(r.openingSlots) }));
}

/** The places still in use, for the opening-slot form. */
export async function listActivePlaces(db: Db, organisationId: string) {
  return db
    .select({ id: places.id, name: places.name })
    .from(places)
    .where(and(eq(places.organisationId, organisationId), isNull(places.archivedAt)))
    .orderBy(asc(places.name));
}

export async function findPlace(db: Db, id: string): Promise<PlaceRow | undefined> {
  const [row] = await db.select().from(places).where(eq(places.id, id)).limit(1);
  return row;
}

export async function insertPlace(db: Db, organisationId: string, values: PlaceValues): Promise<PlaceRow> {
  const [row] = await db
    .insert(places)
    .values({ ...values, organisationId })
    .returning();
  return row!;
}

export async function updatePlace(db: Db, id: string, values: PlaceValues): Promise<void> {
  await db.update(places).set(values).where(eq(places.id, id));
}

export async function setPlaceArchived(db: Db, id: string, archivedAt: Date | null): Promise<void> {
  await db.update(places).set({ archivedAt }).where(eq(places.id, id));
}
