import { SPACE } from '../part.ts';

/** The URLs of this part, and those of the other parts the workspace links to. */
export const cohortPath = (cohortSlug: string) => `${SPACE}/saisons/${cohortSlug}`;
export const cohortProjectsPath = (cohortSlug: string) => `${cohortPath(cohortSlug)}/projets`;
export const committeesPath = (cohortSlug: string) => `${cohortPath(cohortSlug)}/comites`;
export const projectPath = (projectSlug: string) => `${SPACE}/projets/${projectSlug}`;
export const editPath = (projectSlug: string) => `${projectPath(projectSlug)}/modifier`;
export const phasesPath = (projectSlug: string) => `${editPath(projectSlug)}/phases`;
export const teamPath = (projectSlug: string) => `${projectPath(projectSlug)}/equipe`;
export const journalPath = (projectSlug: string) => `${projectPath(projectSlug)}/journal`;
export const surveysPath = (projectSlug: string) => `${projectPath(projectSlug)}/enquetes`;
export const publicProjectPath = (projectSlug: string) => `/programme/projets/${projectSlug}`;
export const CHECKINS = `${SPACE}/pointage`;
