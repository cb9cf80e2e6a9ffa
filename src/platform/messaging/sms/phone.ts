import { type CountryCode, type PhoneNumber, parsePhoneNumberFromString } from 'libphonenumber-js/max';

/**
 * Where Tremplin sends SMS: metropolitan France, the five overseas départements, and the collectivités
 * that share their numbering (Saint-Barthélemy and Saint-Martin share +590 with Guadeloupe;
 * Saint-Pierre-et-Miquelon is +508). Each comes with its time zone, because quiet hours are the
 * recipient's own evening (see quiet-hours.ts). Other countries are refused: the services are French
 * public services, and a foreign SMS costs several times a French one.
 */
export const SMS_REGIONS = {
  FR: { name: 'France métropolitaine', timeZone: 'Europe/Paris' },
  GP: { name: 'Guadeloupe', timeZone: 'America/Guadeloupe' },
  MQ: { name: 'Martinique', timeZone: 'America/Martinique' },
  GF: { name: 'Guyane', timeZone: 'America/Cayenne' },
  RE: { name: 'La Réunion', timeZone: 'Indian/Reunion' },
  YT: { name: 'Mayotte', timeZone: 'Indian/Mayotte' },
  BL: { name: 'Saint-Barthélemy', timeZone: 'America/St_Barthelemy' },
  MF: { name: 'Saint-Martin', timeZone: 'America/Marigot' },
  PM: { name: 'Saint-Pierre-et-Miquelon', timeZone: 'America/Miquelon' },
} as const satisfies Partial<Record<CountryCode, { name: string; timeZone: string }>>;

export type SmsRegion = keyof typeof SMS_REGIONS;

/**
 * The regions tried, in this order, for a number written in national format (starting with a single 0).
 * French national numbers are shared by the metropole and the overseas départements, which are told
 * apart by their first digits, not by their prefix:
 *
 *   06 / 07 (except below)  metropolitan mobile        → +33
 *   0690, 0691              Guadeloupe mobile          → +590   (0590 landline; 0690 also Saint-Martin, Saint-Barthélemy)
 *   0696, 0697              Martinique mobile          → +596   (0596 landline)
 *   0694                    Guyane mobile              → +594   (0594 landline)
 *   0692, 0693              La Réunion mobile          → +262   (0262, 0263 landlines)
 *   0639                    Mayotte mobile             → +262   (0269 landline)
 *
 * The ranges are those of libphonenumber's metadata (kept up to date from the ARCEP numbering plan),
 * so we do not keep our own copy: the number is read as metropolitan first, then as each overseas
 * département's, and the first reading that libphonenumber calls a valid mobile wins. The ranges do
 * not overlap, so the order only decides which landline is named in a refusal.
 */
const NATIONAL_FORMAT_REGIONS: SmsRegion[] = ['FR', 'GP', 'MQ', 'GF', 'RE', 'YT'];

/** Digits, spaces and the punctuation people write numbers with; anything else is a typing mistake. */
const ALLOWED_CHARACTERS = /^[\d\s.\-/()+\u00a0\u202f]+$/;

export type MobileNumber = { ok: true; e164: string; region: SmsRegion; timeZone: string };
export type CheckedMobileNumber = MobileNumber | { ok: false; reason: string };

/**
 * Checks that a number typed by an agent or imported from a file can receive an SMS, and gives its
 * E.164 form (+33612345678, the form stored and sent). Landlines, internet-box (09) and special
 * numbers are refused with the reason in French, shown to the agent.
 *
 * "+33 6 90 12 34 56" (a Guadeloupe mobile written with the metropolitan +33, a common slip) is read
 * as the Guadeloupe number +590 690 12 34 56: +33 69x does not exist, so there is no ambiguity.
 */
export function checkMobileNumber(input: string): CheckedMobileNumber {
  const written = input.trim();
  if (!written) return { ok: false, reason: 'numéro de téléphone manquant' };
  if (!ALLOWED_CHARACTERS.test(written)) {
    return { ok: false, reason: `numéro de téléphone illisible : « ${input} » (chiffres seulement)` };
  }
  const international = /^\s*(\+|00)/.test(written);
  // Readings are tried one by one and the first valid mobile wins: "06…" is settled by the first.
  let other: PhoneNumber | undefined;
  for (const reading of international ? [internationalReading(written)] : nationalReadings(written)) {
    if (!reading?.isValid()) continue;
    if (isMobile(reading) && isSmsRegion(reading.country)) return accepted(reading);
    other ??= reading;
  }
  if (!other) return { ok: false, reason: `numéro de téléphone invalide : « ${input} »` };
  if (!isSmsRegion(other.country)) {
    return {
      ok: false,
      reason: `numéro étranger (+${other.countryCallingCode}) : les SMS ne partent que vers les mobiles de France et d’outre-mer`,
    };
  }
  return { ok: false, reason: `${describeNonMobile(other)} : « ${input} » ne peut pas recevoir de SMS` };
}

/**
 * A number as an SMS provider writes it in its reports: E.164 with or without the "+"
 * ("33612345678"). Gives the E.164 form used in the outbox and the opt-out list, or undefined.
 */
export function e164FromProvider(digits: string): string | undefined {
  const cleaned = digits.trim().replace(/^00/, '+');
  const number = parsePhoneNumberFromString(cleaned.startsWith('+') ? cleaned : `+${cleaned}`);
  return number?.isValid() ? number.number : undefined;
}

function internationalReading(written: string): PhoneNumber | undefined {
  const number = parsePhoneNumberFromString(written.replace(/^\s*00/, '+'));
  if (number && !number.isValid() && number.countryCallingCode === '33') {
    // +33 followed by an overseas mobile (+33 690…): read it as the national number 0690….
    for (const reading of nationalReadings(`0${number.nationalNumber}`)) {
      if (reading?.isValid() && isMobile(reading)) return reading;
    }
  }
  return number;
}

function* nationalReadings(written: string): Generator<PhoneNumber | undefined> {
  for (const region of NATIONAL_FORMAT_REGIONS) yield parsePhoneNumberFromString(written, region);
}

function isMobile(number: PhoneNumber): boolean {
  const type = number.getType();
  return type === 'MOBILE' || type === 'FIXED_LINE_OR_MOBILE';
}

function isSmsRegion(country: CountryCode | undefined): country is SmsRegion {
  return country !== undefined && country in SMS_REGIONS;
}

function accepted(number: PhoneNumber): MobileNumber {
  const region = number.country as SmsRegion;
  return { ok: true, e164: number.number, region, timeZone: SMS_REGIONS[region].timeZone };
}

function describeNonMobile(number: PhoneNumber): string {
  switch (number.getType()) {
    case 'FIXED_LINE':
      return 'numéro de ligne fixe';
    case 'VOIP':
      return 'numéro de box internet (09)';
    case 'TOLL_FREE':
    case 'PREMIUM_RATE':
    case 'SHARED_COST':
    case 'UAN':
      return 'numéro spécial';
    default:
      return 'numéro qui n’est pas un mobile';
  }
}
