import { and, asc, eq, ilike, inArray, isNull, or, sql } from 'drizzle-orm';
import type { Db } from '../db/client.ts';
import { agents, memberships } from '../tenancy/tables.ts';
import { citizenReferents, citizens } from './tables.ts';

/** The usagers of one organisation. Every function takes the organisation: a person belongs to one. */

export type Citizen = typeof citizens.$inferSelect;
export type NewCitizen = Omit<typeof citizens.$inferInsert, 'id' | 'createdAt' | 'updatedAt'>;

export async function findCitizenOfOrganisation(
  db: Db,
  organisationId: string,
  citizenId: string,
): Promise<Citizen | undefined> {
  const [row] = await db
    .select()
    .from(citizens)
    .where(and(eq(citizens.organisationId, organisationId), eq(citizens.id, citizenId)));
  return row;
}

export async function findCitizenByExternalRef(
  db: Db,
  organisationId: string,
  externalRef: string,
): Promise<Citizen | undefined> {
  const [row] = await db
    .select()
    .from(citizens)
    .where(and(eq(citizens.organisationId, organisationId), eq(citizens.externalRef, externalRef)));
  return row;
}

/** Same last name (case-insensitive) and the same phone (E.164) or email (case-insensitive). */
export async function findCitizenByContact(
  db: Db,
  organisationId: string,
  contact: { lastName: string; phone: string | null; email: string | null },
): Promise<Citizen | undefined> {
  const matches = [
    contact.phone ? eq(citizens.phone, contact.phone) : undefined,
    contact.email ? sql`lower(${citizens.email}) = ${contact.email.toLowerCase()}` : undefined,
  ].filter((m) => m !== undefined);
  if (!matches.length) return undefined;
  const [row] = await db
    .select()
    .from(citizens)
    .where(
      and(
        eq(citizens.organisationId, organisationId),
        sql`lower(${citizens.lastName}) = ${contact.lastName.toLowerCase()}`,
        or(...matches),
      ),
    )
    .orderBy(asc(citizens.createdAt))
    .limit(1);
  return row;
}

export async function insertCitizen(db: Db, values: NewCitizen): Promise<Citizen> {
  const [row] = await db.insert(citizens).values(values).returning();
  return row!;
}

/** Fills in what the record lacks (an email, a phone…); what it already holds is kept. */
export async function completeCitizen(
  db: Db,
  citizen: Citizen,
  values: Partial<NewCitizen>,
): Promise<Citizen> {
  const missing: Partial<NewCitizen> = {};
  for (const key of ['email', 'phone', 'birthDate', 'address', 'communeCode', 'externalRef'] as const) {
    if (citizen[key] === null && values[key]) missing[key] = values[key];
  }
  if (!Object.keys(missing).length) return citizen;
  const [row] = await db
    .update(citizens)
    .set({ ...missing, updatedAt: new Date() })
    .where(eq(citizens.id, citizen.id))
    .returning();
  return row!;
}

/** By phone (exact E.164) when given, else by words of the last and first names (accents matter). */
export async function searchCitizensOf(
  db: Db,
  organisationId: string,
  search: { phone?: string; words: string[] },
  limit = 50,
): Promise<Citizen[]> {
  const conditions = search.phone
    ? [eq(citizens.phone, search.phone)]
    : search.words.map((word) => {
        const pattern = `%${word.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
        return or(ilike(citizens.lastName, pattern), ilike(citizens.firstName, pattern))!;
      });
  return db
    .select()
    .from(citizens)
    .where(and(eq(citizens.organisationId, organisationId), ...conditions))
    .orderBy(asc(sql`lower(${citizens.lastName})`), asc(citizens.firstName))
    .limit(limit);
}

export async function referentIdsOf(db: Db, citizenId: string): Promise<string[]> {
  const rows = await db
    .select({ agentId: citizenReferents.agentId })
    .from(citizenReferents)
    .where(eq(citizenReferents.citizenId, citizenId));
  return rows.map((r) => r.agentId);
}

export async function replaceReferents(db: Db, citizenId: string, agentIds: string[]): Promise<void> {
  await db.delete(citizenReferents).where(eq(citizenReferents.citizenId, citizenId));
  if (agentIds.length) {
    await db.insert(citizenReferents).values(agentIds.map((agentId) => ({ citizenId, agentId })));
  }
}

/** The given agents that are active members of the organisation. */
export async function activeMembersAmong(
  db: Db,
  organisationId: string,
  agentIds: string[],
): Promise<string[]> {
  if (!agentIds.length) return [];
  const rows = await db
    .select({ id: agents.id })
    .from(agents)
    .innerJoin(memberships, eq(memberships.agentId, agents.id))
    .where(
      and(
        eq(memberships.organisationId, organisationId),
        inArray(agents.id, agentIds),
        isNull(agents.deactivatedAt),
      ),
    );
  return rows.map((r) => r.id);
}
