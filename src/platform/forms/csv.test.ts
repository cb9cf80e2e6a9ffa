import { describe, expect, it } from 'vitest';
import { responseCsvLines } from './csv.ts';
import { receptionSurvey } from './testing.ts';

describe('responseCsvLines', () => {
  const lines = [
    ...responseCsvLines(receptionSurvey, [
      {
        createdAt: new Date('2026-03-02T09:30:00Z'),
        source: 'en_ligne',
        paperRef: null,
        answers: { appele: 'oui', essais: 3, moyens: ['tel', 'guichet'], satisfaction: 4, attente: 12.5 },
      },
      {
        createdAt: new Date('2026-07-14T22:15:00Z'),
        source: 'papier',
        paperRef: 'MARCHE-03',
        answers: { appele: 'non', idee: '=HYPERLINK("http://exemple.fr"); "vite"\nmerci' },
      },
    ]),
  ];

  it('starts with the byte-order mark and one column per question, after date, source and paper number', () => {
    expect(lines[0]).toBe(
      '\uFEFFDate;Source;N° du questionnaire papier;Avez-vous appelé le service ce mois-ci ?;Combien de fois avez-vous dû rappeler ?;Comment nous contactez-vous ?;Êtes-vous satisfait de l’accueil ?;Combien de minutes avez-vous attendu ?;Une idée pour nous améliorer ?\r\n',
    );
  });

  it('writes one row per response: Paris time, labels of choices joined, decimal commas', () => {
    expect(lines[1]).toBe('2026-03-02 10:30:00;En ligne;;Oui;3;Téléphone, Guichet;4;12,5;\r\n');
  });

  it('quotes and defuses what people typed (no formula runs in a spreadsheet)', () => {
    expect(lines[2]).toBe(
      `2026-07-15 00:15:00;Papier;MARCHE-03;Non;;;;;"'=HYPERLINK(""http://exemple.fr""); ""vite""\nmerci"\r\n`,
    );
    expect(lines).toHaveLength(3);
  });
});
