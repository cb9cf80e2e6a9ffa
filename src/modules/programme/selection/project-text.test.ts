import { describe, expect, it } from 'vitest';
import { problemParagraph, projectStartDay } from './project-text.ts';

const empty = { whoSuffers: '', howMany: '', consequencesCitizens: '', consequencesCollectivite: '' };

describe('the problem paragraph of a project', () => {
  const cases: { name: string; fields: Partial<typeof empty>; expected: string }[] = [
    {
      name: 'every part, final stops and extra spaces tidied',
      fields: {
        whoSuffers: ' Les allocataires du RSA. ',
        howMany: 'environ 4 000 par an',
        consequencesCitizens: '8 mois   d’attente avant un premier rendez-vous.',
        consequencesCollectivite: 'des relances coûteuses ;',
      },
      expected:
        'Qui en souffre : Les allocataires du RSA (environ 4 000 par an). Conséquences pour les usagers : 8 mois d’attente avant un premier rendez-vous. Conséquences pour la collectivité : des relances coûteuses.',
    },
    {
      name: 'who without how many',
      fields: { whoSuffers: 'les familles', consequencesCitizens: 'des trajets inutiles' },
      expected: 'Qui en souffre : les familles. Conséquences pour les usagers : des trajets inutiles.',
    },
    {
      name: 'how many without who',
      fields: { howMany: '200 personnes', consequencesCollectivite: 'du temps perdu' },
      expected: 'Personnes concernées : 200 personnes. Conséquences pour la collectivité : du temps perdu.',
    },
    { name: 'nothing filled', fields: {}, expected: '' },
  ];
  for (const c of cases) {
    it(c.name, () => expect(problemParagraph({ ...empty, ...c.fields })).toBe(c.expected));
  }
});

describe('the day a project starts', () => {
  it('is the cohort’s start, or the day of the decision once the cohort has begun', () => {
    expect(projectStartDay('2019-02-04', '2019-01-20')).toBe('2019-02-04');
    expect(projectStartDay('2019-02-04', '2019-02-04')).toBe('2019-02-04');
    expect(projectStartDay('2019-02-04', '2019-02-11')).toBe('2019-02-11');
  });
});
