import type { Db } from '../../../platform/db/client.ts';
import { conflict } from '../../../platform/errors.ts';
import { slugify } from '../../../platform/geo/text.ts';
import { freeSlug } from '../../../platform/tenancy/slugs.ts';
import {
  deleteProject,
  insertProjectWithPhase,
  projectContent,
  projectOfProblem,
  slugsStartingWith,
} from './project.repository.ts';
import { problemParagraph, projectStartDay } from './project-text.ts';

/**
 * A problem decided « retenu » becomes a project of the cohort, in the decision's transaction: the
 * projects part (D) then adds its team and plan, the journal (E) its investigation. Its slug comes from
 * the title and is unique among all projects (the portfolio's URLs are /programme/projets/<slug>).
 */

/** Words that are paths of their own under /programme/espace/projets and /programme/projets. */
const RESERVED_SLUGS = ['nouveau', 'nouvelle'];

export async function createProjectForProblem(
  tx: Db,
  problem: {
    id: string;
    title: string;
    territoryId: string;
    whoSuffers: string;
    howMany: string;
    consequencesCitizens: string;
    consequencesCollectivite: string;
  },
  cohort: { id: string; startsOn: string },
  today: string,
  now: Date,
) {
  const base = slugify(problem.title, 60) || 'projet';
  const slug = freeSlug(base, await slugsStartingWith(tx, base), { reserved: RESERVED_SLUGS });
  return insertProjectWithPhase(tx, {
    slug,
    cohortId: cohort.id,
    problemId: problem.id,
    territoryId: problem.territoryId,
    title: problem.title,
    problem: problemParagraph(problem),
    startsOn: projectStartDay(cohort.startsOn, today),
    now,
  });
}

export const PROJECT_HAS_CONTENT =
  'Ce problème est déjà devenu un projet qui a une vie propre (équipe, journal d’investigation, enquêtes ou modifications) : la décision « retenu » ne peut plus être changée. Voyez avec l’équipe du projet.';

/**
 * Undoes the project of a problem that is no longer « retenu », if nothing was added to it since the
 * decision; otherwise refuses (the team's work is never deleted by a changed decision).
 */
export async function removeProjectOfProblem(tx: Db, problemId: string): Promise<string | null> {
  const project = await projectOfProblem(tx, problemId);
  if (!project) return null;
  const content = await projectContent(tx, project.id);
  const { phases, ...added } = content;
  const edited = project.updatedAt.getTime() > project.createdAt.getTime();
  if (phases > 1 || edited || Object.values(added).some((n) => n > 0)) throw conflict(PROJECT_HAS_CONTENT);
  await deleteProject(tx, project.id);
  return project.slug;
}
