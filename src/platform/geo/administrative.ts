import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { searchKey, withDe } from './text.ts';

/**
 * The French administrative map (départements, EPCI, communes) from Etalab's
 * @etalab/decoupage-administratif, published by INSEE and the DGCL. Each file is read the first time
 * it is needed and kept: the communes file is 8 MB, so a process that never looks up a commune never
 * loads it. The package's own index.js is not used: it reads every file at once, relative to the
 * current directory.
 */

export type Departement = {
  code: string;
  name: string;
  region: string;
  /** INSEE code of the préfecture's commune. */
  chefLieu: string;
  /** "Département du Var", "Département de l’Ain". */
  officialName: string;
};

export type EpciType = 'CA' | 'CC' | 'CU' | 'METRO' | 'MET69';

export type Epci = {
  /** The SIREN of the EPCI, its code in the dataset. */
  siren: string;
  /** As published: "CA Pau Béarn Pyrénées". */
  name: string;
  type: EpciType;
  /** "Communauté d’agglomération Pau Béarn Pyrénées". */
  officialName: string;
  /** The name without its "CA"/"CC"/"CU" prefix nor leading article: "Pau Béarn Pyrénées". */
  shortName: string;
  population: number | undefined;
  /** INSEE codes of its member communes. */
  communeCodes: string[];
};

export type Commune = {
  /** INSEE code (not the postal code). */
  code: string;
  name: string;
  /** "Commune de La Seyne-sur-Mer", "Commune du Havre". */
  officialName: string;
  departement: string;
  region: string;
  /** SIREN of the EPCI it belongs to, if any (Paris and a few islands belong to none). */
  epci: string | undefined;
  postalCodes: string[];
  population: number | undefined;
};

export type Place =
  | { kind: 'departement'; code: string; departement: Departement }
  | { kind: 'epci'; code: string; epci: Epci }
  | { kind: 'commune'; code: string; commune: Commune };

type RawDepartement = { code: string; nom: string; region: string; chefLieu: string; typeLiaison?: number };
type RawEpci = {
  code: string;
  nom: string;
  type: EpciType;
  populationTotale?: number;
  membres: { code: string }[];
};
type RawCommune = {
  code: string;
  nom: string;
  type: string;
  typeLiaison?: number;
  departement: string;
  region: string;
  codesPostaux?: string[];
  population?: number;
};

const require = createRequire(import.meta.url);

function readDataset<T>(name: 'departements' | 'epci' | 'communes'): T {
  const file = require.resolve(`@etalab/decoupage-administratif/data/${name}.json`);
  return JSON.parse(readFileSync(file, 'utf8')) as T;
}

/** Loads once, on first use. */
function lazy<T>(load: () => T): () => T {
  let value: T | undefined;
  return () => {
    value ??= load();
    return value;
  };
}

type Indexed<T> = { list: T[]; byCode: Map<string, T>; keys: Map<T, string> };

function index<T>(list: T[], code: (item: T) => string, name: (item: T) => string): Indexed<T> {
  return {
    list,
    byCode: new Map(list.map((item) => [code(item), item])),
    keys: new Map(list.map((item) => [item, searchKey(name(item))])),
  };
}

const epciTypeNames: Partial<Record<EpciType, string>> = {
  CA: 'Communauté d’agglomération',
  CC: 'Communauté de communes',
  CU: 'Communauté urbaine',
};

const departements = lazy(() =>
  index(
    readDataset<RawDepartement[]>('departements').map(
      (d): Departement => ({
        code: d.code,
        name: d.nom,
        region: d.region,
        chefLieu: d.chefLieu,
        officialName: `Département ${withDe(d.nom, d.typeLiaison, false)}`,
      }),
    ),
    (d) => d.code,
    (d) => d.name,
  ),
);

const epcis = lazy(() =>
  index(
    readDataset<RawEpci[]>('epci').map((e): Epci => {
      const prefix = epciTypeNames[e.type];
      const withoutPrefix = prefix ? e.nom.replace(/^(CA|CC|CU) /, '') : e.nom;
      return {
        siren: e.code,
        name: e.nom,
        type: e.type,
        officialName: prefix ? `${prefix} ${withoutPrefix}` : e.nom,
        shortName: prefix ? withoutPrefix.replace(/^(du |de la |de l['’]|des |d['’]|de )/, '') : e.nom,
        population: e.populationTotale,
        communeCodes: e.membres.map((m) => m.code),
      };
    }),
    (e) => e.siren,
    (e) => e.name,
  ),
);

/** Which EPCI each commune belongs to: the dataset lists members per EPCI, never the reverse. */
const epciOfCommune = lazy(() => {
  const map = new Map<string, string>();
  for (const e of epcis().list) for (const code of e.communeCodes) map.set(code, e.siren);
  return map;
});

const communes = lazy(() => {
  const epciByCommune = epciOfCommune();
  return index(
    readDataset<RawCommune[]>('communes')
      // Communes déléguées and associées share their code with a current commune; arrondissements
      // municipaux (Paris, Lyon, Marseille) are not communes. Only current communes are territories.
      .filter((c) => c.type === 'commune-actuelle')
      .map(
        (c): Commune => ({
          code: c.code,
          name: c.nom,
          officialName: `Commune ${withDe(c.nom, c.typeLiaison, true)}`,
          departement: c.departement,
          region: c.region,
          epci: epciByCommune.get(c.code),
          postalCodes: c.codesPostaux ?? [],
          population: c.population,
        }),
      ),
    (c) => c.code,
    (c) => c.name,
  );
});

