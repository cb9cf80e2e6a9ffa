import { describe, expect, it } from 'vitest';
import {
  ADDRESS_WINDOW_MM,
  formatLetterDate,
  type LetterToPrint,
  renderLettersPdf,
  WINDOW_REACH_MM,
} from './letter.pdf.ts';
import { linesOf, readPdfWords, wordsInside, wordsTouching } from './testing.ts';

const now = new Date('2025-03-01T09:00:00Z');

function letter(overrides: Partial<LetterToPrint> = {}): LetterToPrint {
  return {
    reference: 'A1B2C3D4',
    sender: { organisationName: 'UTS La Seyne-sur-Mer', territoryName: 'Département du Var' },
    addressLines: [
      'Madame Aïcha Benali',
      'Résidence Les Mimosas Bât. B',
      '12 avenue de la République',
      '83500 LA SEYNE SUR MER',
    ],
    date: now,
    content: {
      subject: 'Votre premier rendez-vous RSA',
      paragraphs: [
        'Madame, Monsieur,',
        'Vous êtes bénéficiaire du RSA depuis peu. Votre référent vous reçoit le mardi 11 mars 2025 à 9\u202fh 30.',
        'Si ce créneau ne vous convient pas, appelez le 04 94 00 00 00.',
      ],
      signature: 'Le service insertion\nDépartement du Var',
    },
    ...overrides,
  };
}

/** A letter long enough for three pages. */
const longLetter = (reference: string, name: string) =>
  letter({
    reference,
    addressLines: [name, '3 rue des Lilas', '64000 PAU'],
    content: {
      subject: 'Un long courrier',
      paragraphs: Array.from(
        { length: 40 },
        (_, i) =>
          `Paragraphe ${i + 1}. Ce paragraphe est assez long pour remplir plusieurs lignes de la lettre, afin que le texte passe sur une deuxième puis une troisième page.`,
      ),
      signature: 'La direction',
    },
  });

const allText = (page: { words: { text: string }[] }) => page.words.map((w) => w.text).join(' ');

