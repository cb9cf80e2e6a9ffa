import { describe, expect, it } from 'vitest';
import {
  audienceOf,
  changeLimitProblem,
  delayProblem,
  freesTime,
  isOverlapError,
  mayBook,
  statusChangeProblem,
  timesOf,
} from './booking-rules.ts';
import type { ParticipationStatus } from './types.ts';

const now = new Date('2030-03-01T08:00:00Z');
const plus = (minutes: number) => new Date(now.getTime() + minutes * 60_000);

describe('who may book', () => {
  it.each([
    ['agents', 'public', false],
    ['agents', 'invited', false],
    ['agents', 'agent', true],
    ['invited', 'public', false],
    ['invited', 'invited', true],
    ['everyone', 'public', true],
    ['everyone', 'invited', true],
  ] as const)('a type bookable by %s, audience %s → %s', (bookableBy, audience, allowed) => {
    expect(mayBook(bookableBy, audience)).toBe(allowed);
  });

  it('books through the API as an agent would', () => {
    expect([audienceOf('agent'), audienceOf('api'), audienceOf('invitation'), audienceOf('public')]).toEqual([
      'agent',
      'agent',
      'invited',
      'public',
    ]);
  });
});

describe('delays', () => {
  const type = { minBookingDelayMinutes: 120, maxBookingDelayDays: 30 };
  it.each([
    ['the past, for anyone', plus(-30), 'agent', /déjà passé/],
    ['now exactly', plus(0), 'public', /déjà passé/],
    ['sooner than the minimum, for a person', plus(119), 'public', /au moins 2 h/],
    ['sooner than the minimum, for an agent', plus(30), 'agent', null],
    ['the minimum exactly', plus(120), 'invited', null],
    ['the maximum exactly', plus(30 * 1440), 'public', null],
    ['later on the last day of the maximum', plus(30 * 1440 + 600), 'public', null],
    ['the day after the maximum, for a person', plus(31 * 1440), 'public', /au plus 30 jours/],
    ['the day after the maximum, for an agent too', plus(31 * 1440), 'agent', /au plus 30 jours/],
  ] as const)('%s', (_, startsAt, audience, expected) => {
    const problem = delayProblem(type, startsAt, now, audience);
    if (expected === null) expect(problem).toBeNull();
    else expect(problem).toMatch(expected);
  });

  it('says days when the minimum is in whole days', () => {
    expect(
      delayProblem({ minBookingDelayMinutes: 2880, maxBookingDelayDays: 30 }, plus(60), now, 'public'),
    ).toMatch(/2 jours/);
  });
});

describe('the person’s change limit', () => {
  const startsAt = plus(48 * 60);
  it.each([
    [24, now, null],
    [48, now, null],
    [48, plus(1), /moins de 48 h avant/],
    [0, plus(48 * 60 + 1), /a commencé/],
  ] as const)('limit %i h at %s', (hours, at, expected) => {
    const problem = changeLimitProblem(hours, startsAt, at);
    if (expected === null) expect(problem).toBeNull();
    else expect(problem).toMatch(expected);
  });
});

describe('status changes', () => {
  const startsAt = plus(60);
  const cases: [ParticipationStatus, ParticipationStatus, Date, RegExp | null][] = [
    ['a_venir', 'vu', now, /une fois commencé/],
    ['a_venir', 'absent', now, /une fois commencé/],
    ['a_venir', 'vu', startsAt, null],
    ['vu', 'absent', plus(90), null],
    ['absent', 'a_venir', plus(90), null],
    ['a_venir', 'excuse', now, null],
    ['excuse', 'a_venir', now, null],
    ['a_venir', 'annule', now, null],
    ['vu', 'annule', plus(90), /Seul un rendez-vous à venir/],
    ['annule', 'a_venir', now, /est annulé/],
    ['annule', 'vu', plus(90), /est annulé/],
  ];
  it.each(cases)('%s → %s', (from, to, at, expected) => {
    const problem = statusChangeProblem(from, to, startsAt, at);
    if (expected === null) expect(problem).toBeNull();
    else expect(problem).toMatch(expected);
  });

  it('frees the agent’s time for cancelled and excused participations only', () => {
    expect((['a_venir', 'vu', 'absent', 'excuse', 'annule'] as const).filter(freesTime)).toEqual([
      'excuse',
      'annule',
    ]);
  });
});

describe('times and database errors', () => {
  it('blocks the agent until the end plus the buffer', () => {
    expect(timesOf({ durationMinutes: 45, bufferMinutes: 15 }, now)).toEqual({
      startsAt: now,
      endsAt: plus(45),
      blockedUntil: plus(60),
    });
  });

  it('recognises the exclusion constraint’s refusal on the error or its cause', () => {
    expect(isOverlapError({ code: '23P01' })).toBe(true);
    expect(isOverlapError(new Error('query failed', { cause: { code: '23P01' } }))).toBe(true);
    expect(isOverlapError(new Error('other', { cause: { code: '23505' } }))).toBe(false);
    expect(isOverlapError(undefined)).toBe(false);
  });
});
