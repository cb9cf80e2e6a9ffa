import { slugify } from '../geo/text.ts';

/**
 * Picks the first free slug among `base`, then each fallback, then `base-2`, `base-3`…, skipping the
 * reserved words that are paths of their own (/admin/organisations/nouvelle). `taken` holds the slugs
 * already used that start with `base` (and with each fallback).
 */
export function freeSlug(
  base: string,
  taken: Set<string>,
  options: { fallbacks?: string[]; reserved?: string[] } = {},
): string {
  const unavailable = (slug: string) => taken.has(slug) || (options.reserved ?? []).includes(slug);
  for (const candidate of [base, ...(options.fallbacks ?? [])]) {
    if (candidate && !unavailable(candidate)) return candidate;
  }
  for (let n = 2; ; n++) {
    const candidate = `${base}-${n}`;
    if (!unavailable(candidate)) return candidate;
  }
}

/**
 * An organisation's slug starts with its territory's, so that the many "CCAS" of France stay readable
 * and distinct: "pau-bearn-pyrenees" + "CCAS de Pau" → "pau-bearn-pyrenees-ccas-de-pau".
 */
export function organisationSlugBase(name: string, territorySlug: string | null): string {
  const own = slugify(name, 50) || 'organisation';
  if (!territorySlug || own.startsWith(territorySlug)) return own;
  return `${territorySlug}-${own}`.slice(0, 80).replace(/-+$/, '');
}
