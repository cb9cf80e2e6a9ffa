import { describe, expect, it } from 'vitest';
import { formatDay, formatInstant, formatInstantDay } from './dates.ts';

describe('programme dates', () => {
  it.each([
    ['2019-02-04', '4 février 2019'],
    ['2019-03-01', '1er mars 2019'],
    ['2019-12-31', '31 décembre 2019'],
  ])('writes the day %s as « %s »', (day, text) => {
    expect(formatDay(day)).toBe(text);
  });

  it('reads instants in Paris, summer and winter', () => {
    expect(formatInstantDay(new Date('2019-06-30T22:30:00Z'))).toBe('1er juillet 2019');
    expect(formatInstant(new Date('2026-03-31T21:59:00Z'))).toBe('31 mars 2026 à 23:59');
    expect(formatInstant(new Date('2026-12-01T08:05:00Z'))).toBe('1er décembre 2026 à 09:05');
  });
});
