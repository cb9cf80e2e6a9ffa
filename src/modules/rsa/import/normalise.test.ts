import { describe, expect, it } from 'vitest';
import { communeResolver } from './communes.ts';
import { type ColumnMapping, columnIndexes, headerKey, missingRequired, resolveMapping } from './mapping.ts';
import { normalisePhone, normaliseRow, parseFrenchDate, parseRole } from './normalise.ts';

describe('parseFrenchDate', () => {
  it.each([
    ['12/05/1990', '1990-05-12'],
    ['1/2/1990', '1990-02-01'],
    ['12-05-1990', '1990-05-12'],
    ['12.05.1990', '1990-05-12'],
    ['12/05/1990 00:00:00', '1990-05-12'],
    ['1990-05-12', '1990-05-12'],
    ['1990-05-12T00:00:00Z', '1990-05-12'],
    ['12 mai 1990', '1990-05-12'],
    [33005, '1990-05-12'],
    [33005.75, '1990-05-12'],
    ['31/02/1990', null],
    ['29/02/2023', null],
    ['29/02/2024', '2024-02-29'],
    ['32/01/1990', null],
    ['12/13/1990', null],
    ['demain', null],
    ['', null],
    [-3, null],
  ])('%s → %s', (input, expected) => {
    expect(parseFrenchDate(input)).toBe(expected);
  });
});

describe('parseRole', () => {
  it.each([
    ['DEM', 'demandeur'],
    ['Demandeur', 'demandeur'],
    ['', 'demandeur'],
    ['CJT', 'conjoint'],
    ['Conjoint', 'conjoint'],
    ['conjointe', 'conjoint'],
    ['enfant', undefined],
  ])('%s → %s', (input, expected) => {
    expect(parseRole(input)).toBe(expected);
  });
});

describe('normalisePhone', () => {
  it.each([
    ['06 12 34 56 78', '+33612345678'],
    ['06.12.34.56.78', '+33612345678'],
    ['+33 6 12 34 56 78', '+33612345678'],
    ['0033612345678', '+33612345678'],
    ['612345678', '+33612345678'],
    ['04 94 00 00 00', '+33494000000'],
    ['12345', undefined],
    ['06 12 34', undefined],
    // 0639 is Mayotte's mobile range: read as +262, never as a metropolitan +33 that does not exist.
    ['06 39 40 12 34', '+262639401234'],
    ['+33 6 39 98 11 22', undefined],
  ])('%s → %s', (input, expected) => {
    expect(normalisePhone(input)).toBe(expected);
  });
});

describe('communeResolver (Var)', () => {
  const resolve = communeResolver({ kind: 'departement', code: '83' });
  it.each([
    [{ postalCode: '83500', name: 'LA SEYNE SUR MER' }, '83126'],
    [{ postalCode: '83500', name: 'La Seyne-sur-Mer' }, '83126'],
    [{ postalCode: '83700', name: 'ST RAPHAEL' }, '83118'],
    [{ postalCode: '', name: 'Hyères' }, '83069'],
    [{ postalCode: '83000', name: '' }, '83137'],
    [{ postalCode: '', name: '83137' }, '83137'],
  ])('%o → %s', (input, code) => {
    const result = resolve(input);
    expect(result.ok && result.commune.code).toBe(code);
  });

  it.each([
    [{ postalCode: '83000', name: 'Touloun' }, 'Commune inconnue : « Touloun » 83000'],
    [{ postalCode: '13001', name: 'Marseille' }, 'Commune inconnue : « Marseille » 13001'],
    [{ postalCode: '', name: '' }, 'Commune manquante'],
    [{ postalCode: '83000', name: 'La Seyne-sur-Mer' }, 'Commune inconnue : « La Seyne-sur-Mer » 83000'],
  ])('%o is refused: %s', (input, reason) => {
    const result = resolve(input);
    expect(result.ok ? 'accepted' : result.reason).toBe(reason);
  });
});

