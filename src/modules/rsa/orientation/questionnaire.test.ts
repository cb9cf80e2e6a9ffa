import { describe, expect, it } from 'vitest';
import {
  type Answers,
  DECLINED,
  describeAnswers,
  type Orientation,
  parseAnswers,
  QUESTIONS,
  suggestOrientation,
} from './questionnaire.ts';

describe('suggestOrientation', () => {
  const cases: { name: string; answers: Answers; expected: Orientation; social: number; pro: number }[] = [
    { name: 'nothing answered', answers: {}, expected: 'socio_professionnelle', social: 0, pro: 0 },
    {
      name: 'every question declined',
      answers: Object.fromEntries(
        QUESTIONS.map((q) => [q.key, q.kind === 'one' ? DECLINED : [DECLINED]] as const),
      ),
      expected: 'socio_professionnelle',
      social: 0,
      pro: 0,
    },
    {
      name: 'wants a job quickly, worked last year, nothing in the way',
      answers: {
        souhait: 'emploi',
        experience: 'recente',
        logement: 'stable',
        sante: 'non',
        freins: ['rien'],
      },
      expected: 'professionnelle',
      social: 0,
      pro: 5,
    },
    {
      name: 'wants a job, hosted by family (one small difficulty)',
      answers: { souhait: 'emploi', experience: 'recente', logement: 'heberge' },
      expected: 'professionnelle',
      social: 1,
      pro: 5,
    },
    {
      name: 'wants a job, hosted by family, and debts',
      answers: { souhait: 'emploi', logement: 'heberge', freins: ['dettes'] },
      expected: 'socio_professionnelle',
      social: 2,
      pro: 3,
    },
    {
      name: 'no home, nothing else',
      answers: { logement: 'sans_logement' },
      expected: 'sociale',
      social: 3,
      pro: 0,
    },
    {
      name: 'threatened with eviction, but wants a job quickly',
      answers: { logement: 'expulsion', souhait: 'emploi' },
      expected: 'socio_professionnelle',
      social: 3,
      pro: 3,
    },
    {
      name: 'health stops work, wants to solve difficulties first',
      answers: { sante: 'oui', souhait: 'difficultes', experience: 'ancienne' },
      expected: 'sociale',
      social: 6,
      pro: 1,
    },
    {
      name: 'three small difficulties and no wish for work',
      answers: { freins: ['garde', 'langue', 'numerique'], souhait: 'ne_sait_pas' },
      expected: 'sociale',
      social: 3,
      pro: 0,
    },
    {
      name: 'small signs on both sides',
      answers: { sante: 'un_peu', formation: 'bac', france_travail: 'oui' },
      expected: 'socio_professionnelle',
      social: 1,
      pro: 2,
    },
    {
      name: 'mobility counts once however many boxes are ticked',
      answers: { mobilite: ['permis', 'vehicule', 'transports'], formation: 'cap' },
      expected: 'socio_professionnelle',
      social: 0,
      pro: 2,
    },
    {
      name: 'training wish, diploma, France Travail',
      answers: { souhait: 'formation', formation: 'superieur', france_travail: 'oui', enfants: 'grands' },
      expected: 'professionnelle',
      social: 0,
      pro: 4,
    },
    {
      name: '« je préfère ne pas répondre » weighs nothing',
      answers: { logement: DECLINED, sante: DECLINED, souhait: 'emploi' },
      expected: 'professionnelle',
      social: 0,
      pro: 3,
    },
  ];

  it.each(cases)('$name → $expected', ({ answers, expected, social, pro }) => {
    const suggestion = suggestOrientation(answers);
    expect(suggestion).toMatchObject({ orientation: expected, social, pro });
  });

  it('lists the answers that counted, with their side', () => {
    const { reasons } = suggestOrientation({ logement: 'expulsion', souhait: 'emploi', freins: ['dettes'] });
    expect(reasons).toEqual([
      { side: 'sociale', text: 'Menace d’expulsion' },
      { side: 'professionnelle', text: 'Souhaite trouver un emploi rapidement' },
      { side: 'sociale', text: 'Dettes' },
    ]);
  });

  it('keeps to a dozen questions, each declinable', () => {
    expect(QUESTIONS.length).toBeLessThanOrEqual(12);
    for (const q of QUESTIONS) expect(q.options.some((o) => o.value === DECLINED)).toBe(false);
  });
});

describe('parseAnswers', () => {
  it('keeps what was answered, leaves out the rest, and lets « ne pas répondre » win', () => {
    const parsed = parseAnswers({
      logement: 'heberge',
      sante: '',
      freins: ['dettes', 'garde', 'dettes'],
      mobilite: ['permis', DECLINED],
      _csrf: 'x',
    });
    expect(parsed).toEqual({
      ok: true,
      answers: { logement: 'heberge', freins: ['dettes', 'garde'], mobilite: [DECLINED] },
    });
  });

  it('refuses values not offered, and two answers to a one-answer question', () => {
    const parsed = parseAnswers({ logement: 'chateau', sante: ['oui', 'non'] });
    expect(parsed).toEqual({
      ok: false,
      errors: { logement: 'Choisissez une réponse dans la liste.', sante: 'Choisissez une seule réponse.' },
    });
  });

  it('describes the answers in words for the référent', () => {
    expect(describeAnswers({ freins: ['dettes', 'langue'], sante: DECLINED })).toEqual([
      { question: 'Votre santé vous empêche-t-elle de travailler ?', answer: 'Je préfère ne pas répondre' },
      {
        question: 'Qu’est-ce qui vous gêne aujourd’hui ?',
        answer: 'Des dettes ou des problèmes d’argent ; Parler, lire ou écrire le français',
      },
    ]);
  });
});
