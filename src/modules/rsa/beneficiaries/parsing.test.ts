import { describe, expect, it } from 'vitest';
import { resolveCommune } from './commune.ts';
import { daysBetween, waitLabel } from './days.ts';
import { parseFrenchDate, parseMonth, parseTags } from './schemas.ts';

describe('dates as agents type them', () => {
  it.each([
    ['14/07/1988', '1988-07-14'],
    ['4/7/1988', '1988-07-04'],
    ['14.07.1988', '1988-07-14'],
    ['1988-07-14', '1988-07-14'],
    ['29/02/2024', '2024-02-29'],
    ['29/02/2025', null],
    ['31/04/2025', null],
    ['2025-13-01', null],
    ['14/07/88', null],
    ['demain', null],
  ])('%s → %s', (input, expected) => {
    expect(parseFrenchDate(input)).toBe(expected);
  });

  it.each([
    ['2025-03', '2025-03'],
    ['03/2025', '2025-03'],
    ['3/2025', '2025-03'],
    ['2025-13', null],
    ['2025', null],
  ])('month %s → %s', (input, expected) => {
    expect(parseMonth(input)).toBe(expected);
  });
});

describe('tags', () => {
  it('trims, drops empties and duplicates', () => {
    expect(parseTags(' jeune, mobilité ,, jeune ; sans  voiture')).toEqual([
      'jeune',
      'mobilité',
      'sans voiture',
    ]);
    expect(parseTags('')).toEqual([]);
  });
});

describe('waiting times', () => {
  it('counts calendar days, across a daylight-saving change', () => {
    expect(daysBetween('2025-03-24', '2025-03-31')).toBe(7);
    expect(daysBetween('2025-01-15', '2025-01-15')).toBe(0);
    expect(daysBetween('2024-12-31', '2025-03-01')).toBe(60);
  });

  it.each([
    [1, '1 jour'],
    [45, '45 jours'],
    [60, '60 jours'],
    [254, '254 jours, soit 8 mois'],
    [-3, 'à venir'],
  ])('%i days read « %s »', (days, label) => {
    expect(waitLabel(days)).toBe(label);
  });
});

describe('communes typed in the edit form', () => {
  it('finds a commune by INSEE code or by name, accents and hyphens aside', () => {
    expect(resolveCommune({ commune: '83126', postalCode: '' })).toEqual({
      ok: true,
      code: '83126',
      name: 'La Seyne-sur-Mer',
    });
    expect(resolveCommune({ commune: 'la seyne sur mer', postalCode: '83500' })).toMatchObject({
      code: '83126',
    });
    expect(resolveCommune({ commune: 'DRAGUIGNAN', postalCode: '' })).toMatchObject({ code: '83050' });
  });

  it('tells communes of the same name apart by postal code, then by the territory’s département', () => {
    const ambiguous = resolveCommune({ commune: 'Saint-Martin', postalCode: '' });
    expect(ambiguous).toEqual({
      ok: false,
      errors: {
        commune:
          'Plusieurs communes portent ce nom : indiquez le code postal ou le code INSEE de la commune.',
      },
    });
    // La Garde is in the Var, the Alpes-de-Haute-Provence and the Isère.
    expect(resolveCommune({ commune: 'La Garde', postalCode: '04120' })).toMatchObject({ code: '04092' });
    // Le Castellet is in the Var and the Alpes-de-Haute-Provence: the Var's own for the Var's records.
    expect(resolveCommune({ commune: 'Le Castellet', postalCode: '' })).toMatchObject({ ok: false });
    const local = resolveCommune({ commune: 'Le Castellet', postalCode: '' }, { departement: '83' });
    expect(local).toMatchObject({ ok: true, code: '83035' });
  });

  it('explains what is wrong', () => {
    expect(resolveCommune({ commune: '99999', postalCode: '' })).toEqual({
      ok: false,
      errors: { commune: 'Aucune commune n’a le code INSEE 99999 : vérifiez-le.' },
    });
    expect(resolveCommune({ commune: 'Toulon', postalCode: '83500' })).toEqual({
      ok: false,
      errors: { code_postal: 'Ce code postal n’est pas celui de Toulon (83000, 83100, 83200).' },
    });
    expect(resolveCommune({ commune: 'Atlantide', postalCode: '' })).toMatchObject({
      ok: false,
      errors: { commune: expect.stringContaining('Cette commune est inconnue') },
    });
  });
});
