import { describe, expect, it } from 'vitest';
import { checkPostalAddress, checkPostalCode, postalLine, preparePostalAddress } from './address.ts';
import { toPrintable, unprintableCharacters } from './printable.ts';

describe('checkPostalAddress', () => {
  it.each([
    {
      case: 'a metropolitan address; the last line in capitals without accents or hyphens',
      raw: 'Madame Aïcha Benali\n12 avenue de la République\n83500 La Seyne-sur-Mer',
      lines: ['Madame Aïcha Benali', '12 avenue de la République', '83500 LA SEYNE SUR MER'],
    },
    {
      case: 'complement lines, Windows line ends, blank lines and stray spaces',
      raw: '  M. Jean  Dupont \r\nAppartement 12\r\n\r\nRésidence Les Mimosas\r\n3 rue des Lilas\r\n64000   Pau  ',
      lines: ['M. Jean Dupont', 'Appartement 12', 'Résidence Les Mimosas', '3 rue des Lilas', '64000 PAU'],
    },
    {
      case: 'six lines, the most La Poste admits',
      raw: 'Mme Léa Martin\nChez M. Paul Roux\nBâtiment C\nRésidence du Parc\n4 allée des Pins\n83000 Toulon',
      lines: [
        'Mme Léa Martin',
        'Chez M. Paul Roux',
        'Bâtiment C',
        'Résidence du Parc',
        '4 allée des Pins',
        '83000 TOULON',
      ],
    },
    {
      case: 'Corsica (20xxx)',
      raw: 'M. Ange Santoni\n2 cours Napoléon\n20000 Ajaccio',
      lines: ['M. Ange Santoni', '2 cours Napoléon', '20000 AJACCIO'],
    },
    {
      case: 'Guadeloupe (971)',
      raw: 'Mme Marie Céleste\n5 rue Schœlcher\n97110 Pointe-à-Pitre',
      lines: ['Mme Marie Céleste', '5 rue Schœlcher', '97110 POINTE A PITRE'],
    },
    {
      case: 'Saint-Barthélemy shares Guadeloupe’s 971',
      raw: 'M. Paul Greaux\nRue du Roi Oscar II\n97133 Saint-Barthélemy',
      lines: ['M. Paul Greaux', 'Rue du Roi Oscar II', '97133 SAINT BARTHELEMY'],
    },
    {
      case: 'La Réunion (974) with a lieu-dit instead of a street',
      raw: 'M. Louis Hoarau\nLieu-dit Bois de Nèfles\n97400 Saint-Denis',
      lines: ['M. Louis Hoarau', 'Lieu-dit Bois de Nèfles', '97400 SAINT DENIS'],
    },
    {
      case: 'Mayotte (976), the last overseas code handled',
      raw: 'Mme Zaina Ali\n8 rue du Commerce\n97600 Mamoudzou',
      lines: ['Mme Zaina Ali', '8 rue du Commerce', '97600 MAMOUDZOU'],
    },
    {
      case: 'a CEDEX line',
      raw: 'Direction de l’insertion\nCS 90001\n83076 Toulon Cedex 9',
      lines: ['Direction de l’insertion', 'CS 90001', '83076 TOULON CEDEX 9'],
    },
    {
      case: 'a country line « France » is dropped: mail from France for France has none',
      raw: 'M. Jean Dupont\n3 rue des Lilas\n64000 Pau\nFrance',
      lines: ['M. Jean Dupont', '3 rue des Lilas', '64000 PAU'],
    },
    {
      case: 'letters the printing fonts lack become their base letter',
      raw: 'M. Łukasz Nguyễn\n1 rue de Varsovie\n75008 Paris',
      lines: ['M. Lukasz Nguyen', '1 rue de Varsovie', '75008 PARIS'],
    },
    {
      case: 'a line of exactly 38 characters',
      raw: `M. Jean Dupont\n${'x'.repeat(38)}\n64000 Pau`,
      lines: ['M. Jean Dupont', 'x'.repeat(38), '64000 PAU'],
    },
    {
      case: 'the commune is checked once written as La Poste writes it (« L’Haÿ-les-Roses » is 16)',
      raw: 'M. Jean Dupont\n3 rue des Lilas\n94240 L’Haÿ-les-Roses',
      lines: ['M. Jean Dupont', '3 rue des Lilas', '94240 L HAY LES ROSES'],
    },
  ])('accepts $case', ({ raw, lines }) => {
    expect(checkPostalAddress(raw)).toEqual({ ok: true, lines });
  });

  it.each([
    { case: 'an empty address', raw: ' \n \n', reason: 'adresse postale vide' },
    {
      case: 'two lines only',
      raw: 'M. Jean Dupont\n64000 Pau',
      reason:
        'adresse postale incomplète : il faut au moins le nom, la voie et la ligne « code postal commune » (2 lignes reçues)',
    },
    {
      case: 'seven lines',
      raw: 'a\nb\nc\nd\ne\nf\n64000 Pau',
      reason: 'adresse postale trop longue : 7 lignes, La Poste en admet 6 au plus',
    },
    {
      case: 'a line of 39 characters',
      raw: `M. Jean Dupont\n${'x'.repeat(39)}\n64000 Pau`,
      reason: `adresse postale : la ligne 2 fait 39 caractères, La Poste en admet 38 au plus (« ${'x'.repeat(39)} »)`,
    },
    {
      case: 'a 4-digit postal code',
      raw: 'M. Jean Dupont\n3 rue des Lilas\n6400 Pau',
      reason:
        'adresse postale : la dernière ligne doit être le code postal à 5 chiffres suivi de la commune, par exemple « 83500 LA SEYNE SUR MER » (reçu : « 6400 Pau »)',
    },
    {
      case: 'the commune before the postal code',
      raw: 'M. Jean Dupont\n3 rue des Lilas\nPau 64000',
      reason:
        'adresse postale : la dernière ligne doit être le code postal à 5 chiffres suivi de la commune, par exemple « 83500 LA SEYNE SUR MER » (reçu : « Pau 64000 »)',
    },
    {
      case: 'a postal code without commune',
      raw: 'M. Jean Dupont\n3 rue des Lilas\n64000',
      reason:
        'adresse postale : la dernière ligne doit être le code postal à 5 chiffres suivi de la commune, par exemple « 83500 LA SEYNE SUR MER » (reçu : « 64000 »)',
    },
    {
      case: 'a postal code starting with 00',
      raw: 'M. Jean Dupont\n3 rue des Lilas\n00100 Nulle part',
      reason: 'adresse postale : le code postal 00100 n’existe pas',
    },
    {
      case: 'a 977 postal code',
      raw: 'M. Jean Dupont\n3 rue des Lilas\n97700 Nulle part',
      reason: 'adresse postale : le code postal 97700 n’existe pas',
    },
    {
      case: 'Monaco',
      raw: 'M. Jean Dupont\n3 boulevard des Moulins\n98000 Monaco',
      reason:
        'adresse postale : le code postal 98000 est hors de France métropolitaine et des outre-mer 971 à 976 (Monaco, Pacifique) ; ces envois ne sont pas pris en charge',
    },
    {
      case: 'Nouvelle-Calédonie',
      raw: 'M. Jean Dupont\n3 rue de Sébastopol\n98800 Nouméa',
      reason:
        'adresse postale : le code postal 98800 est hors de France métropolitaine et des outre-mer 971 à 976 (Monaco, Pacifique) ; ces envois ne sont pas pris en charge',
    },
    {
      case: 'a name in a script the printing fonts lack',
      raw: 'السيد أحمد\n3 rue des Lilas\n64000 Pau',
      reason: 'caractères impossibles à imprimer',
    },
  ])('refuses $case, saying why', ({ raw, reason }) => {
    const checked = checkPostalAddress(raw);
    expect(checked.ok).toBe(false);
    expect(checked.ok ? '' : checked.reason).toContain(reason);
  });
});

