import { parisDayStart } from '../audit/journal-filter.ts';
import type { Channel } from './channels.ts';

/**
 * What an organisation's messages cost, month by month (Europe/Paris): emails sent, SMS and their
 * segments (what an SMS provider bills: a 160-character GSM-7 text is one segment, a longer one or one
 * with an emoji several), and letters printed. Pure: the caller gives `now` and the counted rows.
 */
export type MonthlyCost = {
  /** yyyy-mm, in Europe/Paris. */
  month: string;
  emails: number;
  sms: number;
  smsSegments: number;
  letters: number;
};

const yearMonth = new Intl.DateTimeFormat('en-CA', {
  timeZone: 'Europe/Paris',
  year: 'numeric',
  month: '2-digit',
});

/** The Paris month of an instant, yyyy-mm (31/12 23:30 UTC is already January in Paris). */
export function parisMonth(at: Date): string {
  return yearMonth.format(at).slice(0, 7);
}

/**
 * The last `count` months up to the one of `now`, newest first, and the instant the oldest starts in
 * Paris (the lower bound of the query). Example: now 2025-03-10, count 3 → 2025-03, 2025-02, 2025-01,
 * since 2024-12-31T23:00:00Z.
 */
export function recentMonths(now: Date, count: number): { months: string[]; since: Date } {
  const [year, month] = parisMonth(now).split('-').map(Number) as [number, number];
  const months: string[] = [];
  for (let i = 0; i < count; i++) {
    const date = new Date(Date.UTC(year, month - 1 - i, 1));
    months.push(date.toISOString().slice(0, 7));
  }
  return { months, since: parisDayStart(`${months.at(-1)}-01`) };
}

/** One line per month (months with nothing sent show zeros), from per-month-and-channel counts. */
export function summariseCosts(
  months: string[],
  rows: { month: string; channel: Channel; messages: number; segments: number }[],
): MonthlyCost[] {
  return months.map((month) => {
    const of = (channel: Channel) => rows.find((r) => r.month === month && r.channel === channel);
    return {
      month,
      emails: of('email')?.messages ?? 0,
      sms: of('sms')?.messages ?? 0,
      smsSegments: of('sms')?.segments ?? 0,
      letters: of('letter')?.messages ?? 0,
    };
  });
}

const monthName = new Intl.DateTimeFormat('fr-FR', { month: 'long', year: 'numeric', timeZone: 'UTC' });

/** "2025-03" → "mars 2025". */
export function monthLabel(month: string): string {
  const [year, m] = month.split('-').map(Number) as [number, number];
  return monthName.format(new Date(Date.UTC(year, m - 1, 15)));
}
