import { and, eq, isNotNull, sql } from 'drizzle-orm';
import type { Db } from '../db/client.ts';
import { sectorCommunes } from './tables.ts';

/**
 * Sectorisation (sector_communes): which organisations serve a commune, and which of an
 * organisation's agents when it names some. The slot search applies both (slot-search.service.ts).
 */

/** The organisations that serve a commune (INSEE code), at the organisation or agent level. */
export async function organisationsServing(db: Db, communeCode: string): Promise<string[]> {
  const rows = await db
    .selectDistinct({ organisationId: sectorCommunes.organisationId })
    .from(sectorCommunes)
    .where(eq(sectorCommunes.communeCode, communeCode));
  return rows.map((r) => r.organisationId);
}

/** The agents an organisation names for a commune; empty when it names none (any of its agents serves). */
export async function agentsServing(db: Db, organisationId: string, communeCode: string): Promise<string[]> {
  const rows = await db
    .select({ agentId: sql<string>`${sectorCommunes.agentId}` })
    .from(sectorCommunes)
    .where(
      and(
        eq(sectorCommunes.organisationId, organisationId),
        eq(sectorCommunes.communeCode, communeCode),
        isNotNull(sectorCommunes.agentId),
      ),
    );
  return rows.map((r) => r.agentId);
}

/**
 * Every sectorisation row of a commune, to answer both questions above in one query (the slot
 * search reads it beside the appointment type, before knowing the type's organisation).
 */
export async function sectorRowsOf(
  db: Db,
  communeCode: string,
): Promise<{ organisationId: string; agentId: string | null }[]> {
  return db
    .select({ organisationId: sectorCommunes.organisationId, agentId: sectorCommunes.agentId })
    .from(sectorCommunes)
    .where(eq(sectorCommunes.communeCode, communeCode));
}
