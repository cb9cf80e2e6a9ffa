import { describe, expect, it } from 'vitest';
import {
  detachmentWeeks,
  formatDays,
  memberTime,
  planOf,
  progressPercent,
  teamTime,
  weeksDue,
} from './plan.ts';

const cohort = { detachmentDaysPerWeek: '1.0', detachmentWeeks: 12 };
const noProjectPlan = { detachmentDaysPerWeek: null, detachmentWeeks: null };

describe('planOf: the member’s plan, else the project’s, else the cohort’s', () => {
  it.each([
    [
      'the cohort’s defaults',
      { daysPerWeek: null, weeks: null },
      noProjectPlan,
      { daysPerWeek: 1, weeks: 12 },
    ],
    [
      'the project’s plan',
      { daysPerWeek: null, weeks: null },
      { detachmentDaysPerWeek: '1.5', detachmentWeeks: 10 },
      { daysPerWeek: 1.5, weeks: 10 },
    ],
    [
      'the member’s own days, the project’s weeks',
      { daysPerWeek: '0.5', weeks: null },
      { detachmentDaysPerWeek: '1.5', detachmentWeeks: 10 },
      { daysPerWeek: 0.5, weeks: 10 },
    ],
    ['the member’s own weeks', { daysPerWeek: null, weeks: 6 }, noProjectPlan, { daysPerWeek: 1, weeks: 6 }],
  ])('%s', (_, member, project, plan) => {
    expect(planOf(member, project, cohort)).toEqual(plan);
  });
});

const plan = { daysPerWeek: 1, weeks: 12 };

describe('detachmentWeeks', () => {
  it.each([
    [
      '12 weeks from the week of joining',
      { joinedOn: '2025-02-05', leftOn: null, plan },
      12,
      '2025-02-03',
      '2025-04-21',
    ],
    [
      'cut at the week of leaving',
      { joinedOn: '2025-02-05', leftOn: '2025-02-19', plan },
      3,
      '2025-02-03',
      '2025-02-17',
    ],
    [
      'leaving after the plan’s end changes nothing',
      { joinedOn: '2025-02-05', leftOn: '2025-06-30', plan },
      12,
      '2025-02-03',
      '2025-04-21',
    ],
    [
      'no weeks planned',
      { joinedOn: '2025-02-05', leftOn: null, plan: { daysPerWeek: 1, weeks: 0 } },
      0,
      undefined,
      undefined,
    ],
    ['left before joining', { joinedOn: '2025-02-05', leftOn: '2025-02-01', plan }, 0, undefined, undefined],
  ])('%s', (_, detachment, count, first, last) => {
    const weeks = detachmentWeeks(detachment);
    expect(weeks).toHaveLength(count);
    expect(weeks[0]).toBe(first);
    expect(weeks.at(-1)).toBe(last);
  });

  it('asks check-ins for the weeks begun by today', () => {
    const detachment = { joinedOn: '2025-02-05', leftOn: null, plan };
    expect(weeksDue(detachment, '2025-02-20')).toEqual(['2025-02-03', '2025-02-10', '2025-02-17']);
    expect(weeksDue(detachment, '2025-01-31')).toEqual([]);
    expect(weeksDue(detachment, '2025-09-01')).toHaveLength(12);
  });
});

describe('memberTime: planned vs actual', () => {
  const detachment = { joinedOn: '2025-02-05', leftOn: null, plan };

  it.each([
    [
      'nothing answered yet, third week',
      [],
      '2025-02-20',
      { planned: 12, plannedToDate: 3, actual: 0, missingWeeks: ['2025-02-03', '2025-02-10'] },
    ],
    [
      'the worked example of plan.ts',
      [{ weekStart: '2025-02-03', days: '1.5' }],
      '2025-02-20',
      { planned: 12, plannedToDate: 3, actual: 1.5, missingWeeks: ['2025-02-10'] },
    ],
    [
      'half days add up; the current week is never missing',
      [
        { weekStart: '2025-02-03', days: '0.5' },
        { weekStart: '2025-02-10', days: '0.0' },
        { weekStart: '2025-02-17', days: '1.0' },
      ],
      '2025-02-17',
      { planned: 12, plannedToDate: 3, actual: 1.5, missingWeeks: [] },
    ],
    [
      'after the plan: every week due, the unanswered ones flagged',
      Array.from({ length: 10 }, (_, i) => ({
        weekStart: new Date(Date.UTC(2025, 1, 3 + 7 * i)).toISOString().slice(0, 10),
        days: 1,
      })),
      '2025-06-02',
      { planned: 12, plannedToDate: 12, actual: 10, missingWeeks: ['2025-04-14', '2025-04-21'] },
    ],
  ])('%s', (_, checkins, today, expected) => {
    expect(memberTime(detachment, checkins, today)).toEqual(expected);
  });

  it('plans 1.5 days a week over 10 weeks as 15 days', () => {
    const time = memberTime(
      { joinedOn: '2025-02-03', leftOn: null, plan: { daysPerWeek: 1.5, weeks: 10 } },
      [],
      '2025-02-03',
    );
    expect(time).toMatchObject({ planned: 15, plannedToDate: 1.5, missingWeeks: [] });
  });
});

describe('teamTime and progress', () => {
  it('adds the members up', () => {
    expect(
      teamTime([
        { planned: 12, plannedToDate: 3, actual: 2.5, missingWeeks: ['2025-02-10'] },
        { planned: 6, plannedToDate: 1.5, actual: 1.5, missingWeeks: [] },
      ]),
    ).toEqual({ planned: 18, plannedToDate: 4.5, actual: 4, missingWeeks: 1 });
    expect(teamTime([])).toEqual({ planned: 0, plannedToDate: 0, actual: 0, missingWeeks: 0 });
  });

  it.each([
    [4, 18, 22],
    [12, 12, 100],
    [15, 12, 125],
    [0, 0, null],
  ])('%d days of %d planned is %s %%', (actual, planned, percent) => {
    expect(progressPercent(actual, planned)).toBe(percent);
  });

  it('writes days the French way', () => {
    expect(formatDays(1.5)).toBe('1,5');
    expect(formatDays(12)).toBe('12');
  });
});
