import type { ServiceDefinition, TimeRange, WeeklyHours } from '../flow/types.ts';
import type { EditApplied, FlowEdit } from './flow-edit.ts';
import type { LocatedProblem } from './flow-problems.ts';
import { FieldReader, type FormValues } from './form-reading.ts';
import { formatRange, WEEKDAYS } from './hours-format.ts';

/** A service's opening hours: up to three ranges a day, and whether it closes on public holidays. */

export const RANGES_PER_DAY = 3;

export const startField = (day: number, n: number) => `jour-${day}-${n}-debut`;
export const endField = (day: number, n: number) => `jour-${day}-${n}-fin`;
export const HOLIDAYS_FIELD = 'feries';

export function hoursValues(
  service: Pick<ServiceDefinition, 'hours' | 'closedOnPublicHolidays'>,
): FormValues {
  const values: FormValues = { [HOLIDAYS_FIELD]: service.closedOnPublicHolidays ? 'on' : undefined };
  for (const day of WEEKDAYS) {
    (service.hours[day] ?? []).forEach((range, i) => {
      values[startField(day, i + 1)] = range.from;
      values[endField(day, i + 1)] = range.to;
    });
  }
  return values;
}

/**
 * The week typed in the form. A range needs both ends, ends after it starts, and may not overlap
 * another range of the same day (« 8 h 30 – 12 h » and « 11 h – 14 h »): the message goes on the
 * later one. Ranges are saved in the order of the day.
 */
export function readHours(read: FieldReader): WeeklyHours {
  const hours: WeeklyHours = {};
  for (const day of WEEKDAYS) {
    const ranges: (TimeRange & { n: number })[] = [];
    for (let n = 1; n <= RANGES_PER_DAY; n++) {
      const from = read.time(startField(day, n));
      const to = read.time(endField(day, n));
      const typedFrom = read.text(startField(day, n)) !== '';
      const typedTo = read.text(endField(day, n)) !== '';
      if (!typedFrom && !typedTo) continue;
      if (!typedFrom) read.fail(startField(day, n), 'Indiquez l’heure de début de cette plage.');
      else if (!typedTo) read.fail(endField(day, n), 'Indiquez l’heure de fin de cette plage.');
      else if (from && to && from >= to) {
        read.fail(endField(day, n), 'L’heure de fin doit être après l’heure de début.');
      } else if (from && to) ranges.push({ from, to, n });
    }
    ranges.sort((a, b) => (a.from < b.from ? -1 : 1));
    for (let i = 1; i < ranges.length; i++) {
      const previous = ranges[i - 1]!;
      const current = ranges[i]!;
      if (current.from < previous.to) {
        const later = current.n > previous.n ? current : previous;
        const other = later === current ? previous : current;
        read.fail(startField(day, later.n), `Cette plage chevauche celle de ${formatRange(other)}.`);
      }
    }
    if (ranges.length > 0) hours[day] = ranges.map(({ from, to }) => ({ from, to }));
  }
  return hours;
}

/** Problems about a service's hours go on the first range of the day they name (else of Monday). */
export function hoursField(problem: LocatedProblem): string | undefined {
  const [what, day] = problem.rest;
  if (what !== 'hours') return undefined;
  return day && /^[1-7]$/.test(day) ? startField(Number(day), 1) : startField(1, 1);
}

export function editHours(serviceKey: string): FlowEdit {
  return {
    label: `service ${serviceKey} : horaires`,
    apply(flow, values): EditApplied {
      const index = flow.services.findIndex((s) => s.key === serviceKey);
      if (index < 0) return { ok: false, errors: { _: 'Ce service n’existe plus.' } };
      const read = new FieldReader(values);
      const hours = readHours(read);
      if (!read.ok) return { ok: false, errors: read.errors };
      const closedOnPublicHolidays = read.checked(HOLIDAYS_FIELD);
      const services = flow.services.map((s, i) =>
        i === index ? { ...s, hours, closedOnPublicHolidays } : s,
      );
      return { ok: true, flow: { ...flow, services } };
    },
    fieldOf: (problem) => (problem.service === serviceKey ? hoursField(problem) : undefined),
  };
}
