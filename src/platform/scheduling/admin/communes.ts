import { type Commune, findCommune, searchCommunes } from '../../geo/administrative.ts';

/** « La Seyne-sur-Mer (83126) »: how a place's commune is shown in its form, and read back. */
export function communeLabel(code: string): string {
  const commune = findCommune(code);
  return commune ? `${commune.name} (${commune.code})` : code;
}

export function communeName(code: string): string {
  return findCommune(code)?.name ?? code;
}

export type CommuneResolution =
  | { ok: true; commune: Commune }
  | { ok: false; message: string; choices: Commune[] };

/**
 * The commune meant by what was typed in a form: an INSEE code, a name (accents and case ignored),
 * a postal code, or a label « Nom (code) » as the form shows it. A choice among several candidates
 * (`chosenCode`, from the radio buttons shown after an ambiguous entry) wins when it is a real commune.
 */
export function resolveCommune(text: string, chosenCode?: string | null): CommuneResolution {
  if (chosenCode) {
    const chosen = findCommune(chosenCode);
    if (chosen) return { ok: true, commune: chosen };
  }
  const trimmed = text.trim();
  const labelled = /\(([0-9][0-9AB][0-9]{3})\)\s*$/i.exec(trimmed)?.[1] ?? trimmed;
  const byCode = /^[0-9][0-9AB][0-9]{3}$/i.test(labelled) ? findCommune(labelled.toUpperCase()) : undefined;
  if (byCode) return { ok: true, commune: byCode };
  const candidates = searchCommunes(trimmed, 8);
  if (candidates.length === 0) {
    return {
      ok: false,
      message: 'Aucune commune ne correspond : vérifiez l’orthographe ou saisissez le code postal.',
      choices: [],
    };
  }
  const key = (s: string) =>
    s
      .normalize('NFD')
      .replace(/\p{Diacritic}/gu, '')
      .replace(/[-’']/g, ' ')
      .toLowerCase();
  const exact = candidates.filter((c) => key(c.name) === key(trimmed));
  if (candidates.length === 1) return { ok: true, commune: candidates[0]! };
  if (exact.length === 1 && !/^\d/.test(trimmed)) return { ok: true, commune: exact[0]! };
  return {
    ok: false,
    message: 'Plusieurs communes correspondent : choisissez la bonne dans la liste.',
    choices: candidates,
  };
}
