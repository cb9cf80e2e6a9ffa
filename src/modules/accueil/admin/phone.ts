import { parsePhoneNumberFromString } from 'libphonenumber-js/max';

/**
 * Phone numbers in the admin: where a service's calls are transferred, and the caller's number in the
 * simulator. Numbers are stored in E.164 (+33494…), the form the SIP adapter dials; admins type them
 * the French way (« 04 94 12 34 56 »).
 */

export type Checked = { ok: true; value: string } | { ok: false; message: string };

/** sip:user@host[:port][;params] or sip:host — what a PBX or a softphone answers on. */
const SIP_URI =
  /^sips?:(?:[A-Za-z0-9._~!$&'()*+,;=%-]+@)?(?:[A-Za-z0-9.-]+|\[[0-9A-Fa-f:.]+\])(?::\d{1,5})?(?:;[^\s]*)?$/;

const PUNCTUATION = /[\s.\-/()\u00a0\u202f]/g;

/**
 * A transfer target: a SIP URI kept as typed (scheme in lower case), or a valid phone number in E.164.
 * A national number is read as French: « 04 94 12 34 56 » → +33494123456.
 */
export function normaliseTransferTarget(input: string): Checked {
  const written = input.trim();
  if (!written) return { ok: false, message: 'Indiquez un numéro de téléphone ou une adresse SIP.' };
  if (/^sips?:/i.test(written)) {
    const uri = written.replace(/^sips?:/i, (scheme) => scheme.toLowerCase());
    return SIP_URI.test(uri)
      ? { ok: true, value: uri }
      : { ok: false, message: 'Cette adresse SIP n’est pas valide : écrivez-la comme sip:accueil@10.0.0.5.' };
  }
  const number = readPhoneNumber(written);
  return number
    ? { ok: true, value: number }
    : {
        ok: false,
        message:
          'Ce numéro n’est pas valide : écrivez un numéro français (04 94 12 34 56), international (+33 4 94 12 34 56) ou une adresse SIP (sip:accueil@10.0.0.5).',
      };
}

/** A valid phone number in E.164, national numbers read as French; undefined otherwise. */
export function readPhoneNumber(input: string): string | undefined {
  const written = input.trim();
  if (!/^[\d\s.\-/()+\u00a0\u202f]+$/.test(written)) return undefined;
  const compact = written.replace(PUNCTUATION, '').replace(/^00/, '+');
  const parsed = parsePhoneNumberFromString(compact, 'FR');
  return parsed?.isValid() ? parsed.number : undefined;
}

/** +33612345678 → « 06 12 34 56 78 »; other countries in international form; SIP URIs as they are. */
export function formatPhone(value: string): string {
  if (!value.startsWith('+')) return value;
  const parsed = parsePhoneNumberFromString(value);
  if (!parsed) return value;
  return parsed.country === 'FR' ? parsed.formatNational() : parsed.formatInternational();
}
