import { describe, expect, it } from 'vitest';
import { formatDays, formatRate, parsePeriod, statusRows, summariseStats } from './stats.ts';

const window = { from: new Date('2030-05-31T12:00:00Z'), to: new Date('2030-06-30T12:00:00Z') };

describe('appointment statistics, pure part', () => {
  it('derives the no-show rate, the self-booked share and every status', () => {
    const stats = summariseStats(
      {
        byStatus: [
          { status: 'vu', count: 6 },
          { status: 'absent', count: 2 },
          { status: 'annule', count: 1 },
        ],
        byChannel: [
          { channel: 'public', count: 3 },
          { channel: 'invitation', count: 2 },
          { channel: 'agent', count: 3 },
          { channel: 'api', count: 1 },
        ],
        medianLeadDays: 4.25,
      },
      30,
      window,
    );
    expect(stats.total).toBe(9);
    expect(stats.byStatus).toEqual({ a_venir: 0, vu: 6, absent: 2, excuse: 0, annule: 1 });
    expect(stats.noShowRate).toBe(0.25);
    expect(stats.selfBooked).toBe(5);
    expect(stats.byAgentOrApi).toBe(4);
    expect(stats.selfBookedShare).toBeCloseTo(5 / 9);
    expect(statusRows(stats)).toEqual([
      { label: 'À venir', count: 0, share: '0\u00a0%' },
      { label: 'Vu', count: 6, share: '66,7\u00a0%' },
      { label: 'Absent', count: 2, share: '22,2\u00a0%' },
      { label: 'Excusé', count: 0, share: '0\u00a0%' },
      { label: 'Annulé', count: 1, share: '11,1\u00a0%' },
    ]);
  });

  it('has no rate to give when nobody was expected', () => {
    const stats = summariseStats(
      { byStatus: [{ status: 'a_venir', count: 3 }], byChannel: [], medianLeadDays: null },
      90,
      window,
    );
    expect(stats.noShowRate).toBeNull();
    expect(stats.selfBookedShare).toBeNull();
    expect(formatRate(stats.noShowRate)).toBe('—');
    expect(formatDays(stats.medianLeadDays)).toBe('—');
  });

  it('writes rates and days in French', () => {
    expect(formatRate(1 / 3)).toBe('33,3\u00a0%');
    expect(formatRate(1)).toBe('100\u00a0%');
    expect(formatDays(0.46)).toBe('0,5\u00a0jour');
    expect(formatDays(1)).toBe('1\u00a0jour');
    expect(formatDays(3.5)).toBe('3,5\u00a0jours');
    expect(formatDays(12.04)).toBe('12\u00a0jours');
  });

  it('accepts only the periods offered', () => {
    expect([
      parsePeriod('90'),
      parsePeriod('365'),
      parsePeriod('7'),
      parsePeriod(undefined),
      parsePeriod('abc'),
    ]).toEqual([90, 365, 30, 30, 30]);
  });
});
