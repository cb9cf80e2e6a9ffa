import { TZDate } from '@date-fns/tz';

/**
 * The agenda's calendar arithmetic, pure: local days ('YYYY-MM-DD' in Europe/Paris), the instants
 * where they and their hours begin, and the week grid (7 days × the hours 07:00–20:00) with what
 * falls in each cell.
 *
 * Why local fields and never "+ 24 h": on Sunday 28 March 2027 Paris skips 02:00–03:00 (the day lasts
 * 23 h) and on Sunday 31 October 2027 it repeats 02:00–03:00 (25 h). 07:00 on the Sunday is 05:00 UTC
 * in March (UTC+2) and 06:00 UTC in October (UTC+1), one hour away from the Saturday's 07:00 in UTC.
 * Every instant here is built from local fields by TZDate, and calendar days are counted on dates
 * alone, so the grid's rows stay 07:00, 08:00… on both sides of a change.
 */
export const AGENDA_TIME_ZONE = 'Europe/Paris';
export const FIRST_HOUR = 7;
export const LAST_HOUR = 20;

const dayPattern = /^(\d{4})-(\d{2})-(\d{2})$/;

/** Whether `value` is a real calendar day written 'YYYY-MM-DD' (2027-02-30 is not). */
export function isLocalDay(value: string): boolean {
  const match = dayPattern.exec(value);
  if (!match) return false;
  const date = new Date(Date.UTC(Number(match[1]), Number(match[2]) - 1, Number(match[3])));
  return date.toISOString().slice(0, 10) === value;
}

function parts(day: string): [number, number, number] {
  const match = dayPattern.exec(day);
  if (!match) throw new Error(`not a local day: ${day}`);
  return [Number(match[1]), Number(match[2]) - 1, Number(match[3])];
}

/** `day` plus `count` calendar days (negative to go back); dates only, so no time zone is involved. */
export function addDays(day: string, count: number): string {
  const [y, m, d] = parts(day);
  return new Date(Date.UTC(y, m, d + count)).toISOString().slice(0, 10);
}

/** ISO weekday of a local day: 1 = Monday … 7 = Sunday. */
export function weekdayOf(day: string): number {
  const [y, m, d] = parts(day);
  const weekday = new Date(Date.UTC(y, m, d)).getUTCDay();
  return weekday === 0 ? 7 : weekday;
}

/** The Monday of the week holding `day`. */
export function mondayOf(day: string): string {
  return addDays(day, 1 - weekdayOf(day));
}

