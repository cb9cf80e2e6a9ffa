import { TZDate, tzOffset } from '@date-fns/tz';

/**
 * Calendar arithmetic for the slot search. Local days are 'YYYY-MM-DD' strings, times of day are
 * minutes since local midnight (0–1440), instants are epoch milliseconds. Day arithmetic is done on
 * day numbers (days since 1970-01-01), which have no time zone and no daylight saving: adding one day
 * to '2027-03-27' is '2027-03-28' whatever the clocks do that night. Only `localInstant` and `localDay`
 * cross from local time to instants, through @date-fns/tz (never by adding hours by hand).
 */
export const PARIS = 'Europe/Paris';

const MS_PER_DAY = 86_400_000;

/** '2027-03-29' → 20906 (days since 1970-01-01). */
export function dayNumber(day: string): number {
  return (
    Date.UTC(Number(day.slice(0, 4)), Number(day.slice(5, 7)) - 1, Number(day.slice(8, 10))) / MS_PER_DAY
  );
}

const dayStrings = new Map<number, string>();

/** 20906 → '2027-03-29'. */
export function dayFromNumber(n: number): string {
  let day = dayStrings.get(n);
  if (day === undefined) {
    day = new Date(n * MS_PER_DAY).toISOString().slice(0, 10);
    if (dayStrings.size > 100_000) dayStrings.clear();
    dayStrings.set(n, day);
  }
  return day;
}

export function addDays(day: string, days: number): string {
  return dayFromNumber(dayNumber(day) + days);
}

/** ISO weekday, 1 = Monday … 7 = Sunday. 1970-01-01 (day 0) was a Thursday (4). */
export function isoWeekday(day: string): number {
  return weekdayOfNumber(dayNumber(day));
}

export function weekdayOfNumber(n: number): number {
  return ((((n + 3) % 7) + 7) % 7) + 1;
}

/** The day number of the Monday starting the week of day number `n`. */
export function mondayOf(n: number): number {
  return n - weekdayOfNumber(n) + 1;
}

/** '08:30' or '08:30:00' → 510; '24:00:00' → 1440 (an absence running to the end of the day). */
export function minutesOf(time: string): number {
  return Number(time.slice(0, 2)) * 60 + Number(time.slice(3, 5));
}

const instantCache = new Map<string, number>();
/** Per zone and day number: the zone's offset in minutes when it is the same all day, else null. */
const dayOffsets = new Map<string, Map<number, number | null>>();

/**
 * The instant at which the clocks of `timeZone` show `minutes` on `day`. 1440 is the next midnight.
 *
 * Most days have one UTC offset all day: then the instant is UTC midnight of the date, plus the
 * minutes, minus the offset — the offset found once per day and zone (a search converts thousands of
 * opening times over a few dozen days). On the two days a year the offset changes, @date-fns/tz
 * builds the instant from the local fields.
 *
 * Daylight saving, worked examples in Europe/Paris:
 *   ('2027-03-29', 480) → 2027-03-29T06:00:00Z  (Monday after the spring change: UTC+2)
 *   ('2027-03-26', 480) → 2027-03-26T07:00:00Z  (Friday before it: UTC+1)
 *   ('2027-10-31', 480) → 2027-10-31T07:00:00Z  (the autumn change happened at 03:00 that night)
 * A time that does not exist (02:30 on the last Sunday of March) is what TZDate makes of it (03:30);
 * opening slots at that hour on a Sunday night are not a case worth more.
 */
export function localInstant(day: string, minutes: number, timeZone: string = PARIS): number {
  return localInstantOfDay(dayNumber(day), minutes, timeZone);
}

/** `localInstant` for a day number (days since 1970-01-01), for loops over many days. */
export function localInstantOfDay(dayN: number, minutes: number, timeZone: string = PARIS): number {
  const n = dayN + Math.floor(minutes / 1440);
  const m = minutes % 1440;
  const offset = dayOffset(n, timeZone);
  if (offset !== null) return n * MS_PER_DAY + (m - offset) * 60_000;
  const key = `${timeZone}|${n}|${m}`;
  const cached = instantCache.get(key);
  if (cached !== undefined) return cached;
  const d = dayFromNumber(n);
  const instant = new TZDate(
    Number(d.slice(0, 4)),
    Number(d.slice(5, 7)) - 1,
    Number(d.slice(8, 10)),
    Math.floor(m / 60),
    m % 60,
    0,
    0,
    timeZone,
  ).getTime();
  if (instantCache.size > 10_000) instantCache.clear();
  instantCache.set(key, instant);
  return instant;
}

/**
 * The zone's offset on local day `n` when it holds all day, else null. Local day n lies within
 * [UTC midnight − 14 h, next UTC midnight + 12 h] in every zone (UTC−12 to UTC+14), and offsets change
 * at most once in such a span, so equal offsets at both ends mean no change during the day.
 */
function dayOffset(n: number, timeZone: string): number | null {
  let zone = dayOffsets.get(timeZone);
  if (!zone) {
    zone = new Map();
    dayOffsets.set(timeZone, zone);
  }
  const known = zone.get(n);
  if (known !== undefined) return known;
  const before = tzOffset(timeZone, new Date(n * MS_PER_DAY - 14 * 3_600_000));
  const after = tzOffset(timeZone, new Date((n + 1) * MS_PER_DAY + 12 * 3_600_000));
  const offset = before === after ? before : null;
  if (zone.size > 100_000) zone.clear();
  zone.set(n, offset);
  return offset;
}

/** The local day ('YYYY-MM-DD') of an instant in `timeZone`. */
export function localDay(instant: Date | number, timeZone: string = PARIS): string {
  const local = new TZDate(typeof instant === 'number' ? instant : instant.getTime(), timeZone);
  const month = String(local.getMonth() + 1).padStart(2, '0');
  const date = String(local.getDate()).padStart(2, '0');
  return `${local.getFullYear()}-${month}-${date}`;
}

/** Local minutes since midnight of an instant in `timeZone` (06:00Z on 2027-03-29 → 480). */
export function localMinutes(instant: Date | number, timeZone: string = PARIS): number {
  const local = new TZDate(typeof instant === 'number' ? instant : instant.getTime(), timeZone);
  return local.getHours() * 60 + local.getMinutes();
}

/** Every day from `from` to `to`, inclusive. */
export function daysBetween(from: string, to: string): string[] {
  const days: string[] = [];
  for (let n = dayNumber(from), last = dayNumber(to); n <= last; n++) days.push(dayFromNumber(n));
  return days;
}
