import { describe, expect, it } from 'vitest';
import { freeSlug, organisationSlugBase } from './slugs.ts';

describe('freeSlug', () => {
  it.each([
    ['var', [], [], 'var'],
    ['var', ['var'], [], 'var-2'],
    ['var', ['var', 'var-2', 'var-3'], [], 'var-4'],
    ['saint-martin', ['saint-martin'], ['saint-martin-97127'], 'saint-martin-97127'],
    ['saint-martin', ['saint-martin', 'saint-martin-97127'], ['saint-martin-97127'], 'saint-martin-2'],
    ['nouvelle', [], [], 'nouvelle-2'],
  ])('%s with %j taken and fallbacks %j → %s', (base, taken, fallbacks, expected) => {
    expect(freeSlug(base, new Set(taken), { fallbacks, reserved: ['nouvelle'] })).toBe(expected);
  });
});

describe('organisationSlugBase', () => {
  it.each([
    ['CCAS de Pau', 'pau-bearn-pyrenees', 'pau-bearn-pyrenees-ccas-de-pau'],
    ['Var – Direction de l’insertion', 'var', 'var-direction-de-l-insertion'],
    ['Incubateur des territoires', null, 'incubateur-des-territoires'],
    ['!!!', null, 'organisation'],
  ])('%s in %s → %s', (name, territory, expected) => {
    expect(organisationSlugBase(name, territory)).toBe(expected);
  });
});
