import { describe, expect, it } from 'vitest';
import { addWeeks, weekLabel, weekOf, weekOfDay, weeksBetween } from './weeks.ts';

describe('weekOf: the Monday of an instant’s week in Europe/Paris', () => {
  it.each([
    ['a Wednesday noon', '2025-02-05T11:00:00Z', '2025-02-03'],
    ['Monday 00:30 in Paris is still Sunday in UTC', '2025-02-02T23:30:00Z', '2025-02-03'],
    ['Sunday 23:30 in Paris (summer time) is Sunday 21:30 UTC', '2025-06-01T21:30:00Z', '2025-05-26'],
    ['the night of the change to summer time', '2025-03-30T01:30:00Z', '2025-03-24'],
    ['the Monday after the change to winter time', '2025-10-26T23:00:00Z', '2025-10-27'],
    ['across a year', '2025-01-01T09:00:00Z', '2024-12-30'],
  ])('%s', (_, instant, monday) => {
    expect(weekOf(new Date(instant))).toBe(monday);
  });
});

describe('weekOfDay and addWeeks', () => {
  it.each([
    ['2025-02-03', '2025-02-03'],
    ['2025-02-09', '2025-02-03'],
    ['2024-03-01', '2024-02-26'],
  ])('the week of %s begins on %s', (day, monday) => {
    expect(weekOfDay(day)).toBe(monday);
  });

  it.each([
    ['2025-02-03', 1, '2025-02-10'],
    ['2025-02-03', 11, '2025-04-21'],
    ['2025-03-24', 1, '2025-03-31'],
    ['2025-02-10', -1, '2025-02-03'],
  ])('%s plus %i weeks is %s', (monday, count, expected) => {
    expect(addWeeks(monday, count)).toBe(expected);
  });
});

describe('weeksBetween', () => {
  it.each([
    ['within one week', '2025-02-04', '2025-02-07', ['2025-02-03']],
    ['from a Wednesday to the next Monday', '2025-02-05', '2025-02-10', ['2025-02-03', '2025-02-10']],
    [
      'over the change to summer time',
      '2025-03-20',
      '2025-04-02',
      ['2025-03-17', '2025-03-24', '2025-03-31'],
    ],
    ['the end before the start', '2025-02-10', '2025-02-03', []],
  ])('%s', (_, from, to, weeks) => {
    expect(weeksBetween(from, to)).toEqual(weeks);
  });
});

describe('weekLabel', () => {
  it('names the week by its Monday, in French', () => {
    expect(weekLabel('2025-03-03')).toBe('semaine du 3 mars 2025');
  });
});
