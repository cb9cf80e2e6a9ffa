import { measureSms, normaliseSmsText } from '../../messaging/sms/encoding.ts';
import { type AppointmentMessage, formatWhen } from './message.ts';

/** Appointment SMS cost at most two parts each (the messaging SMS counter decides, see encoding.ts). */
export const MAX_SMS_SEGMENTS = 2;

/**
 * « mardi 12 janvier 2027 à 9 h 30 » for an SMS. Our own words stay inside the GSM alphabet (é, è, à
 * are in it; ê, â, ç, û are not and would make the SMS UCS-2: 70 characters a part instead of 160).
 * The only month that needs it is août, written « aout » as the 1990 spelling reform allows.
 */
export function smsWhen(instant: string): string {
  return formatWhen(instant).replace('août', 'aout');
}

/**
 * The first of `versions` (fullest first) that fits in MAX_SMS_SEGMENTS once normalised as the SMS
 * channel will send it; the last one otherwise. Names, places and addresses come from agents and
 * people and may hold characters outside the GSM alphabet (« Saint-Raphaël »): then the SMS is UCS-2
 * and only the shorter versions fit, which is why every template offers several.
 */
export function fitSms(versions: string[]): string {
  for (const version of versions) {
    if (measureSms(normaliseSmsText(version)).segments <= MAX_SMS_SEGMENTS) return version;
  }
  return versions.at(-1)!;
}

/** Where or how, inside an SMS sentence: « à UTS…, 12 rue… », « par téléphone ». */
export function smsWhere(m: AppointmentMessage, short: boolean): string {
  switch (m.location) {
    case 'sur_place':
      if (!m.place) return '';
      return short ? `à ${m.place.name}` : `à ${m.place.name}, ${m.place.address}`;
    case 'telephone':
      return 'par téléphone';
    case 'visio':
      return 'en visio';
    case 'domicile':
      return 'à domicile';
  }
}

/**
 * An appointment SMS in versions from the fullest to the shortest, the first that fits is sent:
 * `head` (« RDV confirmé ») with the type, when (« le mardi… », the new start by default), where, the
 * organisation and the person's link; then without the organisation, with the place's name only,
 * without the type, and last the bare minimum (what happened, when, the link).
 */
export function appointmentSms(
  m: AppointmentMessage,
  baseUrl: string,
  parts: { head: string; when?: string },
): string {
  const when = parts.when ?? `le ${smsWhen(m.startsAt)}`;
  const link = m.managePath ? ` Annuler ou déplacer : ${baseUrl}${m.managePath}` : '';
  const shortLink = m.managePath ? ` Gérer : ${baseUrl}${m.managePath}` : '';
  // The organisation is often the place itself (« UTS de La Seyne-sur-Mer »): say it once.
  const organisation = m.place?.name === m.organisationName ? '' : ` ${m.organisationName}.`;
  const where = (short: boolean) => {
    const text = smsWhere(m, short);
    return text ? `, ${text}` : '';
  };
  return fitSms([
    `${parts.head} : ${m.typeName}, ${when}${where(false)}.${organisation}${link}`,
    `${parts.head} : ${m.typeName}, ${when}${where(false)}.${link}`,
    `${parts.head} : ${m.typeName}, ${when}${where(true)}.${link}`,
    `${parts.head} ${when}${where(true)}.${link}`,
    `${parts.head} ${when}.${shortLink}`,
  ]);
}
