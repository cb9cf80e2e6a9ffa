import { describe, expect, it } from 'vitest';
import { dayNumber } from './calendar.ts';
import {
  type AbsenceRule,
  expandAbsence,
  expandOpeningSlot,
  type OpeningSlotRule,
  occursOn,
} from './recurrence.ts';

const iso = (ms: number) => new Date(ms).toISOString();

const slot = (values: Partial<OpeningSlotRule> = {}): OpeningSlotRule => ({
  id: 'os',
  agentId: 'agent',
  placeId: 'place',
  weekdays: [1, 2, 3, 4, 5],
  startTime: '08:00',
  endTime: '12:00',
  firstDay: '2027-01-04',
  lastDay: null,
  everyWeeks: 1,
  openOnHolidays: false,
  ...values,
});

describe('occursOn: weekdays, first and last day, every N weeks', () => {
  // First day Wednesday 3 March 2027, Mondays and Wednesdays, every 2 weeks (weeks counted from 1 March).
  const rule = { weekdays: [1, 3], firstDay: '2027-03-03', lastDay: '2027-04-30', everyWeeks: 2 };
  it.each([
    ['2027-03-01', false, 'Monday of week 0, before the first day'],
    ['2027-03-03', true, 'the first day (week 0)'],
    ['2027-03-04', false, 'Thursday, not one of its weekdays'],
    ['2027-03-08', false, 'week 1'],
    ['2027-03-10', false, 'week 1'],
    ['2027-03-15', true, 'week 2'],
    ['2027-03-17', true, 'week 2'],
    ['2027-03-29', true, 'week 4, after the spring change'],
    ['2027-04-26', true, 'week 8'],
    ['2027-05-10', false, 'after the last day'],
  ])('%s → %s (%s)', (day, expected) => {
    expect(occursOn(rule, dayNumber(day))).toBe(expected);
  });

  it('every week when everyWeeks is 1', () => {
    expect(occursOn({ ...rule, everyWeeks: 1 }, dayNumber('2027-03-08'))).toBe(true);
  });
});

describe('expandOpeningSlot', () => {
  it('keeps local hours on both sides of the spring change', () => {
    // Friday 26 March (UTC+1), Monday 29 March (UTC+2): 08:00 local is 07:00Z then 06:00Z.
    const openings = expandOpeningSlot(slot(), '2027-03-26', '2027-03-29');
    expect(openings.map((o) => [o.day, iso(o.start), iso(o.end)])).toEqual([
      ['2027-03-26', '2027-03-26T07:00:00.000Z', '2027-03-26T11:00:00.000Z'],
      ['2027-03-29', '2027-03-29T06:00:00.000Z', '2027-03-29T10:00:00.000Z'],
    ]);
  });

  it('keeps local hours on both sides of the autumn change', () => {
    const openings = expandOpeningSlot(slot({ weekdays: [5, 6, 7, 1] }), '2027-10-29', '2027-11-01');
    expect(openings.map((o) => iso(o.start))).toEqual([
      '2027-10-29T06:00:00.000Z',
      '2027-10-30T06:00:00.000Z',
      '2027-10-31T07:00:00.000Z', // Sunday of the change: UTC+1 from 03:00
      '2027-11-01T07:00:00.000Z',
    ]);
  });

  it('is closed on the days named closed unless it opens on holidays', () => {
    const easterMonday = (day: string) => day === '2027-03-29';
    expect(expandOpeningSlot(slot(), '2027-03-29', '2027-03-30', easterMonday).map((o) => o.day)).toEqual([
      '2027-03-30',
    ]);
    expect(
      expandOpeningSlot(slot({ openOnHolidays: true }), '2027-03-29', '2027-03-30', easterMonday).map(
        (o) => o.day,
      ),
    ).toEqual(['2027-03-29', '2027-03-30']);
  });

  it('stays within its first and last days and the range', () => {
    const openings = expandOpeningSlot(
      slot({ firstDay: '2027-03-31', lastDay: '2027-04-01' }),
      '2027-03-29',
      '2027-04-30',
    );
    expect(openings.map((o) => o.day)).toEqual(['2027-03-31', '2027-04-01']);
  });

  it('every 2 weeks counts from the week of its first day', () => {
    const openings = expandOpeningSlot(
      slot({ weekdays: [2], firstDay: '2027-03-03', everyWeeks: 2 }),
      '2027-03-01',
      '2027-03-31',
    );
    // Week of 1 March is week 0 but Tuesday 2 March is before the first day; weeks 2 and 4 follow.
    expect(openings.map((o) => o.day)).toEqual(['2027-03-16', '2027-03-30']);
  });
});

describe('expandAbsence', () => {
  const absence = (values: Partial<AbsenceRule>): AbsenceRule => ({
    agentId: 'agent',
    firstDay: '2027-03-26',
    lastDay: '2027-03-29',
    startTime: '14:00',
    endTime: '10:00',
    weekdays: null,
    everyWeeks: 1,
    ...values,
  });

  it('a one-off absence is one stretch from its first day and time to its last', () => {
    // Friday 14:00 (UTC+1) to Monday 10:00 (UTC+2): the weekend and the change inside.
    expect(
      expandAbsence(absence({}), '2027-03-22', '2027-04-04').map((i) => [iso(i.start), iso(i.end)]),
    ).toEqual([['2027-03-26T13:00:00.000Z', '2027-03-29T08:00:00.000Z']]);
  });

  it('a one-off absence outside the range takes nothing', () => {
    expect(expandAbsence(absence({}), '2027-04-01', '2027-04-30')).toEqual([]);
  });

  it('a whole-day absence runs to the next midnight', () => {
    const [interval] = expandAbsence(
      absence({ firstDay: '2027-03-30', lastDay: '2027-03-30', startTime: '00:00', endTime: '24:00:00' }),
      '2027-03-30',
      '2027-03-30',
    );
    expect([iso(interval!.start), iso(interval!.end)]).toEqual([
      '2027-03-29T22:00:00.000Z',
      '2027-03-30T22:00:00.000Z',
    ]);
  });

  it('a recurring absence takes its hours on its weekdays, every N weeks', () => {
    const wednesdays = absence({
      firstDay: '2027-03-01',
      lastDay: null,
      weekdays: [3],
      startTime: '13:30',
      endTime: '18:00',
      everyWeeks: 2,
    });
    expect(expandAbsence(wednesdays, '2027-03-01', '2027-03-31').map((i) => iso(i.start))).toEqual([
      '2027-03-03T12:30:00.000Z',
      '2027-03-17T12:30:00.000Z',
      '2027-03-31T11:30:00.000Z', // summer time
    ]);
  });
});
