import {
  type Commune,
  communesOfDepartement,
  communesOfEpci,
  findCommune,
  searchCommunes,
} from '../../../platform/geo/administrative.ts';
import { searchKey } from '../../../platform/geo/text.ts';

/**
 * Finds the INSEE code of the commune a row names, by postal code and name, among the communes of
 * the importing territory (a département's, an EPCI's, or the commune itself). Lists write names in
 * capitals without accents and shorten « Saint » (« ST RAPHAEL », « LA SEYNE SUR MER »), and may
 * give an INSEE code instead of a name: all are recognised. A name the territory does not have, or a
 * postal code that does not match it, is an unknown commune: the row is rejected rather than
 * assigned to the wrong sector.
 */
export type CommuneResolver = (input: {
  postalCode: string;
  name: string;
}) => { ok: true; commune: Commune } | { ok: false; reason: string };

export type TerritoryPlace = { kind: 'departement' | 'epci' | 'commune'; code: string };

/** « ST RAPHAEL », « Saint-Raphaël » and « saint raphael » give the same key. */
export function communeKey(name: string): string {
  return searchKey(name)
    .replace(/\bste\b/g, 'sainte')
    .replace(/\bst\b/g, 'saint')
    .replace(/\bcedex\b.*$/, '')
    .replace(/ /g, '');
}

function communesOf(place: TerritoryPlace): Commune[] | null {
  switch (place.kind) {
    case 'departement': {
      const list = communesOfDepartement(place.code);
      return list.length ? list : null;
    }
    case 'epci': {
      const list = communesOfEpci(place.code);
      return list.length ? list : null;
    }
    case 'commune': {
      const commune = findCommune(place.code);
      return commune ? [commune] : null;
    }
  }
}

/**
 * A resolver for one territory. A territory whose code is not in the administrative map (a test
 * territory) accepts every French commune.
 */
export function communeResolver(place: TerritoryPlace): CommuneResolver {
  const list = communesOf(place);
  const byPostalCode = new Map<string, Commune[]>();
  const byName = new Map<string, Commune[]>();
  const add = (map: Map<string, Commune[]>, key: string, commune: Commune) => {
    const entry = map.get(key);
    if (entry) entry.push(commune);
    else map.set(key, [commune]);
  };
  for (const commune of list ?? []) {
    for (const code of commune.postalCodes) add(byPostalCode, code, commune);
    add(byName, communeKey(commune.name), commune);
  }
  const inTerritory = (commune: Commune | undefined) =>
    commune !== undefined && (list === null || list.includes(commune));
  const candidatesByPostalCode = (code: string): Commune[] =>
    list
      ? (byPostalCode.get(code) ?? [])
      : searchCommunes(code, 50).filter((c) => c.postalCodes.includes(code));
  const candidatesByName = (key: string, name: string): Commune[] =>
    list ? (byName.get(key) ?? []) : searchCommunes(name, 50).filter((c) => communeKey(c.name) === key);

  return ({ postalCode, name }) => {
    const code = postalCode.replace(/\s/g, '');
    const label = [name.trim() && `« ${name.trim()} »`, code].filter(Boolean).join(' ');
    const unknown = { ok: false as const, reason: `Commune inconnue : ${label}` };
    if (!code && !name.trim()) return { ok: false, reason: 'Commune manquante' };
    // An INSEE code in the commune column (5 characters, « 83126 », « 2A004 »).
    if (/^[0-9][0-9AB][0-9]{3}$/i.test(name.trim())) {
      const commune = findCommune(name.trim());
      return inTerritory(commune) ? { ok: true, commune: commune! } : unknown;
    }
    const key = communeKey(name);
    if (code) {
      const candidates = candidatesByPostalCode(code);
      if (!key) {
        if (candidates.length === 1) return { ok: true, commune: candidates[0]! };
        if (candidates.length > 1)
          return {
            ok: false,
            reason: `Commune manquante : le code postal ${code} couvre plusieurs communes (${candidates.map((c) => c.name).join(', ')})`,
          };
        return unknown;
      }
      const named = candidates.find((c) => communeKey(c.name) === key);
      return named ? { ok: true, commune: named } : unknown;
    }
    const named = candidatesByName(key, name);
    if (named.length === 1) return { ok: true, commune: named[0]! };
    if (named.length > 1)
      return {
        ok: false,
        reason: `Code postal manquant : plusieurs communes s’appellent « ${name.trim()} »`,
      };
    return unknown;
  };
}
