/**
 * The prompts the engine says on its own (overflow offers, number capture, confirmations), with their
 * default French text. A line overrides one by saving a prompt with the same key (admin, prompts page).
 * Offers end with « tapez » and the engine says the digit after, so the order of a service's overflow
 * choices can change without re-recording anything.
 */
export const SYSTEM_PROMPTS = {
  'choix-invalide': 'Ce choix n’existe pas.',
  'sans-reponse': 'Nous n’avons pas entendu votre choix.',
  reecouter: 'Pour réécouter, tapez étoile.',
  transfert: 'Nous vous mettons en relation. Merci de patienter.',
  'personne-disponible': 'Personne n’est disponible pour vous répondre pour le moment.',
  'offre-rappel': 'Pour être rappelé par un agent, tapez',
  'offre-messagerie': 'Pour laisser un message, tapez',
  'offre-sms':
    'Pour recevoir par SMS nos horaires, notre adresse et un lien pour prendre rendez-vous en ligne, tapez',
  'rappel-au-numero': 'Nous vous rappellerons au',
  'confirmer-ou-changer': 'Pour confirmer, tapez 1. Pour donner un autre numéro, tapez 2.',
  'saisir-numero': 'Tapez votre numéro de téléphone à dix chiffres.',
  'saisir-mobile': 'Tapez votre numéro de portable à dix chiffres, qui commence par zéro six ou zéro sept.',
  'numero-invalide': 'Ce numéro n’est pas valide.',
  'vous-avez-tape': 'Vous avez tapé',
  'rappel-confirme': 'C’est noté : un agent vous rappellera. Au revoir.',
  'messagerie-bip': 'Laissez votre message après le bip, puis raccrochez.',
  'message-enregistre': 'Votre message est enregistré. Un agent vous rappellera. Au revoir.',
  'sms-au-numero': 'Nous envoyons le SMS au',
  'sms-envoye': 'Le SMS est parti. Au revoir.',
  'au-revoir': 'Merci de votre appel. Au revoir.',
  /** Said when the call ends without a choice and the caller's number is known: a ticket was opened. */
  'rappel-automatique': 'Nous avons noté votre numéro : un agent vous rappellera. Au revoir.',
  'hors-service': 'Nos services sont fermés. Merci de rappeler pendant les heures d’ouverture. Au revoir.',
} as const;

export type SystemPromptKey = keyof typeof SYSTEM_PROMPTS;

export function isSystemPrompt(key: string): key is SystemPromptKey {
  return Object.hasOwn(SYSTEM_PROMPTS, key);
}
