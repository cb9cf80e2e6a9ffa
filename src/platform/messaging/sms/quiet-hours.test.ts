import { describe, expect, it } from 'vitest';
import { endOfQuietHours } from './quiet-hours.ts';

const at = (iso: string) => new Date(iso);

describe('endOfQuietHours', () => {
  it.each([
    // [now (UTC), time zone, released at (UTC) or null when sent at once, what it is]
    // Europe/Paris in winter (UTC+1)
    ['2025-01-14T18:59:00Z', 'Europe/Paris', null, 'Tuesday 19:59: sent now'],
    ['2025-01-14T19:00:00Z', 'Europe/Paris', '2025-01-15T07:00:00Z', '20:00: held until 08:00 next morning'],
    ['2025-01-14T20:00:00Z', 'Europe/Paris', '2025-01-15T07:00:00Z', '21:00: held until 08:00'],
    ['2025-01-14T22:59:59Z', 'Europe/Paris', '2025-01-15T07:00:00Z', '23:59:59: held until 08:00'],
    ['2025-01-14T23:00:00Z', 'Europe/Paris', '2025-01-15T07:00:00Z', 'midnight: held until 08:00 same day'],
    ['2025-01-15T06:59:59Z', 'Europe/Paris', '2025-01-15T07:00:00Z', '07:59:59: held one second'],
    ['2025-01-15T07:00:00Z', 'Europe/Paris', null, '08:00: sent now'],
    ['2025-01-15T12:00:00Z', 'Europe/Paris', null, '13:00: sent now'],
    // Europe/Paris in summer (UTC+2)
    ['2025-07-14T17:59:00Z', 'Europe/Paris', null, 'summer 19:59: sent now'],
    ['2025-07-14T19:00:00Z', 'Europe/Paris', '2025-07-15T06:00:00Z', 'summer 21:00: held until 08:00 CEST'],
    // across months and years
    ['2025-01-31T20:00:00Z', 'Europe/Paris', '2025-02-01T07:00:00Z', '31 January 21:00 → 1 February'],
    ['2025-12-31T21:30:00Z', 'Europe/Paris', '2026-01-01T07:00:00Z', 'New Year’s Eve 22:30 → 1 January'],
    // daylight saving starts on Sunday 30 March 2025 at 02:00 (clocks go to 03:00)
    [
      '2025-03-29T20:00:00Z',
      'Europe/Paris',
      '2025-03-30T06:00:00Z',
      'Saturday 21:00 CET → Sunday 08:00 CEST',
    ],
    ['2025-03-30T00:30:00Z', 'Europe/Paris', '2025-03-30T06:00:00Z', '01:30 CET → 08:00 CEST'],
    ['2025-03-30T01:30:00Z', 'Europe/Paris', '2025-03-30T06:00:00Z', '03:30 CEST (just after the change)'],
    ['2025-03-30T05:59:00Z', 'Europe/Paris', '2025-03-30T06:00:00Z', '07:59 CEST'],
    ['2025-03-30T06:00:00Z', 'Europe/Paris', null, '08:00 CEST: sent now'],
    // daylight saving ends on Sunday 26 October 2025 at 03:00 (clocks go back to 02:00)
    [
      '2025-10-25T18:00:00Z',
      'Europe/Paris',
      '2025-10-26T07:00:00Z',
      'Saturday 20:00 CEST → Sunday 08:00 CET',
    ],
    ['2025-10-26T00:30:00Z', 'Europe/Paris', '2025-10-26T07:00:00Z', 'first 02:30 (CEST) → 08:00 CET'],
    ['2025-10-26T01:30:00Z', 'Europe/Paris', '2025-10-26T07:00:00Z', 'second 02:30 (CET) → 08:00 CET'],
    ['2025-10-26T06:59:00Z', 'Europe/Paris', '2025-10-26T07:00:00Z', '07:59 CET'],
    ['2025-10-26T07:00:00Z', 'Europe/Paris', null, '08:00 CET: sent now'],
    // overseas: the recipient's own evening
    ['2025-01-14T23:30:00Z', 'America/Guadeloupe', null, 'Guadeloupe 19:30 (00:30 in Paris): sent now'],
    [
      '2025-01-15T00:00:00Z',
      'America/Guadeloupe',
      '2025-01-15T12:00:00Z',
      'Guadeloupe 20:00 → 08:00 (12:00Z)',
    ],
    ['2025-07-14T06:00:00Z', 'America/Guadeloupe', '2025-07-14T12:00:00Z', 'Guadeloupe 02:00 (Paris 08:00)'],
    ['2025-01-14T23:00:00Z', 'America/Cayenne', '2025-01-15T11:00:00Z', 'Guyane 20:00 (UTC−3) → 08:00'],
    ['2025-01-14T15:59:00Z', 'Indian/Reunion', null, 'Réunion 19:59 (16:59 in Paris)'],
    [
      '2025-01-14T16:00:00Z',
      'Indian/Reunion',
      '2025-01-15T04:00:00Z',
      'Réunion 20:00 → 08:00 (05:00 in Paris)',
    ],
    [
      '2025-07-14T03:00:00Z',
      'Indian/Reunion',
      '2025-07-14T04:00:00Z',
      'Réunion 07:00, no DST in July either',
    ],
    ['2025-01-14T17:00:00Z', 'Indian/Mayotte', '2025-01-15T05:00:00Z', 'Mayotte 20:00 (UTC+3) → 08:00'],
  ])('%s in %s → %s (%s)', (now, timeZone, released, _what) => {
    const result = endOfQuietHours(at(now), timeZone);
    expect(result?.toISOString() ?? null).toBe(released === null ? null : at(released).toISOString());
  });

  it('takes other hours as an argument', () => {
    expect(endOfQuietHours(at('2025-01-14T20:30:00Z'), 'Europe/Paris', { from: 22, until: 9 })).toBe(
      undefined,
    );
    expect(endOfQuietHours(at('2025-01-14T21:00:00Z'), 'Europe/Paris', { from: 22, until: 9 })).toEqual(
      at('2025-01-15T08:00:00Z'),
    );
  });
});
