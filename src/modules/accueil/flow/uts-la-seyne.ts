import type { FlowDefinition } from './types.ts';

/**
 * The flow of the Unité territoriale de solidarité of La Seyne-sur-Mer, the service this module was
 * built for: 1 ASPI, 2 ASE, 3 Pôle Accueil, 0 the Pôle Accueil too. The demo seeds it, the tests use
 * it, and a new line starts from it. Transfer targets are loopback SIP addresses for the demo (the
 * e2e tests answer them with SIPp); a real deployment sets the secretariats' numbers in the admin.
 */
const weekdays = {
  1: [
    { from: '08:30', to: '12:00' },
    { from: '13:30', to: '17:00' },
  ],
  2: [
    { from: '08:30', to: '12:00' },
    { from: '13:30', to: '17:00' },
  ],
  3: [
    { from: '08:30', to: '12:00' },
    { from: '13:30', to: '17:00' },
  ],
  4: [
    { from: '08:30', to: '12:00' },
    { from: '13:30', to: '17:00' },
  ],
  5: [
    { from: '08:30', to: '12:00' },
    { from: '13:30', to: '16:30' },
  ],
};

export function utsLaSeyneFlow(): FlowDefinition {
  // A fresh copy each time: the services share `weekdays`, and a test changing one's hours must not change the others'.
  return structuredClone({
    welcomePrompt: 'accueil',
    rootMenu: 'principal',
    menus: [
      {
        key: 'principal',
        prompt: 'menu-principal',
        options: { '1': { service: 'aspi' }, '2': { service: 'ase' }, '3': { service: 'pole-accueil' } },
      },
    ],
    services: [
      {
        key: 'aspi',
        name: 'Action sociale de proximité et insertion (ASPI)',
        transferTo: 'sip:aspi@127.0.0.1:5091',
        ringSeconds: 25,
        hours: weekdays,
        closedOnPublicHolidays: true,
        closures: [],
        overflow: ['rappel', 'messagerie', 'sms'],
        closedPrompt: 'aspi-ferme',
        booking: { commune: '83126' },
        smsText:
          'UTS de La Seyne-sur-Mer, secrétariat ASPI : 1 rue Ernest Renan, 83500 La Seyne-sur-Mer. Ouvert du lundi au vendredi, 8h30-12h et 13h30-17h.',
      },
      {
        key: 'ase',
        name: 'Aide sociale à l’enfance (ASE)',
        transferTo: 'sip:ase@127.0.0.1:5091',
        ringSeconds: 25,
        hours: weekdays,
        closedOnPublicHolidays: true,
        closures: [],
        overflow: ['rappel', 'messagerie'],
        closedPrompt: 'ase-ferme',
        smsText:
          'UTS de La Seyne-sur-Mer, aide sociale à l’enfance : 1 rue Ernest Renan, 83500 La Seyne-sur-Mer. En cas de danger pour un enfant : 119.',
      },
      {
        key: 'pole-accueil',
        name: 'Pôle Accueil',
        transferTo: 'sip:accueil@127.0.0.1:5091',
        ringSeconds: 25,
        hours: weekdays,
        closedOnPublicHolidays: true,
        closures: [],
        overflow: ['rappel', 'messagerie', 'sms'],
        closedPrompt: 'pole-accueil-ferme',
        booking: { commune: '83126' },
        smsText:
          'UTS de La Seyne-sur-Mer, Pôle Accueil : 1 rue Ernest Renan, 83500 La Seyne-sur-Mer. Ouvert du lundi au vendredi, 8h30-12h et 13h30-17h.',
      },
    ],
    operatorService: 'pole-accueil',
    noInputSeconds: 6,
    maxRepeats: 2,
    voicemailMaxSeconds: 120,
    departement: '83',
  } satisfies FlowDefinition);
}

/** The texts of the prompts this flow names, synthesised until the UTS records its own. */
export const utsLaSeynePromptTexts: Record<string, string> = {
  accueil:
    'Bonjour, vous êtes à l’Unité territoriale de solidarité de La Seyne-sur-Mer, Département du Var. Pour vous rappeler, nous enregistrons votre numéro de téléphone, gardé 90 jours, et vos messages vocaux, effacés après 30 jours.',
  'menu-principal':
    'Pour l’action sociale et l’insertion, tapez 1. Pour l’aide sociale à l’enfance, tapez 2. Pour le pôle accueil, tapez 3. Pour parler à un agent d’accueil, tapez 0. Pour réécouter, tapez étoile.',
  'aspi-ferme':
    'Le secrétariat de l’action sociale et de l’insertion est ouvert du lundi au vendredi, de 8 heures 30 à midi et de 13 heures 30 à 17 heures.',
  'ase-ferme':
    'Le secrétariat de l’aide sociale à l’enfance est fermé. En cas de danger pour un enfant, appelez le 119, jour et nuit.',
  'pole-accueil-ferme':
    'Le pôle accueil est ouvert du lundi au vendredi, de 8 heures 30 à midi et de 13 heures 30 à 17 heures.',
};
