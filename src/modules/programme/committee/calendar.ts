import {
  addDays,
  dayNumber,
  localDay,
  localInstant,
  PARIS,
} from '../../../platform/scheduling/slots/calendar.ts';

/**
 * The committee's calendar, in Europe/Paris days ('YYYY-MM-DD'). Pure: every function takes the
 * instants and days it needs, so the table tests in calendar.test.ts pin the daylight-saving cases.
 *
 * Materials are due on D-7: the committee's local day minus seven days, due by the end of that day.
 * A committee on Tuesday 2019-06-04 at 09:30 has its materials due on Tuesday 2019-05-28; a deposit at
 * 23:59 (Paris) on the 28th is on time, one at 00:10 on the 29th is late.
 */

export const MATERIALS_NOTICE_DAYS = 7;
/** The first reminder goes this many days before the due day; the second on the due day. */
export const FIRST_REMINDER_DAYS = 3;

/** The committee's day in Paris. */
export function committeeDay(meetsAt: Date): string {
  return localDay(meetsAt, PARIS);
}

/** D-7: the last day to deposit materials. */
export function materialsDueOn(meetsAt: Date): string {
  return addDays(committeeDay(meetsAt), -MATERIALS_NOTICE_DAYS);
}

export type MaterialsState = 'deposes' | 'en_retard' | 'manquants';

/**
 * Where an item's materials are: deposited on time, deposited after D-7 (accepted, flagged), or
 * missing (`overdue` once D-7 has passed without them). The deposit time is the last submission's.
 */
export function materialsState(
  submittedAt: Date | null,
  dueOn: string,
  today: string,
): { state: MaterialsState; overdue: boolean } {
  if (!submittedAt) return { state: 'manquants', overdue: today > dueOn };
  return { state: localDay(submittedAt, PARIS) > dueOn ? 'en_retard' : 'deposes', overdue: false };
}

export type MaterialsReminder = 'j-3' | 'j';

/**
 * Which reminder a team without materials gets today: 'j-3' from three days before D-7 (a daily
 * run that missed its day still sends it the day after), 'j' on D-7 itself; none otherwise.
 */
export function materialsReminderFor(dueOn: string, today: string): MaterialsReminder | null {
  if (today === dueOn) return 'j';
  if (today >= addDays(dueOn, -FIRST_REMINDER_DAYS) && today < dueOn) return 'j-3';
  return null;
}

/** The instant a committee meets, from the day and time typed in Paris ('2019-06-04', '09:30'). */
export function meetingInstant(day: string, time: string): Date {
  const [hours, minutes] = time.split(':').map(Number);
  return new Date(localInstant(day, hours! * 60 + minutes!, PARIS));
}

/**
 * The same day n months later, clamped to the month's last day (2019-01-31 + 1 month = 2019-02-28):
 * the bounds of a provisional decision's due date.
 */
export function addMonths(day: string, months: number): string {
  const year = Number(day.slice(0, 4));
  const month = Number(day.slice(5, 7)) - 1 + months;
  const targetYear = year + Math.floor(month / 12);
  const targetMonth = ((month % 12) + 12) % 12;
  const lastDay = new Date(Date.UTC(targetYear, targetMonth + 1, 0)).getUTCDate();
  const date = Math.min(Number(day.slice(8, 10)), lastDay);
  return new Date(Date.UTC(targetYear, targetMonth, date)).toISOString().slice(0, 10);
}

/** A 'YYYY-MM-DD' that names a real day (2019-02-30 does not). */
export function isRealDay(value: string): boolean {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(value)) return false;
  return new Date(dayNumber(value) * 86_400_000).toISOString().slice(0, 10) === value;
}
