import type { FlowDefinition } from './types.ts';
import { utsLaSeyneFlow } from './uts-la-seyne.ts';

/** The UTS flow with a sub-menu: 1 → « social » (1 ASPI, 2 → « logement », 9 back), 2 ASE, 3 a service offering nothing. */
export function withSubMenu(): FlowDefinition {
  const flow = utsLaSeyneFlow();
  flow.menus = [
    {
      key: 'principal',
      prompt: 'menu-principal',
      options: { '1': { menu: 'social' }, '2': { service: 'ase' }, '3': { service: 'mairie' } },
    },
    {
      key: 'social',
      prompt: 'menu-social',
      options: { '1': { service: 'aspi' }, '2': { menu: 'logement' }, '9': { menu: 'principal' } },
    },
    {
      key: 'logement',
      prompt: 'menu-logement',
      options: { '1': { service: 'pole-accueil' }, '9': { menu: 'social' } },
    },
  ];
  flow.services.push({
    ...flow.services[2]!,
    key: 'mairie',
    name: 'Mairie',
    transferTo: '+33494000000',
    overflow: [],
    closedPrompt: 'mairie-ferme',
  });
  delete flow.operatorService;
  return flow;
}
