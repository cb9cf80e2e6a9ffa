import { localDay, localInstant, localMinutes } from '../../../../platform/scheduling/slots/calendar.ts';

/**
 * Where a call stands: « à venir » before it opens, « ouvert » from its opening instant (included) to
 * its closing instant (excluded), then « clos ». Submissions and edits happen only while it is open.
 */
export type CallState = 'a_venir' | 'ouvert' | 'clos';

export const callStateLabels: Record<CallState, string> = {
  a_venir: 'À venir',
  ouvert: 'Ouvert',
  clos: 'Clos',
};

export function callStateAt(call: { opensAt: Date; closesAt: Date }, now: Date): CallState {
  if (now < call.opensAt) return 'a_venir';
  return now < call.closesAt ? 'ouvert' : 'clos';
}

/**
 * The instant an agent means by a day and a time in Paris: ('2026-03-31', '23:59') → 21:59Z (summer
 * time), ('2026-01-15', '09:00') → 08:00Z. Calls are announced in French local time.
 */
export function parisInstant(day: string, time: string): Date {
  const [hours, minutes] = time.split(':').map(Number);
  return new Date(localInstant(day, hours! * 60 + minutes!));
}

/** The day and the time an instant shows in Paris, to fill the form again: the reverse of parisInstant. */
export function parisDayAndTime(instant: Date): { day: string; time: string } {
  const minutes = localMinutes(instant);
  const pad = (n: number) => String(n).padStart(2, '0');
  return { day: localDay(instant), time: `${pad(Math.floor(minutes / 60))}:${pad(minutes % 60)}` };
}
