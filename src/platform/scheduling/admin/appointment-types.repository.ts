import { and, asc, eq, inArray, isNull, sql } from 'drizzle-orm';
import type { Db } from '../../db/client.ts';
import { appointmentTypes } from '../tables.ts';

export type AppointmentTypeRow = typeof appointmentTypes.$inferSelect;
export type AppointmentTypeValues = Omit<
  typeof appointmentTypes.$inferInsert,
  'id' | 'organisationId' | 'archivedAt' | 'createdAt'
>;

/** An organisation's appointment types by category and name, archived ones last. */
export async function listAppointmentTypes(db: Db, organisationId: string): Promise<AppointmentTypeRow[]> {
  return db
    .select()
    .from(appointmentTypes)
    .where(eq(appointmentTypes.organisationId, organisationId))
    .orderBy(
      sql`${appointmentTypes.archivedAt} is not null`,
      sql`coalesce(${appointmentTypes.category}, '')`,
      asc(appointmentTypes.name),
    );
}

/** The types still offered, for the opening-slot form. */
export async function listActiveAppointmentTypes(db: Db, organisationId: string) {
  return db
    .select({ id: appointmentTypes.id, name: appointmentTypes.name, category: appointmentTypes.category })
    .from(appointmentTypes)
    .where(and(eq(appointmentTypes.organisationId, organisationId), isNull(appointmentTypes.archivedAt)))
    .orderBy(sql`coalesce(${appointmentTypes.category}, '')`, asc(appointmentTypes.name));
}

/** Of these ids, the organisation's types still offered. */
export async function activeAppointmentTypeIds(
  db: Db,
  organisationId: string,
  ids: string[],
): Promise<string[]> {
  if (ids.length === 0) return [];
  const rows = await db
    .select({ id: appointmentTypes.id })
    .from(appointmentTypes)
    .where(
      and(
        eq(appointmentTypes.organisationId, organisationId),
        isNull(appointmentTypes.archivedAt),
        inArray(appointmentTypes.id, ids),
      ),
    );
  return rows.map((r) => r.id);
}

export async function findAppointmentType(db: Db, id: string): Promise<AppointmentTypeRow | undefined> {
  const [row] = await db.select().from(appointmentTypes).where(eq(appointmentTypes.id, id)).limit(1);
  return row;
}

export async function insertAppointmentType(
  db: Db,
  organisationId: string,
  values: AppointmentTypeValues,
): Promise<AppointmentTypeRow> {
  const [row] = await db
    .insert(appointmentTypes)
    .values({ ...values, organisationId })
    .returning();
  return row!;
}

export async function updateAppointmentType(
  db: Db,
  id: string,
  values: AppointmentTypeValues,
): Promise<void> {
  await db.update(appointmentTypes).set(values).where(eq(appointmentTypes.id, id));
}

export async function setAppointmentTypeArchived(db: Db, id: string, archivedAt: Date | null): Promise<void> {
  await db.update(appointmentTypes).set({ archivedAt }).where(eq(appointmentTypes.id, id));
}
