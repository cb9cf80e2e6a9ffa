import { describe, expect, it } from 'vitest';
import { departementOf, isPublicHoliday, publicHolidays } from './holidays.ts';

describe('French public holidays', () => {
  it.each([
    ['2027-01-01', undefined, true],
    ['2027-03-29', undefined, true], // Easter Monday (Easter on 28 March 2027)
    ['2027-03-28', undefined, false], // Easter Sunday is a Sunday, not a holiday of its own
    ['2027-03-26', undefined, false], // Good Friday: not in mainland France…
    ['2027-03-26', '57', true], // …but in Moselle,
    ['2027-03-26', '67', true], // Bas-Rhin
    ['2027-03-26', '68', true], // and Haut-Rhin
    ['2027-12-26', '67', true], // Saint-Étienne in Alsace-Moselle
    ['2027-12-26', '83', false],
    ['2027-05-06', '83', true], // Ascension
    ['2027-05-16', undefined, false], // Whit Sunday: an observance only
    ['2027-05-17', undefined, true], // Whit Monday
    ['2027-05-30', undefined, false], // Mother's Day: an observance
    ['2027-07-14', '2A', true],
    ['2027-12-20', '974', true], // abolition of slavery, La Réunion
    ['2027-12-20', '83', false],
    ['2027-03-30', undefined, false],
  ])('%s in %s: %s', (day, departement, expected) => {
    expect(isPublicHoliday(day, departement)).toBe(expected);
  });

  it('lists eleven days in 2027 in mainland France, thirteen in Alsace-Moselle', () => {
    expect(publicHolidays(2027)).toHaveLength(11);
    expect(publicHolidays(2027, '57')).toHaveLength(13);
    expect(publicHolidays(2027)[1]).toBe('2027-03-29');
  });

  it.each([
    ['83137', '83'],
    ['57463', '57'],
    ['2A004', '2A'],
    ['2b033', '2B'],
    ['97411', '974'],
    ['97209', '972'],
    ['06088', '06'],
  ])('commune %s is in département %s', (commune, departement) => {
    expect(departementOf(commune)).toBe(departement);
  });
});
