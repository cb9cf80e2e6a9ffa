import { and, eq, like, sql } from 'drizzle-orm';
import type { PgColumn, PgTable } from 'drizzle-orm/pg-core';
import type { Db } from '../../../platform/db/client.ts';
import { forms } from '../../../platform/forms/tables.ts';
import {
  committeeItems,
  evidence,
  hypotheses,
  interviews,
  keyFigures,
  milestones,
  projectPhases,
  projects,
  teamMembers,
} from '../tables.ts';

/** The project a retained problem becomes (created and, while still empty, removed by the selection). */

export async function projectOfProblem(tx: Db, problemId: string) {
  const [row] = await tx
    .select({
      id: projects.id,
      slug: projects.slug,
      createdAt: projects.createdAt,
      updatedAt: projects.updatedAt,
    })
    .from(projects)
    .where(eq(projects.problemId, problemId));
  return row ?? null;
}

/** The project slugs that start with `base` (the candidates freeSlug must avoid). */
export async function slugsStartingWith(tx: Db, base: string): Promise<Set<string>> {
  const escaped = base.replace(/[\\%_]/g, (c) => `\\${c}`);
  const rows = await tx
    .select({ slug: projects.slug })
    .from(projects)
    .where(like(projects.slug, `${escaped}%`));
  return new Set(rows.map((r) => r.slug));
}

export async function insertProjectWithPhase(
  tx: Db,
  values: {
    slug: string;
    cohortId: string;
    problemId: string;
    territoryId: string;
    title: string;
    problem: string;
    startsOn: string;
    now: Date;
  },
) {
  const { now, ...row } = values;
  const [project] = await tx
    .insert(projects)
    .values({ ...row, createdAt: now, updatedAt: now })
    .returning({ id: projects.id, slug: projects.slug });
  await tx.insert(projectPhases).values({
    projectId: project!.id,
    phase: 'investigation',
    startsOn: values.startsOn,
  });
  return project!;
}

/**
 * What the teams added to a project since it was created: team members, journal entries (hypotheses,
 * evidence, interviews, key figures, milestones), committee items, other phases, surveys. Any of them
 * means the project has a life of its own and is not removed with a changed decision.
 */
export async function projectContent(tx: Db, projectId: string) {
  const countOf = (table: PgTable, column: PgColumn) =>
    sql<number>`(select count(*)::int from ${table} where ${column} = ${projectId})`;
  const [row] = await tx
    .select({
      teamMembers: countOf(teamMembers, teamMembers.projectId),
      hypotheses: countOf(hypotheses, hypotheses.projectId),
      evidence: countOf(evidence, evidence.projectId),
      interviews: countOf(interviews, interviews.projectId),
      keyFigures: countOf(keyFigures, keyFigures.projectId),
      milestones: countOf(milestones, milestones.projectId),
      committeeItems: countOf(committeeItems, committeeItems.projectId),
      phases: countOf(projectPhases, projectPhases.projectId),
      surveys: sql<number>`(select count(*)::int from ${forms} where ${and(eq(forms.module, 'programme'), eq(forms.ownerRef, `project:${projectId}`))})`,
    })
    .from(projects)
    .where(eq(projects.id, projectId));
  return row!;
}

export async function deleteProject(tx: Db, projectId: string): Promise<void> {
  // Its only phase row goes with it (on delete cascade).
  await tx.delete(projects).where(eq(projects.id, projectId));
}
