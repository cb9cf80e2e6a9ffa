import { describe, expect, it } from 'vitest';
import {
  addDays,
  buildWeekGrid,
  dayBounds,
  formatDay,
  formatTime,
  isLocalDay,
  localDayOf,
  localInstant,
  mondayOf,
  weekAsDays,
  weekdayOf,
} from './week-grid.ts';

const at = (iso: string) => new Date(iso);
type Item = { start: Date; end: Date; name: string };
const item = (name: string, start: string, end: string): Item => ({ name, start: at(start), end: at(end) });

describe('local days', () => {
  it.each([
    ['2027-03-28', 7, '2027-03-22'],
    ['2027-03-29', 1, '2027-03-29'],
    ['2027-10-31', 7, '2027-10-25'],
    ['2027-01-01', 5, '2026-12-28'],
    ['2028-02-29', 2, '2028-02-28'],
  ])('%s is weekday %i of the week starting %s', (day, weekday, monday) => {
    expect(weekdayOf(day)).toBe(weekday);
    expect(mondayOf(day)).toBe(monday);
  });

  it.each([
    ['2027-03-27', 1, '2027-03-28'],
    ['2027-12-31', 1, '2028-01-01'],
    ['2028-03-01', -1, '2028-02-29'],
    ['2027-10-25', 7, '2027-11-01'],
  ])('%s + %i days = %s', (day, count, expected) => {
    expect(addDays(day, count)).toBe(expected);
  });

  it.each([
    ['2027-03-28', true],
    ['2027-02-29', false],
    ['2027-13-01', false],
    ['28/03/2027', false],
    ['', false],
  ])('%s is a day: %s', (value, expected) => {
    expect(isLocalDay(value)).toBe(expected);
  });

  it.each([
    // Saturday before the spring change: UTC+1; Sunday after 03:00: UTC+2.
    ['2027-03-27', 7, '2027-03-27T06:00:00.000Z'],
    ['2027-03-28', 1, '2027-03-28T00:00:00.000Z'],
    ['2027-03-28', 3, '2027-03-28T01:00:00.000Z'],
    ['2027-03-28', 7, '2027-03-28T05:00:00.000Z'],
    ['2027-03-28', 20, '2027-03-28T18:00:00.000Z'],
    // Saturday before the autumn change: UTC+2; Sunday after 03:00 (second pass): UTC+1.
    ['2027-10-30', 7, '2027-10-30T05:00:00.000Z'],
    ['2027-10-31', 7, '2027-10-31T06:00:00.000Z'],
    ['2027-10-31', 20, '2027-10-31T19:00:00.000Z'],
  ])('%s at %i:00 in Paris is %s', (day, hour, iso) => {
    expect(localInstant(day, hour).toISOString()).toBe(iso);
  });

  it('days last 23 h in March and 25 h in October', () => {
    const length = (day: string) => {
      const { start, end } = dayBounds(day);
      return (end.getTime() - start.getTime()) / 3_600_000;
    };
    expect(length('2027-03-27')).toBe(24);
    expect(length('2027-03-28')).toBe(23);
    expect(length('2027-10-31')).toBe(25);
    expect(length('2027-11-01')).toBe(24);
  });

  it.each([
    ['2027-03-27T23:30:00Z', '2027-03-28'],
    ['2027-03-27T22:59:00Z', '2027-03-27'],
    ['2027-10-30T22:30:00Z', '2027-10-31'],
    ['2027-10-31T22:59:00Z', '2027-10-31'],
    ['2027-10-31T23:00:00Z', '2027-11-01'],
  ])('%s falls on %s in Paris', (iso, day) => {
    expect(localDayOf(at(iso))).toBe(day);
  });

  it('writes days and times in French', () => {
    expect(formatDay('2027-03-28')).toBe('dimanche 28 mars 2027');
    expect(formatTime(at('2027-03-28T05:00:00Z'))).toBe('07:00');
    expect(formatTime(at('2027-10-31T06:00:00Z'))).toBe('07:00');
  });
});

