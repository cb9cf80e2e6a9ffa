import { describe, expect, it } from 'vitest';
import { formatDay, formatMoment, formatRange, formatTime, weekSummary } from './hours-format.ts';

describe('hours as people read them', () => {
  it.each([
    ['08:30', '8 h 30'],
    ['12:00', '12 h'],
    ['00:00', '0 h'],
    ['17:05', '17 h 05'],
    ['24:00', '24 h'],
  ])('%s → %s', (time, text) => {
    expect(formatTime(time)).toBe(text);
  });

  it('writes ranges with an en dash and days with their ranges, or « fermé »', () => {
    expect(formatRange({ from: '08:30', to: '12:00' })).toBe('8 h 30 – 12 h');
    expect(
      formatDay([
        { from: '08:30', to: '12:00' },
        { from: '13:30', to: '17:00' },
      ]),
    ).toBe('8 h 30 – 12 h, 13 h 30 – 17 h');
    expect(formatDay([])).toBe('fermé');
    expect(formatDay(undefined)).toBe('fermé');
  });

  it('names the weekdays in French, Monday first', () => {
    const week = weekSummary({ 2: [{ from: '09:00', to: '12:00' }] });
    expect(week.map((d) => d.name)).toEqual([
      'lundi',
      'mardi',
      'mercredi',
      'jeudi',
      'vendredi',
      'samedi',
      'dimanche',
    ]);
    expect(week[1]).toEqual({ day: 2, name: 'mardi', text: '9 h – 12 h' });
  });

  it('says a moment in Paris time, summer and winter', () => {
    expect(formatMoment(new Date('2025-06-03T08:00:00Z'))).toBe('mardi 3 juin 2025 à 10 h');
    expect(formatMoment(new Date('2025-12-02T13:30:00Z'))).toBe('mardi 2 décembre 2025 à 14 h 30');
  });
});
