import { describe, expect, it } from 'vitest';
import { conditionLabels, type FormQuestion, validateDefinition } from './definition.ts';
import { receptionSurvey } from './testing.ts';

const yesNo = (id: string, extra: Partial<FormQuestion> = {}) =>
  ({
    id,
    type: 'single_choice',
    label: `Question ${id}`,
    required: false,
    options: [
      { id: 'oui', label: 'Oui' },
      { id: 'non', label: 'Non' },
    ],
    ...extra,
  }) as FormQuestion;

function errorsOf(questions: unknown): string[] {
  const result = validateDefinition(questions);
  return result.ok ? [] : result.errors;
}

describe('validateDefinition', () => {
  it('accepts every question type, conditions included', () => {
    const result = validateDefinition(receptionSurvey);
    expect(result.ok).toBe(true);
  });

  it('accepts a condition with several answers, and a condition on a scale', () => {
    const questions = [
      yesNo('a'),
      { id: 's', type: 'scale', label: 'Note', required: false, min: 0, max: 10 },
      { ...yesNo('b'), showIf: { questionId: 'a', anyOf: ['oui', 'non'] } },
      { ...yesNo('c'), showIf: { questionId: 's', anyOf: [0, 1, 2] } },
    ];
    expect(errorsOf(questions)).toEqual([]);
  });

  it('refuses two questions with the same id, naming the second', () => {
    expect(errorsOf([yesNo('a'), yesNo('a')])).toEqual([
      'Question 2 : l’identifiant « a » est déjà utilisé.',
    ]);
  });

  it('refuses choices without options, with duplicate options or with one option for a single choice', () => {
    expect(errorsOf([{ ...yesNo('a'), options: [] }])).toContain(
      'Question 1 : Proposez au moins une réponse.',
    );
    expect(
      errorsOf([
        {
          ...yesNo('a'),
          options: [
            { id: 'x', label: 'Oui' },
            { id: 'y', label: 'oui' },
          ],
        },
      ]),
    ).toEqual(['Question 1 : la réponse « oui » est proposée deux fois.']);
    expect(
      errorsOf([
        {
          ...yesNo('a'),
          options: [
            { id: 'x', label: 'Oui' },
            { id: 'x', label: 'Non' },
          ],
        },
      ]),
    ).toEqual(['Question 1 : la réponse « Non » a un identifiant en double.']);
    expect(errorsOf([{ ...yesNo('a'), options: [{ id: 'x', label: 'Oui' }] }])).toEqual([
      'Question 1 : un choix unique propose au moins deux réponses.',
    ]);
  });

  it('refuses a condition on a later question, on itself, on a text question or on an unknown answer', () => {
    expect(errorsOf([{ ...yesNo('b'), showIf: { questionId: 'a', equals: 'oui' } }, yesNo('a')])).toEqual([
      'Question 1 : la condition d’affichage doit porter sur une question placée avant celle-ci.',
    ]);
    expect(errorsOf([{ ...yesNo('a'), showIf: { questionId: 'a', equals: 'oui' } }])).toHaveLength(1);
    expect(
      errorsOf([
        { id: 't', type: 'text', label: 'Texte', required: false, multiline: false },
        { ...yesNo('b'), showIf: { questionId: 't', equals: 'x' } },
      ]),
    ).toEqual(['Question 2 : la condition d’affichage doit porter sur une question à choix ou une échelle.']);
    expect(
      errorsOf([yesNo('a'), { ...yesNo('b'), showIf: { questionId: 'a', equals: 'peut-etre' } }]),
    ).toEqual([
      'Question 2 : la condition d’affichage porte sur une réponse que la question « Question a » ne propose pas.',
    ]);
    expect(
      errorsOf([
        { id: 's', type: 'scale', label: 'Note', required: false, min: 1, max: 5 },
        { ...yesNo('b'), showIf: { questionId: 's', equals: 6 } },
      ]),
    ).toEqual(['Question 2 : la condition d’affichage porte sur une note hors de l’échelle de « Note ».']);
  });

  it('checks scale and number bounds', () => {
    const scale = (min: number, max: number) => [
      { id: 's', type: 'scale', label: 'Note', required: false, min, max },
    ];
    expect(errorsOf(scale(1, 1))).toEqual([
      'Question 1 : la fin de l’échelle doit être plus grande que son début.',
    ]);
    expect(errorsOf(scale(2, 5))).toEqual(['Question 1 : une échelle commence à 0 ou à 1.']);
    expect(errorsOf(scale(1, 11))).toEqual(['Question 1 : une échelle va jusqu’à 10 au plus.']);
    expect(
      errorsOf([
        { id: 'n', type: 'number', label: 'Nombre', required: false, integer: true, min: 10, max: 2 },
      ]),
    ).toEqual(['Question 1 : le maximum doit être supérieur ou égal au minimum.']);
  });

  it('refuses what is not a definition, with French messages', () => {
    expect(errorsOf('x')).toEqual(['La définition doit être une liste de questions.']);
    expect(errorsOf([{ id: 'a', type: 'text', label: ' ', required: false, multiline: false }])).toEqual([
      'Question 1 : Chaque question a un intitulé.',
    ]);
    expect(errorsOf([{ id: 'A,B', type: 'text', label: 'x', required: false, multiline: false }])).toEqual([
      'Question 1 : Identifiant invalide (lettres minuscules, chiffres, - ou _).',
    ]);
  });

  it('names the answers a condition waits for', () => {
    expect(conditionLabels({ questionId: 'appele', equals: 'oui' }, receptionSurvey)).toEqual(['Oui']);
  });
});