describe('mapping', () => {
  it('recognises common headers without accents, case or punctuation', () => {
    const headers = [
      'NUMALLOC',
      'ROLE',
      'NOM',
      'PRENOM',
      'DATE_NAISSANCE',
      'ADRESSE',
      'CP',
      'VILLE',
      'TEL',
      'E-mail',
      'Date d’entrée RSA',
      'NIR',
      'Autre',
    ];
    expect(resolveMapping(headers)).toEqual({
      allocataireNumber: 'NUMALLOC',
      role: 'ROLE',
      lastName: 'NOM',
      firstName: 'PRENOM',
      birthDate: 'DATE_NAISSANCE',
      address: 'ADRESSE',
      postalCode: 'CP',
      commune: 'VILLE',
      phone: 'TEL',
      email: 'E-mail',
      rightsOpenedOn: 'Date d’entrée RSA',
      nir: 'NIR',
    });
    expect(headerKey('N° d’allocataire')).toBe('ndallocataire');
    expect(resolveMapping(['Matricule', 'Numéro allocataire']).allocataireNumber).toBe('Numéro allocataire');
  });

  it('prefers the organisation’s saved choice when the file has that column', () => {
    const headers = ['Nom', 'Nom de jeune fille', 'Prénom usuel', 'Prénom'];
    const saved: ColumnMapping = {
      lastName: 'nom de jeune fille',
      firstName: 'Prénom usuel',
      email: 'Mail perso',
    };
    expect(resolveMapping(headers, saved)).toEqual({
      lastName: 'Nom de jeune fille',
      firstName: 'Prénom usuel',
    });
    expect(missingRequired(['Nom', 'Ville'], resolveMapping(['Nom', 'Ville']))).toEqual(['firstName']);
  });
});

describe('normaliseRow', () => {
  const headers = ['Matricule', 'Nom', 'Prénom', 'Né le', 'CP', 'Commune', 'Tél', 'Mail', 'NIR'];
  const base = ['77', ' DUPONT ', 'Marie  Claire', '12/05/1990', '83500', 'La Seyne-sur-Mer', '', '', ''];
  const context = (nirEnabled = false) => ({
    columns: columnIndexes(headers, resolveMapping(headers)),
    resolveCommune: communeResolver({ kind: 'departement', code: '83' }),
    today: '2025-06-01',
    nirEnabled,
  });
  const row = (changes: Record<number, string>, nirEnabled = false) =>
    normaliseRow({ line: 4, cells: base.map((v, i) => changes[i] ?? v) }, context(nirEnabled));

  it('gives the fields in their stored form', () => {
    expect(row({ 6: '0612345678', 7: ' Marie@Exemple.FR ', 8: '2 90 05 83 126 012 34' })).toEqual({
      ok: true,
      person: {
        line: 4,
        allocataireNumber: '77',
        role: 'demandeur',
        lastName: 'DUPONT',
        firstName: 'Marie Claire',
        birthDate: '1990-05-12',
        address: null,
        postalCode: '83500',
        communeCode: '83126',
        communeName: 'La Seyne-sur-Mer',
        phone: '+33612345678',
        email: 'marie@exemple.fr',
        rightsOpenedOn: null,
        nir: null,
      },
    });
    const withNir = row({ 8: '2 90 05 83 126 012 34' }, true);
    expect(withNir.ok && withNir.person.nir).toBe('290058312601234');
  });

  it.each([
    [{ 1: '' }, 'Nom manquant'],
    [{ 1: '', 2: ' ' }, 'Nom manquant ; Prénom manquant'],
    [{ 3: '31/02/1990' }, 'Date de naissance impossible : « 31/02/1990 » (attendu jj/mm/aaaa)'],
    [{ 3: '01/01/2030' }, 'Date de naissance dans le futur : 01/01/2030'],
    [{ 5: 'Touloun', 4: '83000' }, 'Commune inconnue : « Touloun » 83000'],
    [{ 6: '12345' }, 'Téléphone invalide : « 12345 »'],
    [{ 7: 'marie@' }, 'Adresse électronique invalide : « marie@ »'],
  ])('refuses %o: %s', (changes, reason) => {
    expect(row(changes)).toEqual({ ok: false, line: 4, reason });
  });

  it('checks the NIR only when the organisation keeps it', () => {
    expect(row({ 8: '123' }).ok).toBe(true);
    expect(row({ 8: '123' }, true)).toEqual({
      ok: false,
      line: 4,
      reason: 'NIR invalide (13 ou 15 chiffres attendus)',
    });
  });
});