/** A département by its INSEE code ("83", "2A", "971"). */
export function findDepartement(code: string): Departement | undefined {
  return departements().byCode.get(code.trim().toUpperCase());
}

/** An EPCI by its SIREN (9 digits). */
export function findEpci(siren: string): Epci | undefined {
  return epcis().byCode.get(siren.replace(/\s/g, ''));
}

/** A current commune by its INSEE code ("83126"); undefined for delegated or former communes. */
export function findCommune(inseeCode: string): Commune | undefined {
  return communes().byCode.get(inseeCode.trim().toUpperCase());
}

export function listDepartements(): Departement[] {
  return departements().list;
}

/** The communes of a département, by name. Empty for an unknown code. */
export function communesOfDepartement(code: string): Commune[] {
  const wanted = code.trim().toUpperCase();
  return byName(communes().list.filter((c) => c.departement === wanted));
}

/** The member communes of an EPCI, by name. Empty for an unknown SIREN. */
export function communesOfEpci(siren: string): Commune[] {
  const epci = findEpci(siren);
  if (!epci) return [];
  return byName(epci.communeCodes.map((code) => findCommune(code)).filter((c) => c !== undefined));
}

/** The place a territory of this kind and code stands for, or undefined when the code is unknown. */
export function findPlace(kind: Place['kind'], code: string): Place | undefined {
  switch (kind) {
    case 'departement': {
      const departement = findDepartement(code);
      return departement && { kind, code: departement.code, departement };
    }
    case 'epci': {
      const epci = findEpci(code);
      return epci && { kind, code: epci.siren, epci };
    }
    case 'commune': {
      const commune = findCommune(code);
      return commune && { kind, code: commune.code, commune };
    }
  }
}

export type SearchResult = { kind: Place['kind']; code: string; name: string; detail: string };

/**
 * Finds places by name for forms, ignoring accents, case, hyphens and apostrophes ("seyne" finds
 * La Seyne-sur-Mer, "st etienne" does not but "saint etienne" does). A query of digits matches the
 * start of codes instead (INSEE code, SIREN, or for communes a postal code). Best first: exact name,
 * then names starting with the query, then names containing it; larger populations first within each.
 */
export function searchPlaces(kind: Place['kind'], query: string, limit = 10): SearchResult[] {
  const key = searchKey(query);
  if (key.length === 0) return [];
  switch (kind) {
    case 'departement':
      return rank(
        departements(),
        key,
        (d) => [d.code],
        () => 0,
        limit,
      ).map((d) => ({
        kind,
        code: d.code,
        name: d.name,
        detail: d.officialName,
      }));
    case 'epci':
      return rank(
        epcis(),
        key,
        (e) => [e.siren],
        (e) => e.population ?? 0,
        limit,
      ).map((e) => ({
        kind,
        code: e.siren,
        name: e.name,
        detail: `${e.officialName} (${e.communeCodes.length} communes)`,
      }));
    case 'commune':
      return searchCommunes(query, limit).map((c) => ({
        kind,
        code: c.code,
        name: c.name,
        detail: `${c.postalCodes.join(', ')} – département ${c.departement}`,
      }));
  }
}

/** Communes by name (accent-insensitive) or by the start of an INSEE or postal code. */
export function searchCommunes(query: string, limit = 10, options: { departement?: string } = {}): Commune[] {
  const key = searchKey(query);
  if (key.length === 0) return [];
  const all = communes();
  const list = options.departement
    ? { ...all, list: all.list.filter((c) => c.departement === options.departement) }
    : all;
  return rank(
    list,
    key,
    (c) => [c.code, ...c.postalCodes],
    (c) => c.population ?? 0,
    limit,
  );
}

function rank<T>(
  data: Indexed<T>,
  key: string,
  codes: (item: T) => string[],
  weight: (item: T) => number,
  limit: number,
): T[] {
  const scored: { item: T; score: number; weight: number }[] = [];
  const byCode = /^[0-9][0-9ab]*$/.test(key.replace(/ /g, ''));
  const codeKey = key.replace(/ /g, '').toUpperCase();
  for (const item of data.list) {
    let score: number;
    if (byCode) {
      const itemCodes = codes(item);
      if (itemCodes.includes(codeKey)) score = 0;
      else if (itemCodes.some((c) => c.startsWith(codeKey))) score = 1;
      else continue;
    } else {
      const name = data.keys.get(item)!;
      if (name === key) score = 0;
      else if (name.startsWith(key)) score = 1;
      else if (name.includes(` ${key}`)) score = 2;
      else if (name.includes(key)) score = 3;
      else continue;
    }
    scored.push({ item, score, weight: weight(item) });
  }
  scored.sort((a, b) => a.score - b.score || b.weight - a.weight);
  return scored.slice(0, Math.max(0, limit)).map((s) => s.item);
}

function byName<T extends { name: string }>(list: T[]): T[] {
  return [...list].sort((a, b) => a.name.localeCompare(b.name, 'fr'));
}
