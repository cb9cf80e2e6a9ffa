import type { PlaceSummary } from '../types.ts';

/** One collator for every comparison (localeCompare with a locale builds one per call). */
const frenchOrder = new Intl.Collator('fr');

/**
 * Places in the order a person should see them:
 * 1. the places in the person's own commune (by name): no travel, or the shortest;
 * 2. the others, nearest first, measured from the centroid of the places of the person's commune
 *    (the best stand-in for where the person lives that we know without geocoding their address);
 *    places without coordinates come after those with, by name;
 * 3. without a commune, or when no place of the commune has coordinates, by name.
 * Example: a person of Toulon (83137) with places at Toulon, La Seyne (5 km) and Draguignan (70 km)
 * sees Toulon, La Seyne, Draguignan; a person of a commune without a place sees them alphabetically.
 */
export function orderPlaces<P extends Pick<PlaceSummary, 'name' | 'communeCode' | 'latitude' | 'longitude'>>(
  places: P[],
  communeCode?: string,
): P[] {
  const byName = (a: P, b: P) => frenchOrder.compare(a.name, b.name);
  if (!communeCode) return [...places].sort(byName);
  const inCommune = places.filter((p) => p.communeCode === communeCode).sort(byName);
  const others = places.filter((p) => p.communeCode !== communeCode);
  const located = inCommune.filter((p) => p.latitude !== null && p.longitude !== null);
  if (located.length === 0) return [...inCommune, ...others.sort(byName)];
  const centre = {
    latitude: located.reduce((sum, p) => sum + p.latitude!, 0) / located.length,
    longitude: located.reduce((sum, p) => sum + p.longitude!, 0) / located.length,
  };
  const distance = (p: P) =>
    p.latitude === null || p.longitude === null
      ? Number.POSITIVE_INFINITY
      : distanceKm(centre, { latitude: p.latitude, longitude: p.longitude });
  const sortedOthers = others
    .map((p) => ({ p, d: distance(p) }))
    .sort((a, b) => a.d - b.d || byName(a.p, b.p))
    .map(({ p }) => p);
  return [...inCommune, ...sortedOthers];
}

/** Great-circle distance (haversine) in kilometres. */
export function distanceKm(
  a: { latitude: number; longitude: number },
  b: { latitude: number; longitude: number },
): number {
  const rad = Math.PI / 180;
  const dLat = (b.latitude - a.latitude) * rad;
  const dLon = (b.longitude - a.longitude) * rad;
  const h =
    Math.sin(dLat / 2) ** 2 +
    Math.cos(a.latitude * rad) * Math.cos(b.latitude * rad) * Math.sin(dLon / 2) ** 2;
  return 2 * 6371 * Math.asin(Math.sqrt(h));
}
