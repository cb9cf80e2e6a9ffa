import { and, asc, eq, isNotNull, isNull } from 'drizzle-orm';
import type { Db } from '../../db/client.ts';
import { sectorCommunes } from '../tables.ts';

/**
 * The rows of an organisation's sectorisation, for its settings page. (The slot search reads
 * sectorisation through its own helpers in ../sector.repository.ts.)
 */
export async function listSectorRows(db: Db, organisationId: string) {
  return db
    .select({ communeCode: sectorCommunes.communeCode, agentId: sectorCommunes.agentId })
    .from(sectorCommunes)
    .where(eq(sectorCommunes.organisationId, organisationId))
    .orderBy(asc(sectorCommunes.communeCode));
}

/** Attaches communes to the organisation; those already attached are left as they are. Returns how many were new. */
export async function insertSectorCommunes(
  db: Db,
  organisationId: string,
  communeCodes: string[],
): Promise<number> {
  if (communeCodes.length === 0) return 0;
  const rows = await db
    .insert(sectorCommunes)
    .values(communeCodes.map((communeCode) => ({ organisationId, communeCode })))
    .onConflictDoNothing()
    .returning({ id: sectorCommunes.id });
  return rows.length;
}

/** Detaches a commune, and the agents named for it. Returns how many rows went. */
export async function deleteSectorCommune(
  db: Db,
  organisationId: string,
  communeCode: string,
): Promise<number> {
  const rows = await db
    .delete(sectorCommunes)
    .where(
      and(eq(sectorCommunes.organisationId, organisationId), eq(sectorCommunes.communeCode, communeCode)),
    )
    .returning({ id: sectorCommunes.id });
  return rows.length;
}

export async function isSectorCommune(db: Db, organisationId: string, communeCode: string): Promise<boolean> {
  const [row] = await db
    .select({ id: sectorCommunes.id })
    .from(sectorCommunes)
    .where(
      and(
        eq(sectorCommunes.organisationId, organisationId),
        eq(sectorCommunes.communeCode, communeCode),
        isNull(sectorCommunes.agentId),
      ),
    )
    .limit(1);
  return row !== undefined;
}

/** Replaces the agents who serve a commune (none: every agent of the organisation does). */
export async function replaceSectorAgents(
  db: Db,
  organisationId: string,
  communeCode: string,
  agentIds: string[],
): Promise<void> {
  await db
    .delete(sectorCommunes)
    .where(
      and(
        eq(sectorCommunes.organisationId, organisationId),
        eq(sectorCommunes.communeCode, communeCode),
        isNotNull(sectorCommunes.agentId),
      ),
    );
  if (agentIds.length === 0) return;
  await db
    .insert(sectorCommunes)
    .values(agentIds.map((agentId) => ({ organisationId, communeCode, agentId })))
    .onConflictDoNothing();
}
