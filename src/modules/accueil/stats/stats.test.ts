import { describe, expect, it } from 'vitest';
import { csvDecimal, formatHours, formatRate, longDay } from './format.ts';
import { lastDays, parsePeriod, periodQuery, periodWindow } from './period.ts';
import type { CallCounts, TicketCounts } from './stats.repository.ts';
import { heatLevel, heatmapOf, percent, percentile, rate, summariseAccueilStats } from './stats.ts';

describe('percentile (linear interpolation, as percentile_cont)', () => {
  it.each([
    { values: [], p: 0.5, expected: null },
    { values: [7], p: 0.5, expected: 7 },
    { values: [7], p: 0.9, expected: 7 },
    { values: [1, 2, 3, 4], p: 0.5, expected: 2.5 },
    { values: [4, 3, 2, 1], p: 0.5, expected: 2.5 },
    { values: [1, 2, 3, 4], p: 0.9, expected: 3.7 },
    { values: [1, 2, 3], p: 0.5, expected: 2 },
    { values: [0, 10], p: 0.9, expected: 9 },
    { values: [5, 1, 3], p: 0, expected: 1 },
    { values: [5, 1, 3], p: 1, expected: 5 },
    { values: [2, 2, 2, 100], p: 0.5, expected: 2 },
  ])('$values at $p → $expected', ({ values, p, expected }) => {
    const value = percentile(values, p);
    if (expected === null) expect(value).toBeNull();
    else expect(value).toBeCloseTo(expected, 10);
  });

  it('does not reorder the caller’s array', () => {
    const values = [3, 1, 2];
    percentile(values, 0.5);
    expect(values).toEqual([3, 1, 2]);
  });
});

describe('rates', () => {
  it.each([
    { count: 0, of: 0, rate: null, percent: null },
    { count: 0, of: 10, rate: 0, percent: 0 },
    { count: 7, of: 10, rate: 0.7, percent: 70 },
    { count: 1, of: 15, rate: 1 / 15, percent: 6.7 },
    { count: 2, of: 3, rate: 2 / 3, percent: 66.7 },
  ])('$count / $of', ({ count, of, rate: r, percent: p }) => {
    expect(rate(count, of)).toBe(r);
    expect(percent(count, of)).toBe(p);
  });
});

describe('heatmap', () => {
  it.each([
    { count: 0, max: 10, level: 0 },
    { count: 1, max: 0, level: 0 },
    { count: 1, max: 10, level: 1 },
    { count: 2, max: 10, level: 1 },
    { count: 3, max: 10, level: 2 },
    { count: 5, max: 10, level: 2 },
    { count: 6, max: 10, level: 3 },
    { count: 8, max: 10, level: 4 },
    { count: 10, max: 10, level: 4 },
  ])('$count of at most $max → level $level', ({ count, max, level }) => {
    expect(heatLevel(count, max)).toBe(level);
  });

  it('places counts by ISO weekday and hour, shows 8 h–17 h at least and the hours with calls', () => {
    const map = heatmapOf([
      { weekday: 1, hour: 9, calls: 12, lost: 1 },
      { weekday: 7, hour: 20, calls: 2, lost: 0 },
      { weekday: 1, hour: 9, calls: 3, lost: 0 },
    ]);
    expect(map.cells[0]![9]).toBe(15);
    expect(map.lost[0]![9]).toBe(1);
    expect(map.cells[6]![20]).toBe(2);
    expect(map.max).toBe(15);
    expect([map.firstHour, map.lastHour]).toEqual([8, 20]);
    expect(heatmapOf([{ weekday: 2, hour: 6, calls: 1, lost: 0 }])).toMatchObject({
      firstHour: 6,
      lastHour: 17,
    });
    expect(heatmapOf([])).toMatchObject({ max: 0, firstHour: 8, lastHour: 17 });
  });
});

