import { recordAudit } from '../audit/audit.ts';
import type { Db } from '../db/client.ts';
import { invalid, notFound } from '../errors.ts';
import type { Caller } from './caller.ts';
import { checkLogo, type LogoFile } from './logo.ts';
import { findTerritoryLogo, setTerritoryLogo, type Territory } from './territory.repository.ts';
import { openTerritory } from './territory.service.ts';

/**
 * A territory's logo, shown in the header of its agents' pages. Operators change it; anyone may
 * fetch it (a collectivité's logo is public, and the sign-in page may show it one day).
 */

/**
 * Stores the file as the territory's new logo, once checked (logo.ts): PNG, JPEG or WebP by its
 * content, 200 Ko at most. A refused file writes nothing and gets its message on the `logo` field.
 * `now` becomes the logo's version, hence a new URL that no browser has cached.
 */
export async function replaceTerritoryLogo(
  db: Db,
  caller: Caller,
  slug: string,
  file: LogoFile | undefined,
  now: Date,
): Promise<Territory> {
  const territory = await openTerritory(db, caller, slug);
  const checked = checkLogo(file);
  if (!checked.ok) throw invalid({ logo: checked.message });
  await db.transaction(async (tx) => {
    await setTerritoryLogo(tx, territory.id, {
      data: checked.data,
      contentType: checked.contentType,
      updatedAt: now,
    });
    await recordAudit(tx, caller.audit, {
      action: 'update',
      resourceType: 'territory',
      resourceId: territory.id,
      territoryId: territory.id,
      details: { logo: 'replaced', contentType: checked.contentType, bytes: checked.data.length },
    });
  });
  return territory;
}

/** Removes the logo; the header shows the territory's name alone again. False when there was none. */
export async function removeTerritoryLogo(
  db: Db,
  caller: Caller,
  slug: string,
): Promise<{ territory: Territory; removed: boolean }> {
  const territory = await openTerritory(db, caller, slug);
  if (!territory.logoUpdatedAt) return { territory, removed: false };
  await db.transaction(async (tx) => {
    await setTerritoryLogo(tx, territory.id, null);
    await recordAudit(tx, caller.audit, {
      action: 'update',
      resourceType: 'territory',
      resourceId: territory.id,
      territoryId: territory.id,
      details: { logo: 'removed' },
    });
  });
  return { territory, removed: true };
}

/** The logo to send for GET /territoires/:slug/logo; not found when the territory has none. */
export async function territoryLogoToServe(db: Db, slug: string) {
  const logo = await findTerritoryLogo(db, slug);
  if (!logo) throw notFound('Ce territoire n’a pas de logo.');
  return logo;
}
