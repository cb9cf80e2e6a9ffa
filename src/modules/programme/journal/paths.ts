import { SPACE } from '../part.ts';

/** The journal's URLs, in one place for its pages and for the other parts that link to them. */

export const journalPath = (projectSlug: string, rest = '') =>
  `${SPACE}/projets/${encodeURIComponent(projectSlug)}/journal${rest}`;

export const cohortMilestonesPath = (cohortSlug: string, rest = '') =>
  `${SPACE}/saisons/${encodeURIComponent(cohortSlug)}/jalons${rest}`;

export const projectPath = (projectSlug: string) => `${SPACE}/projets/${encodeURIComponent(projectSlug)}`;

export const cohortProjectsPath = (cohortSlug: string) =>
  `${SPACE}/saisons/${encodeURIComponent(cohortSlug)}/projets`;

export const surveysPath = (projectSlug: string) => `${projectPath(projectSlug)}/enquetes`;

/** The routes' patterns. */
export const JOURNAL_ROUTE = `${SPACE}/projets/:projectSlug/journal`;
export const COHORT_MILESTONES_ROUTE = `${SPACE}/saisons/:cohortSlug/jalons`;