describe('period', () => {
  // 2031-03-30 01:30 UTC is 03:30 in Paris, the night clocks go forward.
  const now = new Date('2031-03-30T01:30:00Z');

  it.each([
    { query: {}, choice: '28', from: '2031-03-03', to: '2031-03-30', days: 28 },
    { query: { periode: '7' }, choice: '7', from: '2031-03-24', to: '2031-03-30', days: 7 },
    { query: { periode: '90' }, choice: '90', from: '2030-12-31', to: '2031-03-30', days: 90 },
    { query: { periode: 'n’importe' }, choice: '28', from: '2031-03-03', to: '2031-03-30', days: 28 },
    {
      query: { periode: 'perso', du: '2031-02-01', au: '2031-02-28' },
      choice: 'perso',
      from: '2031-02-01',
      to: '2031-02-28',
      days: 28,
    },
    // Days without « periode »: a custom period; a last day after today stops at today.
    {
      query: { du: '2031-03-29', au: '2031-04-15' },
      choice: 'perso',
      from: '2031-03-29',
      to: '2031-03-30',
      days: 2,
    },
  ])('$query → $from … $to', ({ query, choice, from, to, days }) => {
    const { period, errors } = parsePeriod(query, now);
    expect(errors).toEqual({});
    expect(period).toEqual({ choice, from, to, days });
  });

  it.each([
    { query: { periode: 'perso' }, errors: ['au', 'du'] },
    { query: { periode: 'perso', du: '2031-02-30', au: '2031-03-01' }, errors: ['du'] },
    { query: { periode: 'perso', du: '2031-03-10', au: '2031-03-01' }, errors: ['au'] },
    { query: { periode: 'perso', du: '2031-04-01', au: '2031-04-02' }, errors: ['du'] },
    { query: { periode: 'perso', du: '2029-01-01', au: '2031-03-01' }, errors: ['au'] },
  ])('refuses $query with a message per field, and shows the default period', ({ query, errors }) => {
    const parsed = parsePeriod(query, now);
    expect(Object.keys(parsed.errors).sort()).toEqual(errors);
    expect(parsed.period).toMatchObject({ choice: '28', days: 28 });
    expect(parsed.values).toEqual({ du: query.du ?? '', au: query.au ?? '' });
  });

  it('counts whole Paris days, daylight saving included', () => {
    expect(periodWindow({ from: '2031-03-30', to: '2031-03-30' })).toEqual({
      start: new Date('2031-03-29T23:00:00Z'),
      end: new Date('2031-03-30T22:00:00Z'), // a 23-hour day
    });
    expect(periodWindow({ from: '2031-07-01', to: '2031-07-31' })).toEqual({
      start: new Date('2031-06-30T22:00:00Z'),
      end: new Date('2031-07-31T22:00:00Z'),
    });
    // 23:30 UTC on 31 December is already 1 January in Paris.
    expect(lastDays(1, new Date('2031-12-31T23:30:00Z'))).toEqual({
      from: '2032-01-01',
      to: '2032-01-01',
      days: 1,
    });
  });

  it('writes itself back as a query string', () => {
    expect(periodQuery({ choice: '7', from: 'x', to: 'y', days: 7 })).toBe('periode=7');
    expect(periodQuery({ choice: 'perso', from: '2031-02-01', to: '2031-02-28', days: 28 })).toBe(
      'periode=perso&du=2031-02-01&au=2031-02-28',
    );
  });
});

describe('formats', () => {
  it.each([
    [null, '—'],
    [0, '0\u00a0min'],
    [0.75, '45\u00a0min'],
    [1, '1\u00a0h\u00a000'],
    [2.0833, '2\u00a0h\u00a005'],
    [30, '30\u00a0h\u00a000'],
  ])('hours %s → %s', (hours, text) => {
    expect(formatHours(hours)).toBe(text);
  });

  it('reads rates, days and CSV decimals in French', () => {
    expect(formatRate(0.0666)).toBe('6,7\u00a0%');
    expect(formatRate(null)).toBe('—');
    expect(longDay('2031-03-01')).toBe('1er mars 2031');
    expect(longDay('2031-03-21')).toBe('21 mars 2031');
    expect(csvDecimal(1234.56)).toBe('1234,6');
    expect(csvDecimal(null)).toBe('');
  });
});

