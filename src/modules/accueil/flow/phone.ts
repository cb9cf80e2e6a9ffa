import { type CountryCode, type PhoneNumber, parsePhoneNumberFromString } from 'libphonenumber-js/max';
import { checkMobileNumber } from '../../../platform/messaging/sms/phone.ts';

/**
 * The caller's numbers as the engine sees them. Every number leaves the engine in E.164 (+33…): the
 * tickets, the SMS outbox and the caller's history compare numbers, and a national form would not
 * match an international one.
 */

/**
 * National numbers are shared by the metropole and the overseas départements, told apart by their first
 * digits (0590 Guadeloupe, 0262 La Réunion…): a number is read as metropolitan first, then as each
 * overseas département's, and the first valid reading wins.
 */
const NATIONAL_REGIONS: CountryCode[] = ['FR', 'GP', 'MQ', 'GF', 'RE', 'YT'];

/**
 * The number the network presents for the caller, in E.164, or null when it is withheld or unreadable
 * ('anonymous', a SIP user name): E.164 ('+33612345678'), with 00 or without '+' ('33612345678'), or
 * national ('0612345678', '0590123456'). A foreign number is kept: an agent can still call it back.
 */
export function callerNumberOf(presented: string | null): string | null {
  if (!presented) return null;
  const written = presented.trim();
  if (!/^\+?[\d\s.\-()]+$/.test(written)) return null;
  const digits = written.replace(/[^\d+]/g, '');
  if (digits.startsWith('+')) return valid(parsePhoneNumberFromString(digits));
  if (digits.startsWith('00')) return valid(parsePhoneNumberFromString(`+${digits.slice(2)}`));
  if (digits.startsWith('0')) return nationalReading(digits);
  return valid(parsePhoneNumberFromString(`+${digits}`));
}

/**
 * A number typed on the keypad for a callback: ten digits starting with 0 and a non-zero digit, valid
 * in the French numbering plan (metropole or overseas), not a premium-rate number. E.164 or null.
 */
export function typedCallbackNumber(digits: string): string | null {
  if (!/^0[1-9]\d{8}$/.test(digits)) return null;
  return nationalReading(digits);
}

/**
 * The number an SMS can be sent to: a French mobile (06, 07, and the overseas mobiles), as the SMS
 * outbox checks it (platform/messaging/sms/phone.ts), in E.164; null for a landline, a box (09), a
 * foreign number or nothing.
 */
export function mobileNumberOf(number: string | null): string | null {
  if (!number) return null;
  const checked = checkMobileNumber(number);
  return checked.ok ? checked.e164 : null;
}

/** A mobile typed on the keypad: ten digits starting 06 or 07 that the outbox accepts. */
export function typedMobileNumber(digits: string): string | null {
  if (!/^0[67]\d{8}$/.test(digits)) return null;
  return mobileNumberOf(digits);
}

/**
 * The digits read back to the caller: the national form for French numbers ('+33612345678' →
 * '0612345678', '+590690123456' → '0690123456'), the international one with 00 otherwise.
 */
export function spokenDigits(e164: string): string {
  const number = parsePhoneNumberFromString(e164);
  if (number && NATIONAL_REGIONS.includes(number.country as CountryCode)) {
    return number.formatNational().replace(/\D/g, '');
  }
  return `00${e164.replace(/\D/g, '')}`;
}

function nationalReading(digits: string): string | null {
  for (const region of NATIONAL_REGIONS) {
    const number = valid(parsePhoneNumberFromString(digits, region));
    if (number) return number;
  }
  return null;
}

function valid(number: PhoneNumber | undefined): string | null {
  if (!number?.isValid()) return null;
  // An agent calling a premium-rate number back would cost the service money.
  if (number.getType() === 'PREMIUM_RATE') return null;
  return number.number;
}
