import { describe, expect, it } from 'vitest';
import { distanceKm, orderPlaces } from './places.ts';

const place = (name: string, communeCode: string, latitude: number | null, longitude: number | null) => ({
  name,
  communeCode,
  latitude,
  longitude,
});
const toulon = place('Toulon Mayol', '83137', 43.1242, 5.928);
const toulon2 = place('Toulon Ouest', '83137', 43.13, 5.9);
const seyne = place('La Seyne', '83126', 43.1007, 5.8788);
const draguignan = place('Draguignan', '83050', 43.5366, 6.4647);
const hyeres = place('Hyères', '83069', 43.1204, 6.1286);
const nowhere = place('Antenne sans coordonnées', '83001', null, null);
const all = [draguignan, nowhere, hyeres, toulon2, seyne, toulon];

describe('orderPlaces', () => {
  it.each([
    [
      'no commune: by name',
      undefined,
      ['Antenne sans coordonnées', 'Draguignan', 'Hyères', 'La Seyne', 'Toulon Mayol', 'Toulon Ouest'],
    ],
    [
      'Toulon: its places, then nearest from their centroid, places without coordinates last',
      '83137',
      ['Toulon Mayol', 'Toulon Ouest', 'La Seyne', 'Hyères', 'Draguignan', 'Antenne sans coordonnées'],
    ],
    [
      'Draguignan: its place, then nearest',
      '83050',
      ['Draguignan', 'Hyères', 'Toulon Mayol', 'Toulon Ouest', 'La Seyne', 'Antenne sans coordonnées'],
    ],
    [
      'a commune without a place: by name',
      '83100',
      ['Antenne sans coordonnées', 'Draguignan', 'Hyères', 'La Seyne', 'Toulon Mayol', 'Toulon Ouest'],
    ],
    [
      'a commune whose only place has no coordinates: it first, then by name',
      '83001',
      ['Antenne sans coordonnées', 'Draguignan', 'Hyères', 'La Seyne', 'Toulon Mayol', 'Toulon Ouest'],
    ],
  ])('%s', (_, communeCode, expected) => {
    expect(orderPlaces(all, communeCode).map((p) => p.name)).toEqual(expected);
  });

  it('measures great-circle distances', () => {
    expect(distanceKm(toulon as never, draguignan as never)).toBeCloseTo(63, 0);
  });
});
