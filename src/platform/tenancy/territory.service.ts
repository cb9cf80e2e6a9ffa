import { recordAudit } from '../audit/audit.ts';
import type { Actor } from '../auth/actor.ts';
import { can } from '../auth/permissions.ts';
import type { Db } from '../db/client.ts';
import { conflict, forbidden, invalid, notFound } from '../errors.ts';
import { findPlace, type Place } from '../geo/administrative.ts';
import { slugify } from '../geo/text.ts';
import type { Caller } from './caller.ts';
import { listOrganisationsInTerritory } from './organisation.repository.ts';
import { freeSlug } from './slugs.ts';
import {
  findTerritoryByKindAndCode,
  findTerritoryBySlug,
  insertTerritory,
  listTerritories,
  type Territory,
  type TerritoryKind,
  territorySlugsStartingWith,
} from './territory.repository.ts';

/** Territories are the collectivités that use the platform; only operators list and add them. */
export async function listAllTerritories(db: Db, caller: Caller) {
  assertMayManageTerritories(caller.actor);
  return listTerritories(db);
}

export function assertMayManageTerritories(actor: Actor): void {
  if (!can(actor, 'territory.manage'))
    throw forbidden('Seuls les opérateurs de la plateforme gèrent les territoires.');
}

/**
 * One territory, for operators. To anyone else it answers like a slug that does not exist (404), as
 * the organisation pages do for another territory's records: the answer tells nothing more.
 */
export async function openTerritory(db: Db, caller: Caller, slug: string): Promise<Territory> {
  if (!can(caller.actor, 'territory.manage')) throw notFound();
  const territory = await findTerritoryBySlug(db, slug);
  if (!territory) throw notFound();
  return territory;
}

/** The territory page of the administration: the territory and its organisations. */
export async function viewTerritory(db: Db, caller: Caller, slug: string) {
  const territory = await openTerritory(db, caller, slug);
  return { territory, organisations: await listOrganisationsInTerritory(db, territory.id) };
}

export const unknownCodeMessages: Record<TerritoryKind, (code: string) => string> = {
  departement: (code) =>
    `Aucun département ne porte le code « ${code} ». Saisissez son code INSEE, par exemple 83 pour le Var.`,
  epci: (code) =>
    `Aucune intercommunalité n’a le SIREN « ${code} ». Saisissez ses 9 chiffres, par exemple 200067254.`,
  commune: (code) =>
    `Aucune commune actuelle n’a le code INSEE « ${code} ». Le code INSEE (par exemple 83126) diffère du code postal.`,
};

/**
 * Adds a collectivité from its code: its name comes from the official administrative map, so that
 * every territory of the platform is a real one, named the same way.
 */
export async function createTerritory(
  db: Db,
  caller: Caller,
  input: { kind: TerritoryKind; code: string },
): Promise<Territory> {
  assertMayManageTerritories(caller.actor);
  const place = findPlace(input.kind, input.code);
  if (!place) throw invalid({ code: unknownCodeMessages[input.kind](input.code) });
  const { name, slugBase } = describePlace(place);

  const existing = await findTerritoryByKindAndCode(db, place.kind, place.code);
  if (existing) throw alreadyThere(existing.name);

  return db.transaction(async (tx) => {
    const taken = await territorySlugsStartingWith(tx, slugBase);
    const slug = freeSlug(slugBase, taken, {
      // Many communes share a name (Saint-Martin…): the code tells them apart.
      fallbacks: [`${slugBase}-${place.code.toLowerCase()}`],
      reserved: ['nouveau'],
    });
    // The unique index on (kind, code) settles a race between two operators adding the same territory.
    const territory = await insertTerritory(tx, { slug, kind: place.kind, code: place.code, name });
    if (!territory) throw alreadyThere(name);
    await recordAudit(tx, caller.audit, {
      action: 'create',
      resourceType: 'territory',
      resourceId: territory.id,
      territoryId: territory.id,
      details: { kind: territory.kind, code: territory.code, slug },
    });
    return territory;
  });
}

function alreadyThere(name: string) {
  return conflict(`Ce territoire existe déjà sur la plateforme : ${name}.`, {
    code: `Ce territoire existe déjà : ${name}.`,
  });
}

function describePlace(place: Place): { name: string; slugBase: string } {
  switch (place.kind) {
    case 'departement':
      return { name: place.departement.officialName, slugBase: slugify(place.departement.name) };
    case 'epci':
      return { name: place.epci.officialName, slugBase: slugify(place.epci.shortName) };
    case 'commune':
      return { name: place.commune.officialName, slugBase: slugify(place.commune.name) };
  }
}
