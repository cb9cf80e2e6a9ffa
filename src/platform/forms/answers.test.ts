import { describe, expect, it } from 'vitest';
import { parseAnswers, shownQuestions } from './answers.ts';
import { receptionSurvey } from './testing.ts';

describe('parseAnswers', () => {
  it('reads every type of answer, in the options’ order, with a French decimal comma', () => {
    const parsed = parseAnswers(receptionSurvey, {
      appele: 'oui',
      essais: '3',
      moyens: ['guichet', 'tel'],
      satisfaction: '4',
      attente: '12,5',
      idee: '  Un numéro direct.\r\nEt un rappel.  ',
    });
    expect(parsed).toEqual({
      ok: true,
      answers: {
        appele: 'oui',
        essais: 3,
        moyens: ['tel', 'guichet'],
        satisfaction: 4,
        attente: 12.5,
        idee: 'Un numéro direct.\nEt un rappel.',
      },
      values: {
        appele: 'oui',
        essais: '3',
        moyens: 'guichet,tel',
        satisfaction: '4',
        attente: '12,5',
        idee: '  Un numéro direct.\r\nEt un rappel.  ',
      },
    });
  });

  it('drops the answer to a question hidden by its condition, and does not require it', () => {
    const parsed = parseAnswers(receptionSurvey, { appele: 'non', essais: '7' });
    expect(parsed.ok && parsed.answers).toEqual({ appele: 'non' });
  });

  it('requires a conditional question only when it is shown', () => {
    const parsed = parseAnswers(receptionSurvey, { appele: 'oui', essais: '' });
    expect(parsed).toMatchObject({ ok: false, errors: { essais: 'Saisissez un nombre.' } });
  });

  it('hides a conditional question while the question it depends on is unanswered', () => {
    const parsed = parseAnswers(receptionSurvey, { essais: '2' });
    expect(parsed).toEqual({
      ok: false,
      errors: { appele: 'Choisissez une réponse.' },
      values: expect.objectContaining({ essais: '2' }),
    });
  });

  it('gives one French message per wrong field and keeps what was typed', () => {
    const parsed = parseAnswers(receptionSurvey, {
      appele: 'peut-etre',
      moyens: ['tel', 'pigeon'],
      satisfaction: '9',
      attente: 'dix',
      idee: 'x'.repeat(5001),
    });
    expect(parsed).toEqual({
      ok: false,
      errors: {
        appele: 'Choisissez une des réponses proposées.',
        moyens: 'Cochez seulement des réponses proposées.',
        satisfaction: 'Choisissez une note de 1 à 5.',
        attente: 'Saisissez un nombre, par exemple 12 ou 12,5.',
        idee: 'Votre réponse est trop longue (5\u202f000 caractères au plus).',
      },
      values: expect.objectContaining({ attente: 'dix', moyens: 'tel,pigeon' }),
    });
  });

  it('checks integers and bounds of numbers', () => {
    const errorOf = (essais: string) => {
      const parsed = parseAnswers(receptionSurvey, { appele: 'oui', essais });
      return parsed.ok ? null : parsed.errors.essais;
    };
    expect(errorOf('2,5')).toBe('Saisissez un nombre entier, sans virgule.');
    expect(errorOf('-1')).toBe('Saisissez un nombre supérieur ou égal à 0.');
    expect(errorOf('51')).toBe('Saisissez un nombre inférieur ou égal à 50.');
    expect(errorOf('1 2')).toBeNull();
  });

  it('lets a paper entry leave a required question blank', () => {
    expect(parseAnswers(receptionSurvey, {}, { enforceRequired: false })).toMatchObject({
      ok: true,
      answers: {},
    });
  });

  it('lists the questions shown for stored answers, following chains', () => {
    const questions = [
      ...receptionSurvey.slice(0, 1),
      {
        id: 'rappel',
        type: 'single_choice' as const,
        label: 'Avez-vous été rappelé ?',
        required: false,
        options: [
          { id: 'oui', label: 'Oui' },
          { id: 'non', label: 'Non' },
        ],
        showIf: { questionId: 'appele', equals: 'oui' },
      },
      {
        id: 'delai',
        type: 'text' as const,
        label: 'Sous quel délai ?',
        required: false,
        multiline: false,
        showIf: { questionId: 'rappel', equals: 'oui' },
      },
    ];
    const ids = (answers: Record<string, string>) => shownQuestions(questions, answers).map((q) => q.id);
    expect(ids({ appele: 'oui', rappel: 'oui' })).toEqual(['appele', 'rappel', 'delai']);
    // « rappel » is hidden, so whatever it says cannot show « delai ».
    expect(ids({ appele: 'non', rappel: 'oui' })).toEqual(['appele']);
  });
});