/** The local day (Europe/Paris) an instant falls on. */
export function localDayOf(instant: Date): string {
  const local = new TZDate(instant.getTime(), AGENDA_TIME_ZONE);
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${local.getFullYear()}-${pad(local.getMonth() + 1)}-${pad(local.getDate())}`;
}

/**
 * The instant of `hour`:`minute` local time on `day`. Hour 24 is the next day's midnight. An hour in
 * the spring gap (02:30 on 28 March 2027) does not exist; TZDate moves it forward, which no agenda row
 * uses (they start at 07:00).
 */
export function localInstant(day: string, hour: number, minute = 0): Date {
  const [y, m, d] = parts(day);
  return new Date(new TZDate(y, m, d, hour, minute, 0, 0, AGENDA_TIME_ZONE).getTime());
}

/** Start and end (next local midnight) of a local day: 23, 24 or 25 hours apart. */
export function dayBounds(day: string): { start: Date; end: Date } {
  return { start: localInstant(day, 0), end: localInstant(addDays(day, 1), 0) };
}

export type Timed = { start: Date; end: Date };

export type GridCell<O, B, A> = {
  day: string;
  start: Date;
  end: Date;
  /** Opening periods overlapping the cell (the cell is shaded); `first` marks where each one is named. */
  openings: { item: O; first: boolean }[];
  /** Absences overlapping the cell; `first` as for openings. */
  absences: { item: B; first: boolean }[];
  /** Appointments starting in the cell, by start time. */
  appointments: A[];
};

export type GridRow<O, B, A> = {
  /** 'HH:MM' local, or 'avant' / 'apres' for the rows of what lies outside 07:00–20:00. */
  key: string;
  label: string;
  cells: GridCell<O, B, A>[];
};

export type WeekGrid<O, B, A> = {
  monday: string;
  days: { day: string; start: Date; end: Date }[];
  rows: GridRow<O, B, A>[];
};

const pad2 = (n: number) => String(n).padStart(2, '0');

/**
 * Lays a week out: one column per day from `monday`, one row per hour from 07:00 to 20:00, plus a row
 * « Avant 7 h » or « Après 20 h » only when something falls there (an early appointment, an absence
 * all day). An opening or absence shades every cell it overlaps and is named in the first of them
 * each day; an appointment sits in the cell where it starts.
 */
export function buildWeekGrid<O extends Timed, B extends Timed, A extends Timed>(input: {
  monday: string;
  openings: O[];
  absences: B[];
  appointments: A[];
}): WeekGrid<O, B, A> {
  const days = Array.from({ length: 7 }, (_, i) => {
    const day = addDays(input.monday, i);
    return { day, ...dayBounds(day) };
  });
  const hourRows: GridRow<O, B, A>[] = [];
  for (let hour = FIRST_HOUR; hour < LAST_HOUR; hour++) {
    hourRows.push({
      key: `${pad2(hour)}:00`,
      label: `${pad2(hour)}:00`,
      cells: days.map(({ day }) => emptyCell(day, localInstant(day, hour), localInstant(day, hour + 1))),
    });
  }
  const before: GridRow<O, B, A> = {
    key: 'avant',
    label: `Avant ${FIRST_HOUR} h`,
    cells: days.map(({ day, start }) => emptyCell(day, start, localInstant(day, FIRST_HOUR))),
  };
  const after: GridRow<O, B, A> = {
    key: 'apres',
    label: `Après ${LAST_HOUR} h`,
    cells: days.map(({ day, end }) => emptyCell(day, localInstant(day, LAST_HOUR), end)),
  };
  const allRows = [before, ...hourRows, after];

  const spread = (item: Timed, pick: (cell: GridCell<O, B, A>) => { item: unknown; first: boolean }[]) => {
    for (let d = 0; d < 7; d++) {
      let first = true;
      for (const row of allRows) {
        const cell = row.cells[d]!;
        if (overlaps(item, cell)) {
          pick(cell).push({ item, first });
          first = false;
        }
      }
    }
  };
  for (const opening of sortByStart(input.openings)) spread(opening, (c) => c.openings);
  for (const absence of sortByStart(input.absences)) spread(absence, (c) => c.absences);
  for (const appointment of sortByStart(input.appointments)) {
    const cell = allRows
      .flatMap((r) => r.cells)
      .find((c) => c.start <= appointment.start && appointment.start < c.end);
    cell?.appointments.push(appointment);
  }
  const used = (row: GridRow<O, B, A>) =>
    row.cells.some((c) => c.appointments.length > 0 || c.openings.length > 0 || c.absences.length > 0);
  return {
    monday: input.monday,
    days,
    rows: [...(used(before) ? [before] : []), ...hourRows, ...(used(after) ? [after] : [])],
  };
}

/**
 * The same week as a list per day (for phones and screen readers in a hurry): each day's openings,
 * absences and appointments in time order, each clipped to the day it is shown on.
 */
export type DayEntry<O, B, A> =
  | { kind: 'opening'; start: Date; end: Date; item: O }
  | { kind: 'absence'; start: Date; end: Date; item: B }
  | { kind: 'appointment'; start: Date; end: Date; item: A };

export function weekAsDays<O extends Timed, B extends Timed, A extends Timed>(input: {
  monday: string;
  openings: O[];
  absences: B[];
  appointments: A[];
}): { day: string; entries: DayEntry<O, B, A>[] }[] {
  return Array.from({ length: 7 }, (_, i) => {
    const day = addDays(input.monday, i);
    const bounds = dayBounds(day);
    const clip = (t: Timed) => ({
      start: new Date(Math.max(t.start.getTime(), bounds.start.getTime())),
      end: new Date(Math.min(t.end.getTime(), bounds.end.getTime())),
    });
    const entries: DayEntry<O, B, A>[] = [
      ...input.openings
        .filter((o) => overlaps(o, bounds))
        .map((item) => ({ kind: 'opening' as const, ...clip(item), item })),
      ...input.absences
        .filter((a) => overlaps(a, bounds))
        .map((item) => ({ kind: 'absence' as const, ...clip(item), item })),
      ...input.appointments
        .filter((a) => bounds.start <= a.start && a.start < bounds.end)
        .map((item) => ({ kind: 'appointment' as const, start: item.start, end: item.end, item })),
    ];
    const order = { absence: 0, opening: 1, appointment: 2 };
    entries.sort((x, y) => x.start.getTime() - y.start.getTime() || order[x.kind] - order[y.kind]);
    return { day, entries };
  });
}

function emptyCell<O, B, A>(day: string, start: Date, end: Date): GridCell<O, B, A> {
  return { day, start, end, openings: [], absences: [], appointments: [] };
}

function overlaps(a: Timed, b: Timed): boolean {
  return a.start < b.end && b.start < a.end;
}

function sortByStart<T extends Timed>(items: T[]): T[] {
  return [...items].sort((x, y) => x.start.getTime() - y.start.getTime());
}

const timeFormat = new Intl.DateTimeFormat('fr-FR', {
  hour: '2-digit',
  minute: '2-digit',
  timeZone: AGENDA_TIME_ZONE,
});
const longDayFormat = new Intl.DateTimeFormat('fr-FR', {
  weekday: 'long',
  day: 'numeric',
  month: 'long',
  year: 'numeric',
  timeZone: 'UTC',
});
const shortDayFormat = new Intl.DateTimeFormat('fr-FR', {
  weekday: 'short',
  day: 'numeric',
  month: 'short',
  timeZone: 'UTC',
});

/** '09:30' in Paris. */
export function formatTime(instant: Date): string {
  return timeFormat.format(instant);
}

/** 'lundi 29 mars 2027' for a local day. */
export function formatDay(day: string): string {
  const [y, m, d] = parts(day);
  return longDayFormat.format(new Date(Date.UTC(y, m, d)));
}

/** 'lun. 29 mars' for a local day (grid headers). */
export function formatShortDay(day: string): string {
  const [y, m, d] = parts(day);
  return shortDayFormat.format(new Date(Date.UTC(y, m, d)));
}

/** '09:30–10:15' in Paris. */
export function formatTimeRange(start: Date, end: Date): string {
  return `${formatTime(start)}–${formatTime(end)}`;
}
