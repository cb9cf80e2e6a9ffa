import { and, asc, desc, eq, sql } from 'drizzle-orm';
import type { Db } from '../../db/client.ts';
import { agents } from '../../tenancy/tables.ts';
import { absences } from '../tables.ts';

export type AbsenceValues = Pick<
  typeof absences.$inferSelect,
  'agentId' | 'title' | 'firstDay' | 'lastDay' | 'startTime' | 'endTime' | 'weekdays' | 'everyWeeks'
>;

export type AbsenceRow = AbsenceValues & { id: string; organisationId: string; agentName: string };

const columns = {
  id: absences.id,
  organisationId: absences.organisationId,
  agentId: absences.agentId,
  title: absences.title,
  firstDay: absences.firstDay,
  lastDay: absences.lastDay,
  startTime: absences.startTime,
  endTime: absences.endTime,
  weekdays: absences.weekdays,
  everyWeeks: absences.everyWeeks,
  agentName: sql<string>`trim(${agents.firstName} || ' ' || ${agents.lastName})`,
};

/** An organisation's absences, optionally of one agent: the latest first. */
export async function listAbsences(db: Db, organisationId: string, agentId?: string): Promise<AbsenceRow[]> {
  return db
    .select(columns)
    .from(absences)
    .innerJoin(agents, eq(agents.id, absences.agentId))
    .where(
      and(eq(absences.organisationId, organisationId), agentId ? eq(absences.agentId, agentId) : undefined),
    )
    .orderBy(desc(absences.firstDay), asc(agents.lastName));
}

export async function findAbsence(db: Db, id: string): Promise<AbsenceRow | undefined> {
  const [row] = await db
    .select(columns)
    .from(absences)
    .innerJoin(agents, eq(agents.id, absences.agentId))
    .where(eq(absences.id, id))
    .limit(1);
  return row;
}

export async function insertAbsence(db: Db, organisationId: string, values: AbsenceValues): Promise<string> {
  const [row] = await db
    .insert(absences)
    .values({ ...values, organisationId })
    .returning({ id: absences.id });
  return row!.id;
}

export async function updateAbsence(db: Db, id: string, values: AbsenceValues): Promise<void> {
  await db.update(absences).set(values).where(eq(absences.id, id));
}

export async function deleteAbsence(db: Db, id: string): Promise<void> {
  await db.delete(absences).where(eq(absences.id, id));
}
