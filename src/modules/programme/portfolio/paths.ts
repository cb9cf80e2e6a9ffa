/**
 * The public portfolio's URLs (no sign-in), built in one place. The agent space links to them, e.g. a
 * project workspace to its public page and its beta.gouv.fr export.
 */
export const portfolioPaths = {
  home: '/programme',
  cohort: (cohortSlug: string) => `/programme/saisons/${cohortSlug}`,
  project: (projectSlug: string) => `/programme/projets/${projectSlug}`,
  betagouv: (projectSlug: string) => `/programme/projets/${projectSlug}/betagouv.md`,
};

/**
 * A module's public statistics page. The convention the RSA module set (/statistiques/rsa/<territoire>):
 * a module that publishes indicators shows them there for one collectivité. Modules cannot be imported
 * from here, so the programme relies on the convention rather than on the RSA module's own constant.
 */
export const moduleStatsPath = (moduleName: string, territorySlug: string) =>
  `/statistiques/${moduleName}/${territorySlug}`;
