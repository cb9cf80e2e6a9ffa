import { recordAudit } from '../../../platform/audit/audit.ts';
import type { Db } from '../../../platform/db/client.ts';
import type { IndicatorRegistry } from '../../../platform/indicators/indicators.ts';
import type { Caller } from '../../../platform/tenancy/caller.ts';
import type { OpenedProject } from './access.ts';
import { type PublicFields, updatePublicFields } from './projects.repository.ts';

/**
 * The Tremplin modules that publish indicators, each with its indicator keys and titles: a module is
 * the key's prefix before the dot ('rsa.delai_median_premier_rdv' → 'rsa').
 */
export function indicatorModules(registry: IndicatorRegistry) {
  const modules = new Map<string, { key: string; title: string }[]>();
  for (const indicator of registry.list()) {
    const module = indicator.key.split('.')[0]!;
    modules.set(module, [...(modules.get(module) ?? []), { key: indicator.key, title: indicator.title }]);
  }
  return modules;
}

/** The team (or the coach, or the staff) rewrites the public fields of the portfolio and the export. */
export async function editProjectPublicFields(
  db: Db,
  caller: Caller,
  opened: OpenedProject,
  fields: PublicFields,
  now: Date,
): Promise<void> {
  await db.transaction(async (tx) => {
    await updatePublicFields(tx, opened.project.id, fields, now);
    await recordAudit(tx, caller.audit, {
      action: 'update',
      resourceType: 'programme_project',
      resourceId: opened.project.id,
      territoryId: opened.project.territoryId,
      details: { fields: 'public' },
    });
  });
}
