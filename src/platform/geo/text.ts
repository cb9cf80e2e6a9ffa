/**
 * Text helpers for French place names: searching without caring about accents, case, hyphens or
 * apostrophes, and building URL slugs. Pure functions, tested in text.test.ts.
 */

/** "Saint-Étienne-du-Rouvray" and "saint etienne du rouvray" give the same key. */
export function searchKey(value: string): string {
  return value
    .normalize('NFD')
    .replace(/\p{Diacritic}/gu, '')
    .toLowerCase()
    .replace(/œ/g, 'oe')
    .replace(/æ/g, 'ae')
    .replace(/[^a-z0-9]+/g, ' ')
    .trim();
}

/** "Direction de l’insertion" → "direction-de-l-insertion" (ASCII letters, digits and hyphens only). */
export function slugify(value: string, maxLength = 60): string {
  const slug = searchKey(value).replace(/ /g, '-');
  if (slug.length <= maxLength) return slug;
  // Cut at a word boundary when there is one, so a slug never ends in half a word.
  const cut = slug.slice(0, maxLength + 1);
  const lastHyphen = cut.lastIndexOf('-');
  return (lastHyphen > maxLength / 2 ? cut.slice(0, lastHyphen) : slug.slice(0, maxLength)).replace(
    /-+$/,
    '',
  );
}

/**
 * INSEE's "type de nom en clair" (TNCC, `typeLiaison` in the dataset) says which article a name takes,
 * so that "de" combines with it correctly:
 *   0 → "de Paris", 1 → "d’Ille-et-Vilaine", 2 → "du Var" / "du Havre" (from "Le Havre"),
 *   3 → "de la Manche" / "de La Seyne-sur-Mer", 4 → "des Bouches-du-Rhône" / "des Mées" (from "Les Mées"),
 *   5 → "de l’Ain" / "de l’Escale" (from "L'Escale").
 * Département names carry no article in the dataset; commune names do ("Le Havre"), hence `nameHasArticle`.
 */
export function withDe(name: string, typeLiaison: number | undefined, nameHasArticle: boolean): string {
  switch (typeLiaison) {
    case 1:
      return `d’${name}`;
    case 2:
      return nameHasArticle ? `du ${name.replace(/^Le /, '')}` : `du ${name}`;
    case 3:
      return nameHasArticle ? `de ${name}` : `de la ${name}`;
    case 4:
      return nameHasArticle ? `des ${name.replace(/^Les /, '')}` : `des ${name}`;
    case 5:
      return nameHasArticle ? `de l’${name.replace(/^L['’]/, '')}` : `de l’${name}`;
    default:
      return `de ${name}`;
  }
}
