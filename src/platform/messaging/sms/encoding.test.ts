import { describe, expect, it } from 'vitest';
import { measureSms, normaliseSmsText, previewPersonalisedSmsSend, previewSmsSend } from './encoding.ts';

const times = (text: string, n: number) => text.repeat(n);

describe('measureSms', () => {
  it.each([
    // [text, encoding, units, segments, nonGsm]
    ['', 'GSM-7', 0, 0, []],
    ['Bonjour', 'GSM-7', 7, 1, []],
    // é è à ù ì ò É Ç are in the GSM basic alphabet
    ['Votre rendez-vous à La Seyne : été, où, déjà, voilà, Éric, Ça', 'GSM-7', 61, 1, []],
    // the extension table counts double: € [ ] { } ~ ^ | \
    ['Tarif : 5 €', 'GSM-7', 12, 1, []],
    ['[RDV] {ok} ~ ^ | \\', 'GSM-7', 26, 1, []],
    // letters outside GSM force UCS-2
    ['fenêtre', 'UCS-2', 7, 1, ['ê']],
    ['Âge, île, hôtel, sûr, ça, œuvre', 'UCS-2', 31, 1, ['Â', 'î', 'ô', 'û', 'ç', 'œ']],
    ['l’accueil', 'UCS-2', 9, 1, ['’']],
    ['« Bonjour »', 'UCS-2', 11, 1, ['«', '»']],
    // an emoji is one character but two UTF-16 units
    ['Merci 🙂', 'UCS-2', 8, 1, ['🙂']],
    // limits: 160 GSM characters fit in one SMS, 161 need two parts of 153
    [times('a', 160), 'GSM-7', 160, 1, []],
    [times('a', 161), 'GSM-7', 161, 2, []],
    [times('a', 306), 'GSM-7', 306, 2, []],
    [times('a', 307), 'GSM-7', 307, 3, []],
    // 80 euro signs are 160 septets: one SMS; 81 are 162: two
    [times('€', 80), 'GSM-7', 160, 1, []],
    [times('€', 81), 'GSM-7', 162, 2, []],
    // an escape pair is not split: 152 'a' then '€' fills part 1 to 152, the € goes to part 2
    [`${times('a', 152)}€${times('a', 10)}`, 'GSM-7', 164, 2, []],
    // … so 306 septets can need 3 parts where a plain division says 2
    [`${times('a', 152)}€${times('a', 152)}`, 'GSM-7', 306, 3, []],
    // UCS-2: 70 units in one SMS, 71 in two parts of 67
    [times('ê', 70), 'UCS-2', 70, 1, ['ê']],
    [times('ê', 71), 'UCS-2', 71, 2, ['ê']],
    [times('ê', 134), 'UCS-2', 134, 2, ['ê']],
    [times('ê', 135), 'UCS-2', 135, 3, ['ê']],
    // a surrogate pair is not split: 66 units then an emoji (2 units) starts part 2
    [`${times('ê', 66)}🙂${times('ê', 66)}`, 'UCS-2', 134, 3, ['ê', '🙂']],
  ])('%j → %s, %i units, %i SMS', (text, encoding, units, segments, nonGsm) => {
    const measure = measureSms(text);
    expect(measure.encoding).toBe(encoding);
    expect(measure.units).toBe(units);
    expect(measure.segments).toBe(segments);
    expect(measure.nonGsmCharacters).toEqual(nonGsm);
  });

  it('counts characters as a reader does', () => {
    expect(measureSms('Merci 🙂').characters).toBe(7);
    expect(measureSms('5 €').characters).toBe(3);
  });
});

describe('normaliseSmsText', () => {
  it.each([
    ['l’accueil', "l'accueil"],
    ['‘simple’ et “double”', `'simple' et "double"`],
    ['« Bonjour »', '" Bonjour "'],
    ['Attention\u202f! Venez\u00a0: 9\u00a0h', 'Attention ! Venez : 9 h'],
    ['9h–12h — ou après…', '9h-12h - ou après...'],
    ['sans\u200bespace', 'sansespace'],
    // a decomposed é (e + combining acute) becomes the GSM é
    ['e\u0301te\u0301', 'été'],
    // letters are left alone
    ['fenêtre, François, œuvre', 'fenêtre, François, œuvre'],
  ])('%j → %j', (text, expected) => {
    expect(normaliseSmsText(text)).toBe(expected);
  });

  it('saves parts: a typographic apostrophe would make a GSM text UCS-2', () => {
    const text = `Bonjour, votre rendez-vous à l’accueil de la Maison départementale est confirmé pour mardi 14 à 9 h. Pensez à apporter votre pièce d’identité. Merci !`;
    expect(measureSms(text)).toMatchObject({ encoding: 'UCS-2', segments: 3 });
    expect(measureSms(normaliseSmsText(text))).toMatchObject({ encoding: 'GSM-7', segments: 1 });
  });
});

describe('previewSmsSend', () => {
  it.each([
    // [text, recipients, encoding, segments per message, total]
    ['Rendez-vous mardi à 9 h.', 1_000, 'GSM-7', 1, 1_000],
    ['Rendez-vous mardi à 9 h à l’accueil.', 1_000, 'GSM-7', 1, 1_000],
    ['Rendez-vous à la fenêtre 3.', 250, 'UCS-2', 1, 250],
    [times('a', 200), 120, 'GSM-7', 2, 240],
    [times('ô', 100), 10, 'UCS-2', 2, 20],
    ['Bonjour', 0, 'GSM-7', 1, 0],
  ])('%j to %i people → %s, %i per message, %i in all', (text, recipients, encoding, segments, total) => {
    const preview = previewSmsSend(text, recipients);
    expect(preview).toMatchObject({ encoding, segments, totalSegments: total, recipients });
  });

  it('shows the text as sent and says that it was normalised', () => {
    expect(previewSmsSend('l’accueil', 3)).toMatchObject({
      text: "l'accueil",
      normalised: true,
      characters: 9,
      units: 9,
      unitsPerSegment: 160,
    });
    expect(previewSmsSend('accueil', 3).normalised).toBe(false);
  });
});

describe('previewPersonalisedSmsSend', () => {
  it('adds up the parts of each message and points at the longest', () => {
    const summary = previewPersonalisedSmsSend([
      'Bonjour Aïcha, rendez-vous mardi.',
      'Bonjour Jérôme, rendez-vous mardi.',
      `Bonjour Marie-Hélène, ${times('x', 150)}`,
    ]);
    // Aïcha: ï is not GSM (UCS-2, 1 part); Jérôme: ô is not GSM (1 part); the last is 2 GSM parts
    expect(summary).toMatchObject({ recipients: 3, totalSegments: 4, ucs2Messages: 2 });
    expect(summary.largest?.segments).toBe(2);
  });
});
