import { SPACE } from '../part.ts';

/** The surveys' URLs, in one place for their pages and for the other parts that link to them. */

export const projectPath = (projectSlug: string) => `${SPACE}/projets/${encodeURIComponent(projectSlug)}`;

/** A project's surveys: the list, and the form to create one. */
export const surveysPath = (projectSlug: string) => `${projectPath(projectSlug)}/enquetes`;

/** One survey: its builder, and under it /apercu, /papier, /saisie, /resultats, /export.csv. */
export const surveyPath = (projectSlug: string, formId: string, rest = '') =>
  `${surveysPath(projectSlug)}/${formId}${rest}`;

/** The routes' patterns. */
export const SURVEYS_ROUTE = `${SPACE}/projets/:projectSlug/enquetes`;
export const SURVEY_ROUTE = `${SURVEYS_ROUTE}/:formId`;

/** The owner of a project's forms in the platform's forms table. */
export const FORM_MODULE = 'programme';
export const projectOwnerRef = (projectId: string) => `project:${projectId}`;
