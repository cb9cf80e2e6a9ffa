import type { Prepared } from '../channels.ts';
import { toPrintable, unprintableCharacters } from './printable.ts';

/**
 * A French postal address as La Poste reads it (norme NF Z 10-011): at most 6 lines of at most 38
 * characters, from the most personal to the most general —
 *
 *   Madame Aïcha BENALI                 ← name
 *   Résidence Les Mimosas Bât. B        ← optional complements (apartment, building, lieu-dit…)
 *   12 avenue de la République          ← street (or lieu-dit)
 *   83500 LA SEYNE SUR MER              ← postal code and commune (or CEDEX)
 *
 * The last line is written in capitals without accents or punctuation, as La Poste's sorting
 * machines and its official list of communes do (« La Seyne-sur-Mer » → « LA SEYNE SUR MER »).
 * Letters leave from France for France: metropolitan postal codes (01 to 95, Corsica's 20) and the
 * overseas départements and collectivities that share the metropolitan rate and addressing: 971
 * (Guadeloupe, Saint-Barthélemy, Saint-Martin), 972 Martinique, 973 Guyane, 974 La Réunion,
 * 975 Saint-Pierre-et-Miquelon, 976 Mayotte. Monaco (980xx) and the Pacific collectivities (986–988)
 * are not handled: a letter there is an international letter.
 */
export const MAX_ADDRESS_LINES = 6;
export const MAX_ADDRESS_LINE_LENGTH = 38;
const MIN_ADDRESS_LINES = 3;

export type PostalAddressCheck = { ok: true; lines: string[] } | { ok: false; reason: string };

/** Checks and normalises a postal address given as lines separated by newlines. */
export function checkPostalAddress(raw: string): PostalAddressCheck {
  const lines = raw
    .split(/\r\n|\r|\n/)
    .map((line) => line.replace(/[\s\u00a0\u202f]+/g, ' ').trim())
    .filter((line) => line !== '');
  if (lines.length === 0) return { ok: false, reason: 'adresse postale vide' };

  const unprintable = unprintableCharacters(lines.join(' '));
  if (unprintable.length > 0) {
    return {
      ok: false,
      reason: `adresse postale : caractère${unprintable.length > 1 ? 's' : ''} impossible${unprintable.length > 1 ? 's' : ''} à imprimer (${unprintable.map((c) => `« ${c} »`).join(', ')}) ; écrivez l’adresse en lettres latines`,
    };
  }
  const printable = lines.map(toPrintable);
  // Mail posted in France for France carries no country line.
  if (printable.length > 1 && /^france$/i.test(printable.at(-1)!)) printable.pop();

  if (printable.length < MIN_ADDRESS_LINES) {
    return {
      ok: false,
      reason: `adresse postale incomplète : il faut au moins le nom, la voie et la ligne « code postal commune » (${printable.length} ligne${printable.length > 1 ? 's' : ''} reçue${printable.length > 1 ? 's' : ''})`,
    };
  }
  if (printable.length > MAX_ADDRESS_LINES) {
    return {
      ok: false,
      reason: `adresse postale trop longue : ${printable.length} lignes, La Poste en admet ${MAX_ADDRESS_LINES} au plus`,
    };
  }

  const lastLine = postalLine(printable.at(-1)!);
  const match = /^(\d{5}) ([A-Z0-9].*)$/.exec(lastLine);
  if (!match || !/[A-Z]/.test(match[2]!)) {
    return {
      ok: false,
      reason: `adresse postale : la dernière ligne doit être le code postal à 5 chiffres suivi de la commune, par exemple « 83500 LA SEYNE SUR MER » (reçu : « ${printable.at(-1)} »)`,
    };
  }
  const code = match[1]!;
  const postalCodeProblem = checkPostalCode(code);
  if (postalCodeProblem) return { ok: false, reason: postalCodeProblem };

  const normalised = [...printable.slice(0, -1), lastLine];
  const tooLong = normalised.findIndex((line) => line.length > MAX_ADDRESS_LINE_LENGTH);
  if (tooLong >= 0) {
    return {
      ok: false,
      reason: `adresse postale : la ligne ${tooLong + 1} fait ${normalised[tooLong]!.length} caractères, La Poste en admet ${MAX_ADDRESS_LINE_LENGTH} au plus (« ${normalised[tooLong]} »)`,
    };
  }
  return { ok: true, lines: normalised };
}

/** The address check as a channel's `prepare` answer: the normalised lines joined by newlines. */
export function preparePostalAddress(raw: string): Prepared {
  const checked = checkPostalAddress(raw);
  return checked.ok ? { ok: true, normalised: checked.lines.join('\n') } : checked;
}

/** « 83500 La Seyne-sur-Mer » → « 83500 LA SEYNE SUR MER »: capitals, no accents, no punctuation. */
export function postalLine(line: string): string {
  return line
    .normalize('NFD')
    .replace(/\p{M}/gu, '')
    .toUpperCase()
    .replace(/Œ/g, 'OE')
    .replace(/Æ/g, 'AE')
    .replace(/[-'’‘.,;:/]/g, ' ')
    .replace(/ +/g, ' ')
    .trim();
}

/** Why a 5-digit postal code is not one we can post to, or undefined when it is. */
export function checkPostalCode(code: string): string | undefined {
  const department = Number(code.slice(0, 2));
  if (department >= 1 && department <= 95) return undefined;
  const overseas = Number(code.slice(0, 3));
  if (overseas >= 971 && overseas <= 976) return undefined;
  if (department === 98) {
    return `adresse postale : le code postal ${code} est hors de France métropolitaine et des outre-mer 971 à 976 (Monaco, Pacifique) ; ces envois ne sont pas pris en charge`;
  }
  return `adresse postale : le code postal ${code} n’existe pas`;
}
