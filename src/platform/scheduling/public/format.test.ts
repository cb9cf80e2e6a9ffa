import { describe, expect, test } from 'vitest';
import {
  addLocalDays,
  formatDay,
  formatTime,
  formatWeek,
  formatWhen,
  localDay,
  mondayOf,
  parseLocalDay,
} from './format.ts';

describe('dates as the person reads them (Europe/Paris)', () => {
  test.each([
    // winter (UTC+1), summer (UTC+2), the last Sunday of March and of October
    ['2025-03-10T08:30:00Z', 'lundi 10 mars 2025 à 9\u00a0h\u00a030', '2025-03-10'],
    ['2025-07-01T12:00:00Z', 'mardi 1 juillet 2025 à 14\u00a0h', '2025-07-01'],
    ['2025-03-30T01:30:00Z', 'dimanche 30 mars 2025 à 3\u00a0h\u00a030', '2025-03-30'],
    ['2025-10-26T00:30:00Z', 'dimanche 26 octobre 2025 à 2\u00a0h\u00a030', '2025-10-26'],
    ['2025-10-26T01:30:00Z', 'dimanche 26 octobre 2025 à 2\u00a0h\u00a030', '2025-10-26'],
    ['2025-12-31T23:30:00Z', 'jeudi 1 janvier 2026 à 0\u00a0h\u00a030', '2026-01-01'],
  ])('%s is %s', (instant, when, day) => {
    expect(formatWhen(new Date(instant))).toBe(when);
    expect(localDay(new Date(instant))).toBe(day);
  });

  test('days and times', () => {
    expect(formatDay('2025-03-10')).toBe('lundi 10 mars 2025');
    expect(formatDay('2025-03-10', false)).toBe('lundi 10 mars');
    expect(formatTime(new Date('2025-03-10T16:05:00Z'))).toBe('17\u00a0h\u00a005');
  });

  test('weeks run Monday to Sunday, across months, years and clock changes', () => {
    expect(mondayOf('2025-03-10')).toBe('2025-03-10');
    expect(mondayOf('2025-03-16')).toBe('2025-03-10');
    expect(mondayOf('2025-03-30')).toBe('2025-03-24');
    expect(mondayOf('2026-01-01')).toBe('2025-12-29');
    expect(addLocalDays('2025-03-24', 7)).toBe('2025-03-31');
    expect(addLocalDays('2025-10-20', 7)).toBe('2025-10-27');
    expect(addLocalDays('2025-03-10', -7)).toBe('2025-03-03');
    expect(formatWeek('2025-03-10')).toBe('du lundi 10 au dimanche 16 mars 2025');
    expect(formatWeek('2025-03-31')).toBe('du lundi 31 mars au dimanche 6 avril 2025');
    expect(formatWeek('2025-12-29')).toBe('du lundi 29 décembre 2025 au dimanche 4 janvier 2026');
  });

  test('only real calendar days are read', () => {
    expect(parseLocalDay('2025-02-28')).toBe('2025-02-28');
    expect(parseLocalDay('2025-02-29')).toBeUndefined();
    expect(parseLocalDay('2025-2-1')).toBeUndefined();
    expect(parseLocalDay(undefined)).toBeUndefined();
  });
});
