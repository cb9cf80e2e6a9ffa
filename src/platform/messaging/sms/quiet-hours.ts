import { TZDate } from '@date-fns/tz';

/**
 * No SMS in the evening or at night: a text that buzzes at 23:00 to remind someone of an appointment
 * is an intrusion, and for a public service an unwelcome one. Non-urgent SMS written between 20:00
 * and 08:00 are held until 08:00.
 *
 * The hours are the recipient's own: 20:00 in Guadeloupe (UTC−4) is 02:00 in Paris in winter, and
 * 08:00 in Paris is 10:00 or 11:00 in La Réunion (UTC+4, no daylight saving). Holding by Paris time
 * would wake Guadeloupe at 03:00 (Paris 08:00 in summer) and let Réunion receive SMS until 23:00. So
 * the time zone comes from the number (phone.ts: the overseas départements have their own country
 * codes and prefixes), and the hours below apply in that zone.
 *
 * Brevo's own rule (no marketing SMS between 22:00 and 08:00, nor on Sundays and French public
 * holidays) applies only to type "marketing"; Tremplin sends "transactional" SMS and applies this rule.
 */
export type QuietHours = { from: number; until: number };

export const QUIET_HOURS: QuietHours = { from: 20, until: 8 };

/**
 * When an SMS written at `now` may leave: undefined if now is outside the quiet hours, otherwise the
 * next `until` o'clock in `timeZone`. Examples in Europe/Paris:
 *   Tuesday 19:59 → undefined (sent now);  Tuesday 20:00 → Wednesday 08:00;  Wednesday 03:00 → 08:00.
 * 08:00 never falls in a daylight-saving gap (Europe changes at 02:00 and 03:00), so the instant is
 * well defined; on the night of the change the held SMS simply waits one hour less or more.
 */
export function endOfQuietHours(
  now: Date,
  timeZone: string,
  hours: QuietHours = QUIET_HOURS,
): Date | undefined {
  const local = new TZDate(now.getTime(), timeZone);
  const hour = local.getHours();
  const inEvening = hour >= hours.from;
  const inNight = hour < hours.until;
  if (!inEvening && !inNight) return undefined;
  // TZDate builds the instant from local fields in the zone; day 32 rolls over to the next month.
  const day = local.getDate() + (inEvening ? 1 : 0);
  const release = new TZDate(local.getFullYear(), local.getMonth(), day, hours.until, 0, 0, 0, timeZone);
  return new Date(release.getTime());
}
