import { TZDate } from '@date-fns/tz';
import { isPublicHoliday } from '../../../platform/scheduling/holidays.ts';
import type { FlowDefinition, ServiceDefinition, TimeRange, Weekday } from './types.ts';

/**
 * Opening hours of a service, in Europe/Paris wall-clock time. Every instant is built from local
 * fields by TZDate, never by adding an offset, so the changes of time (last Sunday of March and of
 * October) fall where they should: working hours counted from a Friday afternoon land on Monday at the
 * same local time whatever the UTC offset did over the weekend.
 */
export const FLOW_TIME_ZONE = 'Europe/Paris';

/** How far ahead an opening is looked for: beyond a year the hours are surely empty. */
const SEARCH_DAYS = 400;

/** 'HH:MM' → minutes since midnight ('24:00' → 1440, the end of the day). */
export function minutesOf(time: string): number {
  const [h, m] = time.split(':').map(Number);
  return h! * 60 + m!;
}

/** The local day ('YYYY-MM-DD'), ISO weekday and minutes since midnight of an instant, in Paris. */
export function parisParts(at: Date): { day: string; weekday: Weekday; minutes: number } {
  const local = new TZDate(at.getTime(), FLOW_TIME_ZONE);
  const day = `${local.getFullYear()}-${pad(local.getMonth() + 1)}-${pad(local.getDate())}`;
  return { day, weekday: weekdayOf(day), minutes: local.getHours() * 60 + local.getMinutes() };
}

/**
 * Whether a service is closed all day: a public holiday of the flow's département (when the service
 * closes on them) or one of its exceptional closures (days inclusive).
 */
export function isClosedDay(flow: FlowDefinition, service: ServiceDefinition, day: string): boolean {
  if (service.closedOnPublicHolidays && isPublicHoliday(day, flow.departement)) return true;
  return service.closures.some((closure) => closure.from <= day && day <= closure.to);
}

/** Whether a call at `at` finds the service open: inside one of the day's ranges, start included, end excluded. */
export function isServiceOpen(flow: FlowDefinition, service: ServiceDefinition, at: Date): boolean {
  const { day, weekday, minutes } = parisParts(at);
  if (isClosedDay(flow, service, day)) return false;
  return rangesOf(service, weekday).some(
    (range) => minutesOf(range.from) <= minutes && minutes < minutesOf(range.to),
  );
}

/** The first instant at or after `at` when the service is open, or null when it never opens (within a year). */
export function nextOpening(flow: FlowDefinition, service: ServiceDefinition, at: Date): Date | null {
  for (const { start } of openIntervals(flow, service, at)) return start;
  return null;
}

/**
 * When a callback asked at `from` is due: `hours` hours counted only while the service is open, in
 * real elapsed time (a range crossing a change of time counts the hours it really lasts). The service
 * is `serviceKey`'s, else the operator service, else the first service. Examples (weekdays 8:30–12:00,
 * 13:30–17:00): Tuesday 10:00 + 4 h → Tuesday 15:30; Friday 16:00 + 4 h → Monday 11:30; asked on a
 * Saturday → counted from Monday 8:30; the day before a holiday → the day after it. A result exactly at
 * the end of a range stays there (due by noon, not at 13:30). A service with no opening at all gives
 * `from` + `hours` of clock time, so a ticket always has a due time.
 */
export function addWorkingHours(
  flow: FlowDefinition,
  serviceKey: string | null,
  from: Date,
  hours: number,
): Date {
  const service = callbackService(flow, serviceKey);
  let remaining = Math.max(0, hours) * 3_600_000;
  if (service) {
    for (const { start, end } of openIntervals(flow, service, from)) {
      const available = end.getTime() - start.getTime();
      if (remaining <= available) return new Date(start.getTime() + remaining);
      remaining -= available;
    }
  }
  return new Date(from.getTime() + Math.max(0, hours) * 3_600_000);
}

/** The service whose hours a callback follows: the one asked, else the operator, else the first. */
export function callbackService(
  flow: FlowDefinition,
  serviceKey: string | null,
): ServiceDefinition | undefined {
  const byKey = (key: string | null | undefined) => flow.services.find((s) => s.key === key);
  return byKey(serviceKey) ?? byKey(flow.operatorService) ?? flow.services[0];
}

/**
 * The service's opening intervals from `from` onwards, in order, the first one cut at `from`. Days are
 * walked on the calendar (no time zone involved), and each range's ends become instants through TZDate.
 */
function* openIntervals(
  flow: FlowDefinition,
  service: ServiceDefinition,
  from: Date,
): Generator<{ start: Date; end: Date }> {
  let day = parisParts(from).day;
  for (let i = 0; i < SEARCH_DAYS; i++, day = nextDay(day)) {
    if (isClosedDay(flow, service, day)) continue;
    const ranges = [...rangesOf(service, weekdayOf(day))].sort(
      (a, b) => minutesOf(a.from) - minutesOf(b.from),
    );
    for (const range of ranges) {
      const start = new Date(Math.max(localInstant(day, range.from).getTime(), from.getTime()));
      const end = localInstant(day, range.to);
      if (start < end) yield { start, end };
    }
  }
}

function rangesOf(service: ServiceDefinition, weekday: Weekday): TimeRange[] {
  return service.hours[weekday] ?? [];
}

/** The instant of a local day and 'HH:MM' in Paris; '24:00' is the next day's midnight. */
export function localInstant(day: string, time: string): Date {
  const [y, m, d] = day.split('-').map(Number);
  const minutes = minutesOf(time);
  return new Date(
    new TZDate(y!, m! - 1, d!, Math.floor(minutes / 60), minutes % 60, 0, FLOW_TIME_ZONE).getTime(),
  );
}

function weekdayOf(day: string): Weekday {
  const [y, m, d] = day.split('-').map(Number);
  const sunday0 = new Date(Date.UTC(y!, m! - 1, d!)).getUTCDay();
  return (sunday0 === 0 ? 7 : sunday0) as Weekday;
}

function nextDay(day: string): string {
  const [y, m, d] = day.split('-').map(Number);
  return new Date(Date.UTC(y!, m! - 1, d! + 1)).toISOString().slice(0, 10);
}

function pad(n: number): string {
  return String(n).padStart(2, '0');
}
