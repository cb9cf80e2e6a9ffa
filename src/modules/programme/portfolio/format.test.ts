import { describe, expect, it } from 'vitest';
import {
  countOf,
  formatDay,
  formatInstant,
  formatPeriod,
  formatQuantity,
  formatShare,
  publicName,
  sentence,
} from './format.ts';

// Intl writes French thousands with a narrow no-break space.
const nnbsp = '\u202f';

describe('portfolio formats', () => {
  it.each([
    ['Valérie', 'Durand', 'Valérie D.'],
    ['  Paul ', 'de la Fontaine', 'Paul D.'],
    ['Élodie', 'émery', 'Élodie É.'],
    ['Coline', '', 'Coline'],
  ])('writes %s %s as « %s »', (first, last, expected) => {
    expect(publicName(first, last)).toBe(expected);
  });

  it('writes calendar days and periods in French, without a time-zone shift', () => {
    expect(formatDay('2019-02-04')).toBe('4 février 2019');
    expect(formatDay('2019-06-30')).toBe('30 juin 2019');
    expect(formatPeriod('2019-02-04', '2019-06-28')).toBe('du 4 février 2019 au 28 juin 2019');
    expect(formatPeriod('2019-09-01', null)).toBe('depuis le 1er septembre 2019');
    expect(formatInstant(new Date('2030-01-15T10:00:00Z'))).toBe('15 janvier 2030 à 11:00');
  });

  it.each([
    [42, 'jours', '42 jours'],
    [1, 'jours', '1 jour'],
    [1.5, 'jours', '1,5 jour'],
    [12.345, '%', '12,3 %'],
    [1234.5, 'personnes', `1${nnbsp}234,5 personnes`],
    [7, '', '7'],
  ])('writes %s %s as « %s »', (value, unit, expected) => {
    expect(formatQuantity(value, unit)).toBe(expected);
  });

  it('counts and shares', () => {
    expect(countOf(0, 'projet', 'projets')).toBe('0 projet');
    expect(countOf(1, 'projet', 'projets')).toBe('1 projet');
    expect(countOf(8, 'projet', 'projets')).toBe('8 projets');
    expect(formatShare(8, 80)).toBe('10 %');
    expect(formatShare(2, 3)).toBe('66,7 %');
    expect(formatShare(0, 0)).toBe('—');
    expect(sentence('Coach : Coline M.')).toBe('Coach : Coline M.');
    expect(sentence('Coachs : à venir')).toBe('Coachs : à venir.');
  });
});
