import type { Db } from '../../../platform/db/client.ts';
import { notFound } from '../../../platform/errors.ts';
import type { IndicatorReading, IndicatorRegistry } from '../../../platform/indicators/indicators.ts';
import type { PhaseStep } from './phases.ts';
import {
  findProjectBySlug,
  listPhases,
  listPublicKeyFigures,
  listPublicTeam,
  type PublicKeyFigure,
  type PublicProject,
  type PublicTeamMember,
} from './project.repository.ts';

/**
 * A project's public page and its beta.gouv.fr export read the same things: the project, its team,
 * its phases and its public key figures; the page adds its live impact indicators.
 */

export type LoadedProject = {
  project: PublicProject;
  team: PublicTeamMember[];
  phases: PhaseStep[];
  keyFigures: PublicKeyFigure[];
};

/**
 * The project by its slug. `publicOnly` (the portfolio) answers « not found » for a project its team
 * has not published, exactly as for one that does not exist.
 */
export async function loadProject(
  db: Db,
  slug: string,
  options: { publicOnly: boolean },
): Promise<LoadedProject> {
  const project = await findProjectBySlug(db, slug);
  if (!project || (options.publicOnly && !project.isPublic)) throw notFound('Ce projet n’existe pas.');
  const team = await listPublicTeam(db, { id: project.id, territoryId: project.territory.id });
  const phases = await listPhases(db, project.id);
  const keyFigures = await listPublicKeyFigures(db, project.id);
  return { project, team, phases, keyFigures };
}

/**
 * The project's impact, live from the indicators registry: nothing when the project names no Tremplin
 * module; « off » when this deployment does not run that module (the registry holds only the enabled
 * modules' indicators); otherwise its indicators (those it chose, or all of the module's) for its
 * territory, small samples withheld as on every public page.
 */
export type ProjectImpact =
  | { kind: 'none' }
  | { kind: 'off'; moduleName: string }
  | { kind: 'live'; moduleName: string; readings: IndicatorReading[] };

export async function readProjectImpact(
  db: Db,
  registry: IndicatorRegistry,
  project: Pick<PublicProject, 'moduleName' | 'indicatorKeys' | 'territory'>,
  now?: Date,
): Promise<ProjectImpact> {
  const moduleName = project.moduleName?.trim();
  if (!moduleName) return { kind: 'none' };
  if (!registry.list().some((definition) => definition.module === moduleName)) {
    return { kind: 'off', moduleName };
  }
  const readings = await registry.read(
    db,
    { territoryId: project.territory.id, now },
    {
      module: moduleName,
      keys: project.indicatorKeys.length > 0 ? project.indicatorKeys : undefined,
      publicOnly: true,
    },
  );
  return { kind: 'live', moduleName, readings };
}

export type ProjectPage = LoadedProject & { impact: ProjectImpact };

export async function showProjectPage(
  db: Db,
  registry: IndicatorRegistry,
  slug: string,
  now?: Date,
): Promise<ProjectPage> {
  const loaded = await loadProject(db, slug, { publicOnly: true });
  return { ...loaded, impact: await readProjectImpact(db, registry, loaded.project, now) };
}
