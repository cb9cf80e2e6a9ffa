import type { OrganisationKind } from './organisation.repository.ts';
import type { TerritoryKind } from './territory.repository.ts';

/** French labels of the tenancy enums, for pages, emails and the command line. */
export const territoryKindLabels: Record<TerritoryKind, string> = {
  departement: 'Département',
  epci: 'Intercommunalité (EPCI)',
  commune: 'Commune',
};

export const organisationKindLabels: Record<OrganisationKind, string> = {
  uts: 'Unité territoriale de solidarité (UTS)',
  direction: 'Direction',
  ccas: 'Centre communal d’action sociale (CCAS)',
  service: 'Service',
  autre: 'Autre',
  incubateur: 'Incubateur',
};
