import type { Db } from '../db/client.ts';
import { notFound } from '../errors.ts';
import { findTerritoryBySlug } from '../tenancy/territory.repository.ts';
import type { IndicatorReading, IndicatorRegistry } from './indicators.ts';

/**
 * The indicators as anyone may read them: for one territory (by its slug) or the whole instance,
 * values on too few people withheld. An unknown territory is « not found ».
 */
export async function readPublicIndicators(
  db: Db,
  registry: IndicatorRegistry,
  input: { territorySlug?: string; module?: string; now?: Date },
): Promise<{ territory: { slug: string; name: string } | null; indicators: IndicatorReading[] }> {
  let territory: { id: string; slug: string; name: string } | null = null;
  if (input.territorySlug) {
    territory = (await findTerritoryBySlug(db, input.territorySlug)) ?? null;
    if (!territory) throw notFound('Cette collectivité n’existe pas.');
  }
  const indicators = await registry.read(
    db,
    { territoryId: territory?.id, now: input.now },
    { module: input.module, publicOnly: true },
  );
  return { territory: territory && { slug: territory.slug, name: territory.name }, indicators };
}
