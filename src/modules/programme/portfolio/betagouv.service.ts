import type { Db } from '../../../platform/db/client.ts';
import type { IndicatorRegistry } from '../../../platform/indicators/indicators.ts';
import { buildBetagouvDocument } from './betagouv.ts';
import { loadProject } from './project.service.ts';

/**
 * Exports a project as its beta.gouv.fr startup file. The public route exports published projects
 * only (another is « not found »); the command line, run by whoever operates the instance, may export
 * a project before its team publishes it.
 */
export async function exportProjectForBetagouv(
  db: Db,
  deps: { registry: IndicatorRegistry; baseUrl: string },
  slug: string,
  options: { publicOnly: boolean },
): Promise<{ fileName: string; document: string }> {
  const loaded = await loadProject(db, slug, options);
  const moduleName = loaded.project.moduleName;
  const moduleEnabled =
    moduleName !== null && deps.registry.list().some((definition) => definition.module === moduleName);
  return {
    fileName: `${loaded.project.slug}.md`,
    document: buildBetagouvDocument(loaded, { baseUrl: deps.baseUrl, moduleEnabled }),
  };
}
