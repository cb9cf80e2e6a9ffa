import { eq } from 'drizzle-orm';
import type { Db } from '../../platform/db/client.ts';
import { forbidden, notFound } from '../../platform/errors.ts';
import type { Caller } from '../../platform/tenancy/caller.ts';
import { projectFacts } from './context.repository.ts';
import { canViewProject, canWorkOnProject, isStaff, type ProjectFacts } from './policy.ts';
import { cohorts, projects } from './tables.ts';

/**
 * The project a journal or survey page is about, for the caller. Those who work on it (team, coach,
 * incubator staff) read and write; the team members' managers read only (403 with `readOnly` on a
 * change); anyone else gets 404, the same answer as for a project that does not exist.
 */
export type WorkNeed = 'read' | 'write';

export type WorkProject = NonNullable<Awaited<ReturnType<typeof projectBySlug>>> & {
  facts: ProjectFacts;
  mayWrite: boolean;
  isStaff: boolean;
};

export async function openProjectWork(
  db: Db,
  caller: Caller,
  slug: string,
  need: WorkNeed,
  readOnly: string,
): Promise<WorkProject> {
  const project = await projectBySlug(db, slug);
  const facts = project ? await projectFacts(db, project.id) : null;
  if (!project || !facts || !canViewProject(caller.actor, facts)) throw notFound();
  const mayWrite = canWorkOnProject(caller.actor, facts);
  if (need === 'write' && !mayWrite) throw forbidden(readOnly);
  return { ...project, facts, mayWrite, isStaff: isStaff(caller.actor, facts.cohort) };
}

async function projectBySlug(db: Db, slug: string) {
  const [row] = await db
    .select({
      id: projects.id,
      slug: projects.slug,
      title: projects.title,
      territoryId: projects.territoryId,
      cohort: {
        id: cohorts.id,
        slug: cohorts.slug,
        name: cohorts.name,
        startsOn: cohorts.startsOn,
        endsOn: cohorts.endsOn,
        interviewsAnonymisedAt: cohorts.interviewsAnonymisedAt,
      },
    })
    .from(projects)
    .innerJoin(cohorts, eq(cohorts.id, projects.cohortId))
    .where(eq(projects.slug, slug));
  return row ?? null;
}