describe('summariseAccueilStats', () => {
  const outcomes = (values: Partial<CallCounts['outcomes']>): CallCounts['outcomes'] => ({
    transfere_repondu: 0,
    rappel_demande: 0,
    message_vocal: 0,
    sms_envoye: 0,
    raccroche_ticket: 0,
    hors_service: 0,
    ...values,
  });
  const callRow = (serviceKey: string | null, overall: boolean, values: Partial<CallCounts>): CallCounts => ({
    serviceKey,
    overall,
    calls: 0,
    ended: 0,
    lost: 0,
    transferred: 0,
    sms: 0,
    outcomes: outcomes({}),
    ...values,
  });
  const ticketRow = (serviceKey: string | null, overall: boolean, delaysHours: number[]): TicketCounts => ({
    serviceKey,
    overall,
    created: delaysHours.length + 1,
    afterHangup: 1,
    done: delaysHours.length,
    unreachable: 0,
    open: 1,
    onTime: delaysHours.filter((h) => h <= 4).length,
    delaysSeconds: delaysHours.map((h) => h * 3600),
  });

  const stats = summariseAccueilStats({
    period: { choice: '28', from: '2031-03-03', to: '2031-03-30', days: 28 },
    services: [
      { key: 'aspi', name: 'ASPI' },
      { key: 'ase', name: 'ASE' },
    ],
    calls: [
      callRow('aspi', false, {
        calls: 10,
        ended: 9,
        lost: 0,
        transferred: 8,
        outcomes: outcomes({ transfere_repondu: 7, rappel_demande: 2 }),
      }),
      callRow('ancien', false, { calls: 1, ended: 1, outcomes: outcomes({ hors_service: 1 }) }),
      callRow(null, false, { calls: 4, ended: 4, lost: 3, outcomes: outcomes({ raccroche_ticket: 1 }) }),
      callRow(null, true, {
        calls: 15,
        ended: 14,
        lost: 3,
        transferred: 8,
        outcomes: outcomes({ transfere_repondu: 7, rappel_demande: 2, hors_service: 1, raccroche_ticket: 1 }),
      }),
    ],
    tickets: [ticketRow('aspi', false, [1, 2, 3, 10]), ticketRow(null, true, [1, 2, 3, 10])],
    voicemails: [
      { serviceKey: 'ase', overall: false, voicemails: 2 },
      { serviceKey: null, overall: true, voicemails: 2 },
    ],
    callers: {
      callers: 8,
      once: 5,
      twice: 1,
      threeOrFour: 1,
      fivePlus: 1,
      callsFromFivePlus: 6,
      knownCalls: 15,
      withheldCalls: 0,
    },
    hours: [],
    weeks: [
      { monday: '2031-03-03', calls: 10, ended: 10, lost: 3 },
      { monday: '2031-03-10', calls: 5, ended: 4, lost: 0 },
    ],
  });

  it('gives one row per service of the flow, then former services, then « no service »', () => {
    expect(stats.services.map((s) => [s.key, s.name])).toEqual([
      ['aspi', 'ASPI'],
      ['ase', 'ASE'],
      ['ancien', 'ancien'],
      [null, 'Aucun service choisi'],
    ]);
  });

  it('computes each row’s rates, and zeros for a service nobody reached', () => {
    const [aspi, ase] = stats.services;
    expect(aspi).toMatchObject({ calls: 10, ended: 9, ongoing: 1, lost: 0, lostRate: 0, answered: 7 });
    expect(aspi!.answeredRate).toBeCloseTo(7 / 9);
    expect(aspi!.callbacks).toMatchObject({
      created: 5,
      done: 4,
      onTime: 3,
      medianHours: 2.5,
      doneRate: 0.8,
    });
    expect(aspi!.callbacks.p90Hours).toBeCloseTo(7.9);
    expect(ase).toMatchObject({ calls: 0, lostRate: null, voicemails: 2 });
    expect(ase!.callbacks).toMatchObject({ created: 0, medianHours: null, doneRate: null });
    expect(stats.overall).toMatchObject({ name: 'Ensemble de la ligne', calls: 15, lost: 3, voicemails: 2 });
    expect(stats.overall.lostRate).toBeCloseTo(3 / 14);
    expect(stats.callers.repeatRate).toBe(1 / 8);
    expect(stats.weeks.map((w) => w.lostRate)).toEqual([0.3, 0]);
  });
});
