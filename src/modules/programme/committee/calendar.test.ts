import { describe, expect, it } from 'vitest';
import {
  addMonths,
  committeeDay,
  materialsDueOn,
  materialsReminderFor,
  materialsState,
  meetingInstant,
} from './calendar.ts';

describe('committee calendar (Europe/Paris)', () => {
  it.each([
    // A committee's day is its Paris day, even when UTC is still on the day before.
    ['2019-06-04T07:30:00Z', '2019-06-04', '2019-05-28'],
    ['2019-06-03T22:30:00Z', '2019-06-04', '2019-05-28'], // 00:30 in Paris (UTC+2)
    ['2019-01-08T23:30:00Z', '2019-01-09', '2019-01-02'], // 00:30 in Paris (UTC+1)
    // D-7 across the spring change: the 7 days are calendar days, not 168 hours.
    ['2019-04-02T07:00:00Z', '2019-04-02', '2019-03-26'],
  ])('meets at %s: day %s, materials due %s', (meetsAt, day, due) => {
    expect(committeeDay(new Date(meetsAt))).toBe(day);
    expect(materialsDueOn(new Date(meetsAt))).toBe(due);
  });

  it.each([
    ['2019-06-04', '09:30', '2019-06-04T07:30:00.000Z'],
    ['2019-01-15', '14:00', '2019-01-15T13:00:00.000Z'],
    ['2019-03-31', '10:00', '2019-03-31T08:00:00.000Z'], // the morning of the spring change
  ])('%s at %s in Paris is %s', (day, time, instant) => {
    expect(meetingInstant(day, time).toISOString()).toBe(instant);
  });

  it.each([
    // submittedAt (UTC), due day, today → state
    [null, '2019-05-28', '2019-05-27', 'manquants', false],
    [null, '2019-05-28', '2019-05-28', 'manquants', false],
    [null, '2019-05-28', '2019-05-29', 'manquants', true],
    ['2019-05-28T21:59:00Z', '2019-05-28', '2019-06-01', 'deposes', false], // 23:59 in Paris
    ['2019-05-28T22:10:00Z', '2019-05-28', '2019-06-01', 'en_retard', false], // 00:10 the next day
    ['2019-05-20T10:00:00Z', '2019-05-28', '2019-05-20', 'deposes', false],
  ] as const)('submitted %s, due %s, today %s: %s', (submittedAt, dueOn, today, state, overdue) => {
    expect(materialsState(submittedAt ? new Date(submittedAt) : null, dueOn, today)).toEqual({
      state,
      overdue,
    });
  });

  it.each([
    ['2019-05-24', null],
    ['2019-05-25', 'j-3'],
    ['2019-05-26', 'j-3'], // a run that missed the 25th still reminds (the key keeps it to one)
    ['2019-05-27', 'j-3'],
    ['2019-05-28', 'j'],
    ['2019-05-29', null],
  ] as const)('due 2019-05-28, today %s: reminder %s', (today, reminder) => {
    expect(materialsReminderFor('2019-05-28', today)).toBe(reminder);
  });

  it.each([
    ['2019-06-04', 1, '2019-07-04'],
    ['2019-06-04', 2, '2019-08-04'],
    ['2019-01-31', 1, '2019-02-28'],
    ['2020-01-31', 1, '2020-02-29'],
    ['2019-11-30', 2, '2020-01-30'],
    ['2019-12-31', 2, '2020-02-29'],
  ] as const)('%s + %i month(s) = %s', (day, months, expected) => {
    expect(addMonths(day, months)).toBe(expected);
  });
});