describe('preparePostalAddress', () => {
  it('gives the normalised lines joined by newlines, or the reason', () => {
    expect(preparePostalAddress('M. Jean Dupont\n3 rue des Lilas\n64000 Pau')).toEqual({
      ok: true,
      normalised: 'M. Jean Dupont\n3 rue des Lilas\n64000 PAU',
    });
    expect(preparePostalAddress('64000 Pau')).toMatchObject({ ok: false });
  });
});

describe('postalLine', () => {
  it.each([
    ['83500 La Seyne-sur-Mer', '83500 LA SEYNE SUR MER'],
    ['64000 Pau', '64000 PAU'],
    ['97110 Pointe-à-Pitre', '97110 POINTE A PITRE'],
    ['59000 Saint-André-lez-Lille', '59000 SAINT ANDRE LEZ LILLE'],
    ['88000 Épinal', '88000 EPINAL'],
    ['57000 Metz  Cedex 1', '57000 METZ CEDEX 1'],
    ['14000 Cœur-de-Caen', '14000 COEUR DE CAEN'],
  ])('%s → %s', (line, expected) => {
    expect(postalLine(line)).toBe(expected);
  });
});

describe('checkPostalCode', () => {
  it.each([
    ['01000', true],
    ['20000', true],
    ['95000', true],
    ['96000', false],
    ['97100', true],
    ['97500', true],
    ['97600', true],
    ['97800', false],
    ['98600', false],
    ['00000', false],
  ])('%s → %s', (code, accepted) => {
    expect(checkPostalCode(code) === undefined).toBe(accepted);
  });
});

describe('toPrintable', () => {
  it.each([
    ['Bonjour Aïcha, à bientôt « ici » : 12 €', 'Bonjour Aïcha, à bientôt « ici » : 12 €'],
    ['Réponse\u202f? 9\u2009h', 'Réponse\u00a0? 9\u00a0h'],
    ['Łódź – Nguyễn', 'Lódz – Nguyen'],
    ['non\u2011sécable', 'non-sécable'],
    ['emoji 🙂 et 漢字', 'emoji ? et ??'],
    ['deux\nlignes', 'deux\nlignes'],
  ])('%s → %s', (text, expected) => {
    expect(toPrintable(text)).toBe(expected);
  });

  it('lists what cannot be printed', () => {
    expect(unprintableCharacters('Aïcha Łukasz')).toEqual([]);
    expect(unprintableCharacters('漢字 漢 🙂')).toEqual(['漢', '字', '🙂']);
  });
});
