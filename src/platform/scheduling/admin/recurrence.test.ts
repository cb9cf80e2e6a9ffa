import { describe, expect, it } from 'vitest';
import {
  absenceIntervals,
  findOverlaps,
  firstCommonDay,
  frenchDay,
  frenchTime,
  isoWeekday,
  isValidDay,
  localInstant,
  occursOn,
  ruleCovers,
  type WeeklyRule,
  weekdaysList,
} from './recurrence.ts';

const rule = (values: Partial<WeeklyRule>): WeeklyRule => ({
  weekdays: [2],
  startTime: '09:00',
  endTime: '12:00',
  firstDay: '2027-01-04',
  lastDay: null,
  everyWeeks: 1,
  ...values,
});

describe('calendar helpers', () => {
  it('names weekdays, days and times the French way', () => {
    expect(isoWeekday('2027-01-04')).toBe(1); // a Monday
    expect(isoWeekday('2027-01-10')).toBe(7);
    expect(isoWeekday('1969-12-31')).toBe(3);
    expect(frenchDay('2027-01-05')).toBe('5 janvier 2027');
    expect(frenchDay('2027-03-01')).toBe('1er mars 2027');
    expect(frenchTime('09:00:00')).toBe('9 h');
    expect(frenchTime('13:30')).toBe('13 h 30');
    expect(weekdaysList([4, 1, 2])).toBe('lundi, mardi et jeudi');
    expect(isValidDay('2027-02-29')).toBe(false);
    expect(isValidDay('2028-02-29')).toBe(true);
  });

  it('counts every N weeks from the week of the first day', () => {
    const everyOther = rule({ weekdays: [1, 3], firstDay: '2027-01-06', everyWeeks: 2 });
    expect(occursOn(everyOther, '2027-01-04')).toBe(false); // before the first day
    expect(occursOn(everyOther, '2027-01-06')).toBe(true);
    expect(occursOn(everyOther, '2027-01-11')).toBe(false);
    expect(occursOn(everyOther, '2027-01-18')).toBe(true);
    expect(occursOn(everyOther, '2027-01-20')).toBe(true);
  });
});

describe('findOverlaps', () => {
  const existing = rule({});
  const cases: { name: string; candidate: Partial<WeeklyRule>; day: string | null }[] = [
    { name: 'same weekday, same times', candidate: {}, day: '2027-01-05' },
    {
      name: 'times overlapping at the end',
      candidate: { startTime: '11:00', endTime: '14:00' },
      day: '2027-01-05',
    },
    { name: 'times inside', candidate: { startTime: '10:00', endTime: '11:00' }, day: '2027-01-05' },
    { name: 'touching times do not overlap', candidate: { startTime: '12:00', endTime: '14:00' }, day: null },
    { name: 'another weekday', candidate: { weekdays: [1, 3, 4, 5] }, day: null },
    { name: 'one weekday in common among several', candidate: { weekdays: [1, 2] }, day: '2027-01-05' },
    {
      name: 'dates that end before',
      candidate: { firstDay: '2026-06-01', lastDay: '2027-01-04' },
      day: null,
    },
    {
      name: 'dates that end on the shared day',
      candidate: { firstDay: '2026-06-01', lastDay: '2027-01-05' },
      day: '2027-01-05',
    },
    { name: 'starting later', candidate: { firstDay: '2027-03-01' }, day: '2027-03-02' },
    {
      name: 'every 2 weeks, both in phase',
      candidate: { everyWeeks: 2, firstDay: '2027-01-04' },
      day: '2027-01-05',
    },
    {
      name: 'every 2 weeks in opposite phases never meet',
      candidate: { everyWeeks: 2, firstDay: '2027-01-11' },
      day: null,
    },
    {
      name: 'every 2 weeks and every 3 weeks meet eventually',
      candidate: { everyWeeks: 3, firstDay: '2027-01-11' },
      day: '2027-02-02',
    },
    {
      name: 'a short last day stops before any shared week',
      candidate: { everyWeeks: 1, firstDay: '2027-01-11', lastDay: '2027-01-13' },
      day: null,
    },
  ];
  const everyOther = rule({ everyWeeks: 2 });

  it.each(cases)('$name', ({ name, candidate, day }) => {
    // The « every 2 weeks » cases compare with an existing rule every 2 weeks from 4 January.
    const against = name.startsWith('every 2 weeks') || name.startsWith('a short') ? everyOther : existing;
    const conflicts = findOverlaps(rule(candidate), [against]);
    expect(conflicts[0]?.day ?? null).toBe(day);
  });

  it('looks far enough for patterns that meet only after many weeks', () => {
    const a = rule({ everyWeeks: 7, firstDay: '2027-01-04' });
    const b = rule({ everyWeeks: 8, firstDay: '2027-01-11' });
    const day = firstCommonDay(a, b);
    expect(day).not.toBeNull();
    expect(occursOn(a, day!) && occursOn(b, day!)).toBe(true);
  });

  it('names every conflicting rule', () => {
    const monday = rule({ weekdays: [1] });
    const tuesday = rule({ weekdays: [2], startTime: '11:30', endTime: '17:00' });
    const conflicts = findOverlaps(rule({ weekdays: [1, 2], startTime: '08:00', endTime: '12:00' }), [
      monday,
      tuesday,
    ]);
    expect(conflicts.map((c) => c.day)).toEqual(['2027-01-04', '2027-01-05']);
  });
});

describe('local instants', () => {
  it('turns local times into instants across daylight-saving changes', () => {
    expect(localInstant('2027-01-05', '09:00').toISOString()).toBe('2027-01-05T08:00:00.000Z');
    expect(localInstant('2027-07-06', '09:00').toISOString()).toBe('2027-07-06T07:00:00.000Z');
    expect(localInstant('2027-01-05', '24:00').toISOString()).toBe('2027-01-05T23:00:00.000Z');
  });

  it('tells whether an appointment lies inside an opening slot', () => {
    const slot = rule({});
    expect(ruleCovers(slot, localInstant('2027-01-05', '09:00'), localInstant('2027-01-05', '09:30'))).toBe(
      true,
    );
    expect(ruleCovers(slot, localInstant('2027-01-05', '11:45'), localInstant('2027-01-05', '12:15'))).toBe(
      false,
    );
    expect(ruleCovers(slot, localInstant('2027-01-06', '09:00'), localInstant('2027-01-06', '09:30'))).toBe(
      false,
    );
  });

  it('expands absences into stretches of time', () => {
    const oneOff = {
      firstDay: '2027-01-05',
      lastDay: '2027-01-08',
      startTime: '14:00',
      endTime: '24:00',
      weekdays: null,
      everyWeeks: 1,
    };
    expect(absenceIntervals(oneOff, '2027-01-01', '2027-12-31')).toEqual([
      { start: new Date('2027-01-05T13:00:00Z'), end: new Date('2027-01-08T23:00:00Z') },
    ]);
    expect(absenceIntervals(oneOff, '2027-02-01', '2027-12-31')).toEqual([]);
    const mondays = {
      firstDay: '2027-03-01',
      lastDay: null,
      startTime: '08:00',
      endTime: '10:00',
      weekdays: [1],
      everyWeeks: 2,
    };
    const intervals = absenceIntervals(mondays, '2027-03-01', '2027-04-05');
    expect(intervals.map((i) => i.start.toISOString())).toEqual([
      '2027-03-01T07:00:00.000Z',
      '2027-03-15T07:00:00.000Z',
      // 28 March 2027: summer time begins.
      '2027-03-29T06:00:00.000Z',
    ]);
  });
});
