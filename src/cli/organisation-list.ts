import type { Platform } from '../platform/platform.ts';
import { listAllOrganisations } from '../platform/tenancy/organisation.service.ts';
import { formatColumns } from './columns.ts';

/** `organisation:list`: every organisation's slug, name and territory, as aligned columns. */
export function organisationListCommand() {
  return {
    summary: 'Liste les organisations : identifiant (slug), nom et territoire.',
    usage: 'organisation:list',
    async run(platform: Platform): Promise<void> {
      const organisations = await listAllOrganisations(platform.database.db);
      if (organisations.length === 0) {
        console.log('Aucune organisation.');
        return;
      }
      console.log(
        formatColumns([
          ['IDENTIFIANT', 'NOM', 'TERRITOIRE'],
          ...organisations.map((o) => [o.slug, o.name, o.territoryName ?? '(aucun)']),
        ]),
      );
    },
  };
}
