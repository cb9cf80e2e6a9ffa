import { describe, expect, it } from 'vitest';
import {
  communesOfDepartement,
  communesOfEpci,
  findCommune,
  findDepartement,
  findEpci,
  findPlace,
  searchCommunes,
  searchPlaces,
} from './administrative.ts';

describe('administrative map', () => {
  it('finds a département by its INSEE code, with its official name', () => {
    expect(findDepartement('83')).toMatchObject({
      code: '83',
      name: 'Var',
      officialName: 'Département du Var',
    });
    expect(findDepartement('2a')?.name).toBe('Corse-du-Sud');
    expect(findDepartement('64')?.officialName).toBe('Département des Pyrénées-Atlantiques');
    expect(findDepartement('01')?.officialName).toBe('Département de l’Ain');
    expect(findDepartement('99')).toBeUndefined();
  });

  it('finds an EPCI by SIREN and names it in full', () => {
    const pau = findEpci('200067254');
    expect(pau).toMatchObject({
      name: 'CA Pau Béarn Pyrénées',
      type: 'CA',
      officialName: 'Communauté d’agglomération Pau Béarn Pyrénées',
      shortName: 'Pau Béarn Pyrénées',
    });
    expect(pau?.communeCodes).toContain('64445');
    expect(findEpci('200 067 254')?.siren).toBe('200067254');
    expect(findEpci('123456789')).toBeUndefined();
  });

  it('finds only current communes by INSEE code', () => {
    expect(findCommune('83126')).toMatchObject({
      name: 'La Seyne-sur-Mer',
      officialName: 'Commune de La Seyne-sur-Mer',
      departement: '83',
      postalCodes: ['83500'],
    });
    expect(findCommune('64445')?.epci).toBe('200067254');
    // 01015 Arbignieu is a commune déléguée of Arboys en Bugey: not a territory of its own.
    expect(findCommune('01015')?.name).not.toBe('Arbignieu');
    // Postal codes are not INSEE codes.
    expect(findCommune('83500')).toBeUndefined();
  });

  it('lists the communes of a département and of an EPCI', () => {
    const var83 = communesOfDepartement('83');
    expect(var83.length).toBeGreaterThan(100);
    expect(var83.every((c) => c.departement === '83')).toBe(true);
    expect(var83.map((c) => c.name)).toContain('Toulon');
    const pau = communesOfEpci('200067254');
    expect(pau.map((c) => c.name)).toEqual(expect.arrayContaining(['Pau', 'Billère', 'Lescar']));
    expect(pau.every((c) => c.epci === '200067254')).toBe(true);
    expect(communesOfDepartement('00')).toEqual([]);
    expect(communesOfEpci('000000000')).toEqual([]);
  });

  it('searches by name ignoring accents and case, best match first', () => {
    expect(searchCommunes('la seyne sur mer')[0]?.code).toBe('83126');
    expect(searchCommunes('BILLERE')[0]?.name).toBe('Billère');
    // Exact name first, then the largest communes whose name starts with the query.
    const pau = searchCommunes('pau', 5);
    expect(pau[0]?.code).toBe('64445');
    expect(pau).toHaveLength(5);
    expect(searchCommunes('saint etienne', 1)[0]?.name).toBe('Saint-Étienne');
    expect(searchCommunes('toulon', 10, { departement: '83' }).every((c) => c.departement === '83')).toBe(
      true,
    );
    expect(searchCommunes('   ')).toEqual([]);
  });

  it('searches communes by postal code or INSEE code prefix', () => {
    expect(searchCommunes('83500').map((c) => c.code)).toContain('83126');
    expect(searchCommunes('83126')[0]?.name).toBe('La Seyne-sur-Mer');
  });

  it('searches every kind of place for the territory form', () => {
    expect(searchPlaces('departement', 'pyrenees').map((r) => r.code)).toEqual(
      expect.arrayContaining(['64', '65', '66']),
    );
    expect(searchPlaces('epci', 'pau bearn')[0]).toMatchObject({ kind: 'epci', code: '200067254' });
    expect(searchPlaces('commune', 'seyne sur')[0]).toMatchObject({ kind: 'commune', code: '83126' });
    expect(searchPlaces('departement', '2A')[0]?.code).toBe('2A');
  });

  it('resolves a territory kind and code to a place', () => {
    expect(findPlace('departement', '83')).toMatchObject({ kind: 'departement', code: '83' });
    expect(findPlace('epci', '200067254')).toMatchObject({ kind: 'epci', code: '200067254' });
    expect(findPlace('commune', '83126')).toMatchObject({ kind: 'commune', code: '83126' });
    expect(findPlace('commune', '83')).toBeUndefined();
  });
});
