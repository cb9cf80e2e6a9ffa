import { describe, expect, it } from 'vitest';
import { monthLabel, parisMonth, recentMonths, summariseCosts } from './costs.ts';

describe('monthly costs', () => {
  it.each([
    ['2025-03-10T12:00:00Z', '2025-03'],
    ['2025-12-31T22:59:59Z', '2025-12'],
    ['2025-12-31T23:00:00Z', '2026-01'], // midnight in Paris (winter, UTC+1)
    ['2025-06-30T21:59:59Z', '2025-06'],
    ['2025-06-30T22:00:00Z', '2025-07'], // midnight in Paris (summer, UTC+2)
  ])('puts %s in the Paris month %s', (instant, month) => {
    expect(parisMonth(new Date(instant))).toBe(month);
  });

  it('lists the recent months newest first, from the start of the oldest in Paris', () => {
    expect(recentMonths(new Date('2025-03-10T12:00:00Z'), 3)).toEqual({
      months: ['2025-03', '2025-02', '2025-01'],
      since: new Date('2024-12-31T23:00:00Z'),
    });
    // Across a year and a change to summer time.
    expect(recentMonths(new Date('2025-01-05T08:00:00Z'), 6)).toEqual({
      months: ['2025-01', '2024-12', '2024-11', '2024-10', '2024-09', '2024-08'],
      since: new Date('2024-07-31T22:00:00Z'),
    });
  });

  it('gives one line per month, zeros included', () => {
    expect(
      summariseCosts(
        ['2025-03', '2025-02'],
        [
          { month: '2025-03', channel: 'email', messages: 12, segments: 0 },
          { month: '2025-03', channel: 'sms', messages: 4, segments: 7 },
          { month: '2025-02', channel: 'letter', messages: 2, segments: 0 },
        ],
      ),
    ).toEqual([
      { month: '2025-03', emails: 12, sms: 4, smsSegments: 7, letters: 0 },
      { month: '2025-02', emails: 0, sms: 0, smsSegments: 0, letters: 2 },
    ]);
  });

  it('names months in French', () => {
    expect(monthLabel('2025-03')).toBe('mars 2025');
    expect(monthLabel('2024-12')).toBe('décembre 2024');
  });
});
