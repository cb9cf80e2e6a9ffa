import { and, asc, eq, inArray } from 'drizzle-orm';
import type { Db } from '../../../platform/db/client.ts';
import { agents } from '../../../platform/tenancy/tables.ts';
import { coaches, cohorts, projectPhases, projects } from '../tables.ts';
import type { PhaseInput } from './phases.ts';

/** Projects, their cohort's defaults, their phases and their coach: the SQL of the workspace. */

const cohortColumns = {
  id: cohorts.id,
  slug: cohorts.slug,
  name: cohorts.name,
  startsOn: cohorts.startsOn,
  endsOn: cohorts.endsOn,
  detachmentDaysPerWeek: cohorts.detachmentDaysPerWeek,
  detachmentWeeks: cohorts.detachmentWeeks,
};

export async function projectBySlug(db: Db, slug: string) {
  const [row] = await db
    .select({ project: projects, cohort: cohortColumns })
    .from(projects)
    .innerJoin(cohorts, eq(cohorts.id, projects.cohortId))
    .where(eq(projects.slug, slug));
  return row ?? null;
}

export type ProjectRow = NonNullable<Awaited<ReturnType<typeof projectBySlug>>>;

export async function cohortBySlug(db: Db, slug: string) {
  const [row] = await db.select(cohortColumns).from(cohorts).where(eq(cohorts.slug, slug));
  return row ?? null;
}

export async function projectsOfCohort(db: Db, cohortId: string) {
  return db.select().from(projects).where(eq(projects.cohortId, cohortId)).orderBy(asc(projects.title));
}

export async function phasesOf(db: Db, projectIds: string[]) {
  if (projectIds.length === 0) return [];
  return db
    .select()
    .from(projectPhases)
    .where(inArray(projectPhases.projectId, projectIds))
    .orderBy(asc(projectPhases.startsOn));
}

/** The coaches of a cohort, by name (the choices for a project's coach). */
export async function coachesOf(db: Db, cohortId: string) {
  return db
    .select({ id: agents.id, firstName: agents.firstName, lastName: agents.lastName, email: agents.email })
    .from(coaches)
    .innerJoin(agents, eq(agents.id, coaches.agentId))
    .where(eq(coaches.cohortId, cohortId))
    .orderBy(asc(agents.lastName), asc(agents.firstName));
}

/** Names of agents by id (coaches of listed projects, managers). */
export async function agentNames(db: Db, ids: string[]) {
  if (ids.length === 0) return new Map<string, string>();
  const rows = await db
    .select({ id: agents.id, firstName: agents.firstName, lastName: agents.lastName })
    .from(agents)
    .where(inArray(agents.id, ids));
  return new Map(rows.map((r) => [r.id, `${r.firstName} ${r.lastName}`.trim()]));
}

export async function setCoach(db: Db, projectId: string, coachAgentId: string | null, now: Date) {
  await db.update(projects).set({ coachAgentId, updatedAt: now }).where(eq(projects.id, projectId));
}

export type PublicFields = Pick<
  typeof projects.$inferInsert,
  | 'title'
  | 'mission'
  | 'problem'
  | 'solution'
  | 'sponsors'
  | 'usertypes'
  | 'thematiques'
  | 'contact'
  | 'link'
  | 'repository'
  | 'isPublic'
  | 'moduleName'
  | 'indicatorKeys'
>;

export async function updatePublicFields(db: Db, projectId: string, fields: PublicFields, now: Date) {
  await db
    .update(projects)
    .set({ ...fields, updatedAt: now })
    .where(eq(projects.id, projectId));
}

export type DetachmentPlan = { daysPerWeek: string | null; weeks: number | null; startsOn: string };

export async function updateDetachmentPlan(db: Db, projectId: string, plan: DetachmentPlan, now: Date) {
  await db
    .update(projects)
    .set({
      detachmentDaysPerWeek: plan.daysPerWeek,
      detachmentWeeks: plan.weeks,
      startsOn: plan.startsOn,
      updatedAt: now,
    })
    .where(eq(projects.id, projectId));
}

export async function insertPhase(db: Db, projectId: string, input: PhaseInput) {
  const [row] = await db
    .insert(projectPhases)
    .values({ projectId, ...input })
    .returning();
  return row!;
}

export async function updatePhase(db: Db, projectId: string, phaseId: string, input: Partial<PhaseInput>) {
  await db
    .update(projectPhases)
    .set(input)
    .where(and(eq(projectPhases.id, phaseId), eq(projectPhases.projectId, projectId)));
}

export async function deletePhase(db: Db, projectId: string, phaseId: string) {
  await db
    .delete(projectPhases)
    .where(and(eq(projectPhases.id, phaseId), eq(projectPhases.projectId, projectId)));
}

/** Locks the project's row so two phase changes are checked and written one after the other. */
export async function lockProject(db: Db, projectId: string) {
  await db.select({ id: projects.id }).from(projects).where(eq(projects.id, projectId)).for('update');
}
