import Holidays from 'date-holidays';

/**
 * French public holidays (jours fériés), computed by date-holidays — Easter-based ones included
 * (Easter Monday, Ascension, Whit Monday). Opening slots are closed on them unless they say otherwise.
 *
 * Some départements have more: Alsace-Moselle (57, 67, 68) also Good Friday and 26 December (local
 * law kept since 1918); the overseas départements the abolition of slavery on their own date
 * (Guadeloupe 27 May, Martinique 22 May, Guyane 10 June, La Réunion 20 December, Mayotte 27 April).
 * Only holidays of type 'public' count: date-holidays also lists observances (Mother's Day,
 * Whit Sunday) on which services are open.
 */

/** date-holidays' region codes for the départements with holidays of their own. */
const regions: Record<string, string> = {
  '57': '57',
  '67': '67',
  '68': '68',
  '971': 'GP',
  '972': 'MQ',
  '973': 'GF',
  '974': 'RE',
  '976': 'YT',
};

/**
 * The département of a commune's INSEE code: its first two characters ('83137' → '83', Corsica
 * '2A004' → '2A'), or three for the overseas départements ('97411' → '974').
 */
export function departementOf(communeCode: string): string {
  return communeCode.startsWith('97') ? communeCode.slice(0, 3) : communeCode.slice(0, 2).toUpperCase();
}

const cache = new Map<string, Set<string>>();

/** The public holidays of a year ('YYYY-MM-DD', sorted) in mainland France or in a département. */
export function publicHolidays(year: number, departement?: string): string[] {
  return [...holidaySet(year, departement)].sort();
}

/**
 * Whether a local day is a public holiday, nationally or in the département when given:
 * '2027-03-29' (Easter Monday) → true; '2027-03-26' (Good Friday) → false, but true in '57'.
 */
export function isPublicHoliday(day: string, departement?: string): boolean {
  return holidaySet(Number(day.slice(0, 4)), departement).has(day);
}

function holidaySet(year: number, departement?: string): Set<string> {
  const region = departement ? regions[departement] : undefined;
  const key = `${year}|${region ?? ''}`;
  let days = cache.get(key);
  if (!days) {
    const calendar = region ? new Holidays('FR', region) : new Holidays('FR');
    days = new Set(
      calendar
        .getHolidays(year)
        .filter((h) => h.type === 'public')
        .map((h) => h.date.slice(0, 10)),
    );
    cache.set(key, days);
  }
  return days;
}