describe('renderLettersPdf', () => {
  it('puts the whole address in the envelope window, and nothing else where the window may fall', async () => {
    const pages = await readPdfWords(
      await renderLettersPdf([letter()], { timeZone: 'Europe/Paris', now, title: 'Lettre' }),
    );
    expect(pages).toHaveLength(1);
    const page = pages[0]!;
    expect(page.width).toBeCloseTo(595.28, 1); // A4
    expect(page.height).toBeCloseTo(841.89, 1);
    expect(linesOf(wordsInside(page, ADDRESS_WINDOW_MM))).toEqual([
      'Madame Aïcha Benali',
      'Résidence Les Mimosas Bât. B',
      '12 avenue de la République',
      '83500 LA SEYNE SUR MER',
    ]);
    expect(linesOf(wordsTouching(page, WINDOW_REACH_MM))).toEqual(
      linesOf(wordsInside(page, ADDRESS_WINDOW_MM)),
    );
    const text = allText(page);
    expect(text).toContain('UTS La Seyne-sur-Mer');
    expect(text).toContain('Département du Var');
    expect(text).toContain('Référence : A1B2C3D4');
    expect(text).toContain('Le 1er mars 2025');
    expect(text).toContain('Objet : Votre premier rendez-vous RSA');
    expect(text).toContain('à 9 h 30.'); // the narrow no-break space printed as a space, not garbage
    expect(text).toContain('Le service insertion');
    expect(text).not.toContain('page 1 sur'); // one page: no page numbers
  });

  it('shrinks the address font rather than let a wide line leave the window', async () => {
    const wide = [
      'MMMMMMMMMMMMMMMMMMMMMMMMMMMMMMMMMMMMMM',
      'WWWWWWWWWWWWWWWWWWWWWWWWWWWWWWWWWWWWWW',
      '1 RUE X',
      '64000 PAU',
    ];
    const [page] = await readPdfWords(
      await renderLettersPdf([letter({ addressLines: wide })], {
        timeZone: 'Europe/Paris',
        now,
        title: 'Lettre',
      }),
    );
    expect(linesOf(wordsInside(page!, ADDRESS_WINDOW_MM))).toEqual(wide);
  });

  it('prints many letters in one file, each from a new page, with the address in the window on each', async () => {
    const letters = [
      letter({ reference: 'AAAA0001', addressLines: ['M. Jean Dupont', '3 rue des Lilas', '64000 PAU'] }),
      longLetter('BBBB0002', 'Mme Léa Martin'),
      letter({
        reference: 'CCCC0003',
        addressLines: ['Mme Marie Céleste', '5 rue Schœlcher', '97110 POINTE A PITRE'],
      }),
    ];
    const pages = await readPdfWords(
      await renderLettersPdf(letters, { timeZone: 'Europe/Paris', now, title: 'Lot' }),
    );
    expect(pages).toHaveLength(5); // 1 + 3 + 1

    const firstPages = pages.filter((page) => allText(page).includes('Référence :'));
    expect(firstPages.map((page) => linesOf(wordsInside(page, ADDRESS_WINDOW_MM)))).toEqual([
      ['M. Jean Dupont', '3 rue des Lilas', '64000 PAU'],
      ['Mme Léa Martin', '3 rue des Lilas', '64000 PAU'],
      ['Mme Marie Céleste', '5 rue Schœlcher', '97110 POINTE A PITRE'],
    ]);
    expect(pages.indexOf(firstPages[2]!)).toBe(4);
    for (const page of firstPages) {
      expect(linesOf(wordsTouching(page, WINDOW_REACH_MM))).toEqual(
        linesOf(wordsInside(page, ADDRESS_WINDOW_MM)),
      );
    }
    // Only the long letter numbers its pages, with its reference.
    expect(pages.map((page) => /page (\d) sur (\d)/.exec(allText(page))?.slice(1).join('/') ?? null)).toEqual(
      [null, '1/3', '2/3', '3/3', null],
    );
    expect(allText(pages[2]!)).toContain('Référence BBBB0002 – page 2 sur 3');
    // Later pages are folded inside the envelope: the body may run across the whole page.
    expect(allText(pages[3]!)).toContain('La direction');
  });

  it('pads letters with an odd number of pages for two-sided printing', async () => {
    const letters = [
      letter({ reference: 'AAAA0001' }),
      longLetter('BBBB0002', 'Mme Léa Martin'),
      letter({ reference: 'CCCC0003' }),
    ];
    const pages = await readPdfWords(
      await renderLettersPdf(letters, { timeZone: 'Europe/Paris', now, title: 'Lot', duplex: true }),
    );
    // 1 + blank, 3 + blank, 1 (the last letter needs no padding): every letter starts on a recto.
    expect(pages).toHaveLength(7);
    expect(allText(pages[1]!)).toBe('Page laissée blanche intentionnellement');
    expect(allText(pages[5]!)).toBe('Page laissée blanche intentionnellement');
    expect([0, 2, 6].map((i) => allText(pages[i]!).includes('Référence :'))).toEqual([true, true, true]);
  });

  it('refuses to make an empty file', () => {
    expect(() => renderLettersPdf([], { timeZone: 'Europe/Paris', now, title: 'Vide' })).toThrow();
  });
});

describe('formatLetterDate', () => {
  it.each([
    ['2025-03-01T09:00:00Z', '1er mars 2025'],
    ['2025-07-14T12:00:00Z', '14 juillet 2025'],
    // 23:30 UTC on 31 December is already 1 January in Paris (winter time, UTC+1).
    ['2025-12-31T23:30:00Z', '1er janvier 2026'],
    // 22:30 UTC on 30 June is 00:30 on 1 July in Paris (summer time, UTC+2).
    ['2025-06-30T22:30:00Z', '1er juillet 2025'],
    ['2025-06-30T21:30:00Z', '30 juin 2025'],
  ])('%s → %s', (iso, expected) => {
    expect(formatLetterDate(new Date(iso), 'Europe/Paris')).toBe(expected);
  });

  it('uses the time zone it is given (La Réunion is UTC+4)', () => {
    expect(formatLetterDate(new Date('2025-03-01T21:00:00Z'), 'Indian/Reunion')).toBe('2 mars 2025');
  });
});
