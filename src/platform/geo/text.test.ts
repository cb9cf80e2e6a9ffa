import { describe, expect, it } from 'vitest';
import { searchKey, slugify, withDe } from './text.ts';

describe('searchKey', () => {
  it.each([
    ['Saint-Étienne-du-Rouvray', 'saint etienne du rouvray'],
    ['L’Haÿ-les-Roses', 'l hay les roses'],
    ["L'Abergement-Clémenciat", 'l abergement clemenciat'],
    ['  Œuilly  ', 'oeuilly'],
    ['PAU', 'pau'],
  ])('%s → %s', (input, expected) => {
    expect(searchKey(input)).toBe(expected);
  });
});

describe('slugify', () => {
  it.each([
    ['Direction de l’insertion', 'direction-de-l-insertion'],
    ['UTS de La Seyne-sur-Mer', 'uts-de-la-seyne-sur-mer'],
    ['CCAS  —  Pau !', 'ccas-pau'],
    ['Éé', 'ee'],
  ])('%s → %s', (input, expected) => {
    expect(slugify(input)).toBe(expected);
  });

  it('cuts long names at a word boundary', () => {
    const slug = slugify('Communauté de communes du Pays de Pontchâteau Saint-Gildas-des-Bois', 40);
    expect(slug.length).toBeLessThanOrEqual(40);
    expect(slug).toBe('communaute-de-communes-du-pays-de');
  });
});

describe('withDe', () => {
  it.each([
    ['Paris', 0, false, 'de Paris'],
    ['Ille-et-Vilaine', 1, false, 'd’Ille-et-Vilaine'],
    ['Var', 2, false, 'du Var'],
    ['Manche', 3, false, 'de la Manche'],
    ['Bouches-du-Rhône', 4, false, 'des Bouches-du-Rhône'],
    ['Ain', 5, false, 'de l’Ain'],
    ['Le Havre', 2, true, 'du Havre'],
    ['La Seyne-sur-Mer', 3, true, 'de La Seyne-sur-Mer'],
    ['Les Mées', 4, true, 'des Mées'],
    ["L'Escale", 5, true, 'de l’Escale'],
    ['Saint-Pierre', undefined, true, 'de Saint-Pierre'],
  ] as const)('%s (%s) → %s', (name, liaison, hasArticle, expected) => {
    expect(withDe(name, liaison, hasArticle)).toBe(expected);
  });
});
