import { describe, expect, it } from 'vitest';
import {
  addMonths,
  cohortWindow,
  daysAsMonths,
  disclosure,
  formatDays,
  formatRate,
  monthRows,
  parsePeriod,
  type RsaStats,
  statusRows,
  summariseRsaStats,
  trendWindow,
} from './stats.ts';
import { niceStep } from './views/charts.tsx';

describe('RSA statistics, pure part', () => {
  it.each([
    ['2030-06-15', -12, '2029-06-15'],
    ['2030-03-31', -1, '2030-02-28'],
    ['2028-03-31', -1, '2028-02-29'],
    ['2030-01-31', 1, '2030-02-28'],
    ['2030-12-15', 1, '2031-01-15'],
    ['2030-01-15', -13, '2028-12-15'],
  ])('moves %s by %i months to %s', (day, months, expected) => {
    expect(addMonths(day, months)).toBe(expected);
  });

  it('counts periods and the trend in local days (Paris), whatever the UTC date says', () => {
    // 22:30 UTC on 14 June is already 15 June in Paris.
    const now = new Date('2030-06-14T22:30:00Z');
    expect(cohortWindow(3, now)).toEqual({ from: '2030-03-15', to: '2030-06-15', today: '2030-06-15' });
    const trend = trendWindow(now);
    expect([trend.from, trend.to]).toEqual(['2029-07-01', '2030-06-15']);
    expect(trend.months).toHaveLength(12);
    expect([trend.months[0], trend.months[11]]).toEqual(['2029-07', '2030-06']);
    // 31 December, 23:30 UTC: 1 January in Paris, a new trend year.
    expect(trendWindow(new Date('2030-12-31T23:30:00Z')).months.at(-1)).toBe('2031-01');
  });

  it('accepts only the periods offered, 12 months otherwise', () => {
    expect(['3', '6', '12', '24', '7', undefined, 'x'].map(parsePeriod)).toEqual([3, 6, 12, 24, 12, 12, 12]);
  });

  const stats: RsaStats = summariseRsaStats({
    period: 12,
    window: { from: '2029-06-15', to: '2030-06-15', today: '2030-06-15' },
    delays: { total: 30, met: 4, medianDays: 12, meanDays: 14.25, eligible30: 20, within30: 3 },
    statuses: [
      { status: 'rdv_honore', count: 4 },
      { status: 'invitation_envoyee', count: 20 },
      { status: 'clos', count: 6 },
    ],
    noShows: [
      { kind: 'invitation', seen: 16, absent: 2 },
      { kind: 'convocation', seen: 2, absent: 1 },
    ],
    firstBookings: { byPerson: 15, byAgent: 5 },
    months: [{ month: '2030-05', opened: 7, met: 3, waiting: 4, medianDays: 11 }],
    trendMonths: ['2030-04', '2030-05', '2030-06'],
    undated: 2,
  });

  it('derives the shares from the counts, and fills the months without anyone', () => {
    expect(stats.within30).toEqual({ count: 3, of: 20, share: 0.15 });
    expect(stats.noShow).toEqual({
      invitation: { count: 2, of: 18, share: 2 / 18 },
      convocation: { count: 1, of: 3, share: 1 / 3 },
    });
    expect(stats.bookedByPerson).toEqual({ count: 15, of: 20, share: 0.75 });
    expect(stats.byStatus.rdv_honore).toBe(4);
    expect(stats.byStatus.absent).toBe(0);
    expect(stats.months).toEqual([
      { month: '2030-04', opened: 0, met: 0, waiting: 0, medianDays: null },
      { month: '2030-05', opened: 7, met: 3, waiting: 4, medianDays: 11 },
      { month: '2030-06', opened: 0, met: 0, waiting: 0, medianDays: null },
    ]);
  });

  it('shows agents every figure, and the public no number from 1 to 4 nor a value on fewer than 5', () => {
    const agents = disclosure(false);
    const people = disclosure(true);
    expect([agents.count(0), agents.count(3), agents.count(37000)]).toEqual(['0', '3', '37\u00a0000']);
    expect([people.count(0), people.count(1), people.count(4), people.count(5)]).toEqual([
      '0',
      '<\u00a05',
      '<\u00a05',
      '5',
    ]);
    expect([agents.value(12, 4), people.value(12, 4), people.value(12, 5)]).toEqual([12, null, 12]);

    const rows = statusRows(stats, people);
    expect(rows.find((r) => r.status === 'rdv_honore')).toEqual({
      status: 'rdv_honore',
      label: 'RDV honoré',
      count: null,
      text: '<\u00a05',
      share: '—',
    });
    expect(rows.find((r) => r.status === 'clos')).toMatchObject({ count: 6, text: '6', share: '20\u00a0%' });
    expect(rows.find((r) => r.status === 'absent')).toMatchObject({ count: 0, text: '0', share: '0\u00a0%' });
    expect(statusRows(stats, agents).find((r) => r.status === 'rdv_honore')).toMatchObject({
      count: 4,
      text: '4',
      share: '13,3\u00a0%',
    });

    const [april, may] = monthRows(stats, people);
    expect(april).toMatchObject({ label: 'avril 2030', opened: '0', medianDays: null, median: '—' });
    // Three people met in May: their median is not published, and says so.
    expect(may).toMatchObject({
      opened: '7',
      met: '<\u00a05',
      waiting: '<\u00a05',
      medianDays: null,
      median: 'non publié',
    });
    expect(monthRows(stats, agents)[1]).toMatchObject({ met: '3', medianDays: 11, median: '11\u00a0jours' });
  });

  it('writes figures in French', () => {
    expect(formatRate(2 / 18)).toBe('11,1\u00a0%');
    expect(formatRate(null)).toBe('—');
    expect([formatDays(0), formatDays(1), formatDays(29.43), formatDays(null)]).toEqual([
      '0\u00a0jour',
      '1\u00a0jour',
      '29,4\u00a0jours',
      '—',
    ]);
    expect([daysAsMonths(259), daysAsMonths(183)]).toEqual(['8,5\u00a0mois', '6\u00a0mois']);
  });

  it.each([
    [9, 4, 5],
    [300, 4, 100],
    [280, 4, 100],
    [40, 4, 10],
    [0, 4, 1],
    [3, 4, 1],
  ])('chooses a round axis step for %i with about %i ticks: %i', (max, count, step) => {
    expect(niceStep(max, count)).toBe(step);
  });
});
