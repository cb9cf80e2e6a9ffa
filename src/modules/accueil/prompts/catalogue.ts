import { SYSTEM_PROMPTS, type SystemPromptKey } from '../flow/system-prompts.ts';
import type { FlowDefinition } from '../flow/types.ts';

/**
 * The prompts a line may say: those its flow names (welcome, menus, services' closed prompts), then the
 * system prompts the engine says on its own. Only these keys can be edited on the line's prompts page.
 */
export type PromptUse = {
  key: string;
  kind: 'parcours' | 'systeme';
  /** Where callers hear it, in French, for the admin. */
  usage: string;
  /** The system prompt's default text (flow prompts have none: their text is the line's). */
  defaultText?: string;
};

/**
 * When the engine says each system prompt. Partial so that a prompt added to system-prompts.ts does not
 * break the build; catalogue.test.ts fails until it is described here.
 */
export const SYSTEM_PROMPT_USES: Partial<Record<SystemPromptKey, string>> = {
  'choix-invalide': 'Touche qui ne correspond à aucun choix',
  'sans-reponse': 'Aucune touche tapée à temps',
  reecouter: 'Rappel de la touche étoile pour réécouter',
  transfert: 'Avant la mise en relation avec un service',
  'personne-disponible': 'Personne ne décroche dans le service',
  'offre-rappel': 'Proposition de rappel (suivie du chiffre à taper)',
  'offre-messagerie': 'Proposition de message vocal (suivie du chiffre à taper)',
  'offre-sms': 'Proposition de SMS (suivie du chiffre à taper)',
  'rappel-au-numero': 'Avant de lire le numéro de rappel',
  'confirmer-ou-changer': 'Confirmation du numéro lu',
  'saisir-numero': 'Demande de numéro de téléphone',
  'saisir-mobile': 'Demande de numéro de portable pour un SMS',
  'numero-invalide': 'Numéro tapé incomplet ou incorrect',
  'vous-avez-tape': 'Avant de relire le numéro tapé',
  'rappel-confirme': 'Demande de rappel enregistrée',
  'messagerie-bip': 'Avant l’enregistrement d’un message vocal',
  'message-enregistre': 'Message vocal enregistré',
  'sms-au-numero': 'Avant de lire le numéro qui reçoit le SMS',
  'sms-envoye': 'SMS envoyé',
  'au-revoir': 'Fin d’appel',
  'rappel-automatique': 'Raccroché sans choix, numéro connu : un rappel est prévu',
  'hors-service': 'Appel hors des heures d’ouverture de tous les services',
};

export function promptsOfFlow(flow: FlowDefinition): PromptUse[] {
  const uses = new Map<string, string[]>();
  const add = (key: string, usage: string) => {
    if (!key) return;
    uses.set(key, [...(uses.get(key) ?? []), usage]);
  };
  add(flow.welcomePrompt, 'Accueil, au décroché (dit comment les données sont utilisées)');
  for (const menu of flow.menus) {
    add(menu.prompt, menu.key === flow.rootMenu ? 'Menu principal' : `Menu « ${menu.key} »`);
  }
  for (const service of flow.services) add(service.closedPrompt, `Service fermé : ${service.name}`);
  return [...uses].map(([key, usages]) => ({
    key,
    kind: 'parcours' as const,
    usage: usages.join(' ; '),
    ...(Object.hasOwn(SYSTEM_PROMPTS, key) ? { defaultText: SYSTEM_PROMPTS[key as SystemPromptKey] } : {}),
  }));
}

/** Every prompt of the line: its flow's, then the system prompts the flow does not already name. */
export function linePromptCatalogue(flow: FlowDefinition): PromptUse[] {
  const own = promptsOfFlow(flow);
  const named = new Set(own.map((p) => p.key));
  const system = (Object.keys(SYSTEM_PROMPTS) as SystemPromptKey[])
    .filter((key) => !named.has(key))
    .map((key) => ({
      key,
      kind: 'systeme' as const,
      usage: SYSTEM_PROMPT_USES[key] ?? 'Annonce du système',
      defaultText: SYSTEM_PROMPTS[key],
    }));
  return [...own, ...system];
}
