import { findCommune, searchCommunes } from '../../../platform/geo/administrative.ts';
import { searchKey } from '../../../platform/geo/text.ts';

/**
 * The commune of an address as an agent types it: an INSEE code ("83126"), or a name ("la seyne sur
 * mer"), with the postal code to tell apart communes of the same name (there are 7 Saint-Martin in
 * the Var's neighbours). Names are compared without accents, case or hyphens; when several communes
 * share the name, the postal code decides, then the territory's département.
 */
export type ResolvedCommune =
  | { ok: true; code: string; name: string }
  | { ok: false; errors: { commune?: string; code_postal?: string } };

export function resolveCommune(
  input: { commune: string; postalCode: string },
  options: { departement?: string } = {},
): ResolvedCommune {
  const text = input.commune.trim();
  const postalCode = input.postalCode.trim();
  if (/^(\d{5}|2[AB]\d{3})$/i.test(text)) {
    const commune = findCommune(text);
    if (!commune) {
      return { ok: false, errors: { commune: `Aucune commune n’a le code INSEE ${text} : vérifiez-le.` } };
    }
    if (postalCode && !commune.postalCodes.includes(postalCode)) {
      return {
        ok: false,
        errors: {
          code_postal: `Ce code postal n’est pas celui de ${commune.name} (${commune.postalCodes.join(', ')}).`,
        },
      };
    }
    return { ok: true, code: commune.code, name: commune.name };
  }
  const key = searchKey(text);
  let named = searchCommunes(text, 50).filter((c) => searchKey(c.name) === key);
  if (named.length === 0) {
    return {
      ok: false,
      errors: {
        commune: 'Cette commune est inconnue : vérifiez son nom ou saisissez son code INSEE (5 caractères).',
      },
    };
  }
  if (postalCode) {
    const withPostalCode = named.filter((c) => c.postalCodes.includes(postalCode));
    if (withPostalCode.length === 0) {
      return {
        ok: false,
        errors: {
          code_postal:
            named.length === 1
              ? `Ce code postal n’est pas celui de ${named[0]!.name} (${named[0]!.postalCodes.join(', ')}).`
              : `Aucune commune de ce nom n’a ce code postal : vérifiez-le.`,
        },
      };
    }
    named = withPostalCode;
  }
  if (named.length > 1 && options.departement) {
    const local = named.filter((c) => c.departement === options.departement);
    if (local.length > 0) named = local;
  }
  if (named.length > 1) {
    return {
      ok: false,
      errors: {
        commune:
          'Plusieurs communes portent ce nom : indiquez le code postal ou le code INSEE de la commune.',
      },
    };
  }
  return { ok: true, code: named[0]!.code, name: named[0]!.name };
}
