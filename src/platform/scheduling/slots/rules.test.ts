import { describe, expect, it } from 'vitest';
import type { Audience } from '../types.ts';
import { allowedAgents, audienceMayBook, type BookableBy, bookingWindow, clampDays } from './rules.ts';

describe('audienceMayBook', () => {
  it.each<[Audience, BookableBy, boolean]>([
    ['public', 'everyone', true],
    ['public', 'invited', false],
    ['public', 'agents', false],
    ['invited', 'everyone', true],
    ['invited', 'invited', true],
    ['invited', 'agents', false],
    ['agent', 'everyone', true],
    ['agent', 'invited', true],
    ['agent', 'agents', true],
  ])('%s may book a type bookable by %s: %s', (audience, bookableBy, expected) => {
    expect(audienceMayBook(audience, bookableBy)).toBe(expected);
  });
});

describe('bookingWindow', () => {
  const iso = (ms: number) => new Date(ms).toISOString();
  const type = { minBookingDelayMinutes: 30, maxBookingDelayDays: 90 };

  it('people: from now + the minimum delay, to the end of the local day now + the maximum', () => {
    // Sunday 10 January 2027, 16:50 local (15:50Z).
    const window = bookingWindow(type, 'public', new Date('2027-01-10T15:50:00Z'));
    expect(iso(window.earliest)).toBe('2027-01-10T16:20:00.000Z');
    expect(window.firstDay).toBe('2027-01-10');
    expect(window.lastDay).toBe('2027-04-10');
    // Midnight at the end of 10 April, in summer time.
    expect(iso(window.latest)).toBe('2027-04-10T22:00:00.000Z');
  });

  it('agents: from now, whatever the minimum delay', () => {
    const window = bookingWindow(
      { ...type, minBookingDelayMinutes: 2880 },
      'agent',
      new Date('2027-01-10T15:50:00Z'),
    );
    expect(iso(window.earliest)).toBe('2027-01-10T15:50:00.000Z');
    expect(
      bookingWindow({ ...type, minBookingDelayMinutes: 2880 }, 'invited', new Date('2027-01-10T15:50:00Z'))
        .firstDay,
    ).toBe('2027-01-12');
  });

  it('counts local days: 23:30 local is already tomorrow in UTC terms of the day', () => {
    // 22:30Z on 31 December is 23:30 local: today is still the 31st, the delay ends at the end of 1 January.
    const window = bookingWindow(
      { minBookingDelayMinutes: 60, maxBookingDelayDays: 1 },
      'public',
      new Date('2027-12-31T22:30:00Z'),
    );
    expect(window.firstDay).toBe('2028-01-01');
    expect(window.lastDay).toBe('2028-01-01');
    expect(iso(window.latest)).toBe('2028-01-01T23:00:00.000Z');
  });
});

describe('clampDays', () => {
  const window = { earliest: 0, latest: 0, firstDay: '2027-03-22', lastDay: '2027-04-21' };
  it.each([
    ['2027-03-29', '2027-04-04', { from: '2027-03-29', to: '2027-04-04' }],
    ['2027-03-01', '2027-03-25', { from: '2027-03-22', to: '2027-03-25' }],
    ['2027-04-15', '2027-05-15', { from: '2027-04-15', to: '2027-04-21' }],
    ['2027-03-01', '2027-03-21', null],
    ['2027-04-22', '2027-04-30', null],
  ])('%s → %s', (from, to, expected) => {
    expect(clampDays(from, to, window)).toEqual(expected);
  });
});

describe('allowedAgents', () => {
  it.each([
    ['no rule: any agent', { followUpOnly: false, referents: undefined, sectorAgents: [] }, null],
    ['agent-level sectorisation', { followUpOnly: false, referents: undefined, sectorAgents: ['b'] }, ['b']],
    ['follow-up: the référents', { followUpOnly: true, referents: ['a', 'c'], sectorAgents: [] }, ['a', 'c']],
    [
      'follow-up without a known person: nobody',
      { followUpOnly: true, referents: undefined, sectorAgents: [] },
      [],
    ],
    [
      'follow-up wins over the sector’s agents',
      { followUpOnly: true, referents: ['a'], sectorAgents: ['b'] },
      ['a'],
    ],
  ])('%s', (_, input, expected) => {
    const result = allowedAgents(input);
    expect(result === null ? null : [...result]).toEqual(expected);
  });
});