describe('week grid', () => {
  it.each([
    // The week of the spring change: Monday 22 to Sunday 28 March 2027.
    { monday: '2027-03-22', saturday7: '2027-03-27T06:00:00.000Z', sunday7: '2027-03-28T05:00:00.000Z' },
    // The week of the autumn change: Monday 25 to Sunday 31 October 2027.
    { monday: '2027-10-25', saturday7: '2027-10-30T05:00:00.000Z', sunday7: '2027-10-31T06:00:00.000Z' },
  ])(
    'rows are 07:00 to 19:00 local on every day of the week of $monday',
    ({ monday, saturday7, sunday7 }) => {
      const grid = buildWeekGrid<Item, Item, Item>({ monday, openings: [], absences: [], appointments: [] });
      expect(grid.days.map((d) => d.day)).toEqual(Array.from({ length: 7 }, (_, i) => addDays(monday, i)));
      expect(grid.rows.map((r) => r.label)).toEqual([
        '07:00',
        '08:00',
        '09:00',
        '10:00',
        '11:00',
        '12:00',
        '13:00',
        '14:00',
        '15:00',
        '16:00',
        '17:00',
        '18:00',
        '19:00',
      ]);
      const first = grid.rows[0]!;
      expect(first.cells[5]!.start.toISOString()).toBe(saturday7);
      expect(first.cells[6]!.start.toISOString()).toBe(sunday7);
      for (const row of grid.rows) {
        for (const cell of row.cells) {
          expect(cell.end.getTime() - cell.start.getTime()).toBe(3_600_000);
          expect(formatTime(cell.start)).toBe(row.label);
          expect(localDayOf(cell.start)).toBe(cell.day);
        }
      }
    },
  );

  it('places openings, absences and appointments in the right local cells across the spring change', () => {
    const grid = buildWeekGrid<Item, Item, Item>({
      monday: '2027-03-22',
      // Saturday 09:00–12:00 (UTC+1) and Sunday 09:00–12:00 (UTC+2): same rows.
      openings: [
        item('samedi', '2027-03-27T08:00:00Z', '2027-03-27T11:00:00Z'),
        item('dimanche', '2027-03-28T07:00:00Z', '2027-03-28T10:00:00Z'),
      ],
      absences: [item('formation', '2027-03-28T12:00:00Z', '2027-03-28T14:00:00Z')],
      appointments: [
        item('rdv samedi', '2027-03-27T08:30:00Z', '2027-03-27T09:00:00Z'),
        item('rdv dimanche', '2027-03-28T07:30:00Z', '2027-03-28T08:00:00Z'),
      ],
    });
    const row = (label: string) => grid.rows.find((r) => r.label === label)!;
    const names = (cells: { item: Item; first: boolean }[]) =>
      cells.map((c) => `${c.item.name}${c.first ? '*' : ''}`);
    expect(names(row('08:00').cells[5]!.openings)).toEqual([]);
    expect(names(row('09:00').cells[5]!.openings)).toEqual(['samedi*']);
    expect(names(row('11:00').cells[5]!.openings)).toEqual(['samedi']);
    expect(names(row('12:00').cells[5]!.openings)).toEqual([]);
    expect(names(row('09:00').cells[6]!.openings)).toEqual(['dimanche*']);
    expect(names(row('11:00').cells[6]!.openings)).toEqual(['dimanche']);
    expect(names(row('12:00').cells[6]!.openings)).toEqual([]);
    expect(names(row('14:00').cells[6]!.absences)).toEqual(['formation*']);
    expect(names(row('15:00').cells[6]!.absences)).toEqual(['formation']);
    expect(row('09:00').cells[5]!.appointments.map((a) => a.name)).toEqual(['rdv samedi']);
    expect(row('09:00').cells[6]!.appointments.map((a) => a.name)).toEqual(['rdv dimanche']);
  });

  it('places them right across the autumn change', () => {
    const grid = buildWeekGrid<Item, Item, Item>({
      monday: '2027-10-25',
      openings: [
        item('samedi', '2027-10-30T12:00:00Z', '2027-10-30T15:00:00Z'), // 14:00–17:00 UTC+2
        item('dimanche', '2027-10-31T13:00:00Z', '2027-10-31T16:00:00Z'), // 14:00–17:00 UTC+1
      ],
      absences: [],
      appointments: [item('rdv dimanche', '2027-10-31T18:30:00Z', '2027-10-31T19:00:00Z')], // 19:30
    });
    const row = (label: string) => grid.rows.find((r) => r.label === label)!;
    expect(row('13:00').cells[5]!.openings).toHaveLength(0);
    expect(row('14:00').cells[5]!.openings).toHaveLength(1);
    expect(row('16:00').cells[5]!.openings).toHaveLength(1);
    expect(row('17:00').cells[5]!.openings).toHaveLength(0);
    expect(row('13:00').cells[6]!.openings).toHaveLength(0);
    expect(row('14:00').cells[6]!.openings).toHaveLength(1);
    expect(row('17:00').cells[6]!.openings).toHaveLength(0);
    expect(row('19:00').cells[6]!.appointments.map((a) => a.name)).toEqual(['rdv dimanche']);
  });

  it('adds the rows before 07:00 and after 20:00 only when something falls there', () => {
    const grid = buildWeekGrid<Item, Item, Item>({
      monday: '2027-10-25',
      openings: [],
      // All of Wednesday (local midnight to midnight).
      absences: [item('congé', '2027-10-26T22:00:00Z', '2027-10-27T22:00:00Z')],
      appointments: [item('tardif', '2027-10-25T18:30:00Z', '2027-10-25T19:00:00Z')], // Monday 20:30
    });
    expect(grid.rows[0]!.label).toBe('Avant 7 h');
    expect(grid.rows.at(-1)!.label).toBe('Après 20 h');
    expect(grid.rows[0]!.cells[2]!.absences.map((a) => a.first)).toEqual([true]);
    expect(grid.rows.every((r) => r.cells[2]!.absences.length === 1)).toBe(true);
    expect(grid.rows.every((r) => r.cells[1]!.absences.length === 0)).toBe(true);
    expect(grid.rows.at(-1)!.cells[0]!.appointments.map((a) => a.name)).toEqual(['tardif']);
  });
});

describe('week as days', () => {
  it('lists each day in time order, clipping what spans several days', () => {
    const days = weekAsDays<Item, Item, Item>({
      monday: '2027-03-22',
      openings: [item('ouverture', '2027-03-28T07:00:00Z', '2027-03-28T10:00:00Z')],
      // Saturday 18:00 to Sunday 10:00 local, across the change.
      absences: [item('astreinte', '2027-03-27T17:00:00Z', '2027-03-28T08:00:00Z')],
      appointments: [item('rdv', '2027-03-28T07:30:00Z', '2027-03-28T08:00:00Z')],
    });
    const saturday = days[5]!.entries;
    const sunday = days[6]!.entries;
    expect(saturday.map((e) => e.kind)).toEqual(['absence']);
    expect(saturday[0]!.end.toISOString()).toBe('2027-03-27T23:00:00.000Z');
    expect(sunday.map((e) => `${e.kind} ${formatTime(e.start)}`)).toEqual([
      'absence 00:00',
      'opening 09:00',
      'appointment 09:30',
    ]);
    expect(days.slice(0, 5).every((d) => d.entries.length === 0)).toBe(true);
  });
});
