import { describe, expect, it } from 'vitest';
import {
  addDays,
  daysBetween,
  isoWeekday,
  localDay,
  localInstant,
  localMinutes,
  minutesOf,
} from './calendar.ts';

describe('local days', () => {
  it.each([
    ['2027-03-29', 1],
    ['2027-04-04', 7],
    ['1970-01-01', 4],
    ['2024-02-29', 4],
  ])('%s is ISO weekday %i', (day, weekday) => {
    expect(isoWeekday(day)).toBe(weekday);
  });

  it.each([
    ['2027-03-27', 1, '2027-03-28'], // across the spring change: still one calendar day
    ['2027-02-28', 1, '2027-03-01'],
    ['2028-02-28', 1, '2028-02-29'],
    ['2027-01-01', -1, '2026-12-31'],
    ['2027-10-30', 2, '2027-11-01'],
  ])('%s + %i day(s) = %s', (day, days, expected) => {
    expect(addDays(day, days)).toBe(expected);
  });

  it('lists the days of a range, inclusive', () => {
    expect(daysBetween('2027-03-30', '2027-04-02')).toEqual([
      '2027-03-30',
      '2027-03-31',
      '2027-04-01',
      '2027-04-02',
    ]);
    expect(daysBetween('2027-04-02', '2027-04-01')).toEqual([]);
  });

  it.each([
    ['08:00', 480],
    ['08:30:00', 510],
    ['24:00:00', 1440],
  ])('%s is %i minutes', (time, minutes) => {
    expect(minutesOf(time)).toBe(minutes);
  });
});

describe('local time in Europe/Paris across daylight-saving changes', () => {
  it.each([
    // Spring 2027: clocks go from 02:00 to 03:00 on Sunday 28 March.
    ['2027-03-26', '08:00', '2027-03-26T07:00:00.000Z'], // Friday before: UTC+1
    ['2027-03-28', '01:59', '2027-03-28T00:59:00.000Z'],
    ['2027-03-28', '03:00', '2027-03-28T01:00:00.000Z'],
    ['2027-03-28', '08:00', '2027-03-28T06:00:00.000Z'],
    ['2027-03-29', '08:00', '2027-03-29T06:00:00.000Z'], // Monday after: UTC+2
    // Autumn 2027: clocks go from 03:00 back to 02:00 on Sunday 31 October.
    ['2027-10-29', '08:00', '2027-10-29T06:00:00.000Z'],
    ['2027-10-31', '08:00', '2027-10-31T07:00:00.000Z'],
    ['2027-11-02', '17:30', '2027-11-02T16:30:00.000Z'],
    // 24:00 is the next midnight.
    ['2027-03-27', '24:00', '2027-03-27T23:00:00.000Z'],
    ['2027-03-28', '24:00', '2027-03-28T22:00:00.000Z'],
  ])('%s %s local is %s', (day, time, expected) => {
    expect(new Date(localInstant(day, minutesOf(time))).toISOString()).toBe(expected);
  });

  it('a day of the spring change lasts 23 hours, of the autumn change 25', () => {
    expect(localInstant('2027-03-28', 1440) - localInstant('2027-03-28', 0)).toBe(23 * 3_600_000);
    expect(localInstant('2027-10-31', 1440) - localInstant('2027-10-31', 0)).toBe(25 * 3_600_000);
  });

  it.each([
    ['2027-03-28T21:59:00Z', '2027-03-28', 23 * 60 + 59],
    ['2027-03-28T22:00:00Z', '2027-03-29', 0],
    ['2027-12-31T23:30:00Z', '2028-01-01', 30],
    ['2027-10-31T00:30:00Z', '2027-10-31', 150],
  ])('%s is %s at minute %i local', (instant, day, minutes) => {
    expect(localDay(new Date(instant))).toBe(day);
    expect(localMinutes(new Date(instant))).toBe(minutes);
  });
});
