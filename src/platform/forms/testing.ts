import type { FormQuestion } from './definition.ts';

/**
 * A small survey about a phone reception, used by the forms' tests: a yes/no question, a question
 * shown only to those who answered « oui » to it, a multiple choice, a 1–5 scale, a number and a
 * free text.
 */
export const receptionSurvey: FormQuestion[] = [
  {
    id: 'appele',
    type: 'single_choice',
    label: 'Avez-vous appelé le service ce mois-ci ?',
    required: true,
    options: [
      { id: 'oui', label: 'Oui' },
      { id: 'non', label: 'Non' },
    ],
  },
  {
    id: 'essais',
    type: 'number',
    label: 'Combien de fois avez-vous dû rappeler ?',
    required: true,
    integer: true,
    min: 0,
    max: 50,
    showIf: { questionId: 'appele', equals: 'oui' },
  },
  {
    id: 'moyens',
    type: 'multiple_choice',
    label: 'Comment nous contactez-vous ?',
    required: false,
    options: [
      { id: 'tel', label: 'Téléphone' },
      { id: 'mail', label: 'Courriel' },
      { id: 'guichet', label: 'Guichet' },
    ],
  },
  {
    id: 'satisfaction',
    type: 'scale',
    label: 'Êtes-vous satisfait de l’accueil ?',
    required: false,
    min: 1,
    max: 5,
    minLabel: 'Pas du tout',
    maxLabel: 'Tout à fait',
  },
  {
    id: 'attente',
    type: 'number',
    label: 'Combien de minutes avez-vous attendu ?',
    required: false,
    integer: false,
  },
  { id: 'idee', type: 'text', label: 'Une idée pour nous améliorer ?', required: false, multiline: true },
];
