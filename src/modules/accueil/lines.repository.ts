import { and, eq, inArray } from 'drizzle-orm';
import type { Db } from '../../platform/db/client.ts';
import { organisations } from '../../platform/tenancy/tables.ts';
import { type Line, lines } from './tables.ts';

/** The line people reach by dialling this number (E.164), if any. */
export async function findLineByNumber(db: Db, number: string): Promise<Line | undefined> {
  const [line] = await db.select().from(lines).where(eq(lines.number, number)).limit(1);
  return line;
}

export async function findLine(db: Db, id: string): Promise<Line | undefined> {
  const [line] = await db.select().from(lines).where(eq(lines.id, id)).limit(1);
  return line;
}

export type LineSummary = Pick<Line, 'id' | 'name' | 'number' | 'organisationId'> & {
  organisationName: string;
  territoryId: string | null;
};

/** Lines of these organisations (null: all), by name. */
export async function listLines(db: Db, organisationIds: string[] | null): Promise<LineSummary[]> {
  if (organisationIds && organisationIds.length === 0) return [];
  return db
    .select({
      id: lines.id,
      name: lines.name,
      number: lines.number,
      organisationId: lines.organisationId,
      organisationName: organisations.name,
      territoryId: organisations.territoryId,
    })
    .from(lines)
    .innerJoin(organisations, eq(organisations.id, lines.organisationId))
    .where(organisationIds ? and(inArray(lines.organisationId, organisationIds)) : undefined)
    .orderBy(lines.name);
}
