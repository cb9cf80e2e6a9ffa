import { describe, expect, it } from 'vitest';
import { callStateAt, parisDayAndTime, parisInstant } from './call-state.ts';

describe('callStateAt', () => {
  const call = { opensAt: new Date('2026-02-01T08:00:00Z'), closesAt: new Date('2026-03-01T22:59:00Z') };
  it.each([
    ['2026-01-31T12:00:00Z', 'a_venir'],
    ['2026-02-01T07:59:59Z', 'a_venir'],
    ['2026-02-01T08:00:00Z', 'ouvert'],
    ['2026-02-15T12:00:00Z', 'ouvert'],
    ['2026-03-01T22:58:59Z', 'ouvert'],
    ['2026-03-01T22:59:00Z', 'clos'],
    ['2026-04-01T00:00:00Z', 'clos'],
  ])('at %s: %s', (now, expected) => {
    expect(callStateAt(call, new Date(now))).toBe(expected);
  });
});

describe('Paris local time of a call', () => {
  it.each([
    ['2026-01-15', '09:00', '2026-01-15T08:00:00.000Z'],
    ['2026-03-31', '23:59', '2026-03-31T21:59:00.000Z'],
    // The night clocks go forward (29 March 2026 at 02:00): midnight is still UTC+1.
    ['2026-03-29', '00:00', '2026-03-28T23:00:00.000Z'],
    ['2026-10-25', '12:00', '2026-10-25T11:00:00.000Z'],
  ])('%s %s → %s, and back', (day, time, iso) => {
    const instant = parisInstant(day, time);
    expect(instant.toISOString()).toBe(iso);
    expect(parisDayAndTime(instant)).toEqual({ day, time });
  });
});
