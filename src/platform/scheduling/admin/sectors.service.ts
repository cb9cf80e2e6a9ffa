import { recordAudit } from '../../audit/audit.ts';
import type { Db } from '../../db/client.ts';
import { forbidden, invalid, notFound } from '../../errors.ts';
import { communesOfEpci, findCommune, findEpci } from '../../geo/administrative.ts';
import type { Caller } from '../../tenancy/caller.ts';
import { canSchedule } from '../policy.ts';
import {
  type AgentChoice,
  organisationAgents,
  type SettingsOrganisation,
} from './organisation-context.service.ts';
import {
  deleteSectorCommune,
  insertSectorCommunes,
  isSectorCommune,
  listSectorRows,
  replaceSectorAgents,
} from './sectors.repository.ts';

export type SectorCommune = {
  code: string;
  name: string;
  postalCodes: string[];
  /** The agents named for it; empty: every agent of the organisation serves it. */
  agents: AgentChoice[];
};

/** The communes the organisation serves, by name, each with the agents named for it. */
export async function viewSectors(db: Db, organisation: SettingsOrganisation) {
  const [rows, agents] = await Promise.all([
    listSectorRows(db, organisation.id),
    organisationAgents(db, organisation.id),
  ]);
  const byCode = new Map<string, SectorCommune>();
  for (const row of rows) {
    let entry = byCode.get(row.communeCode);
    if (!entry) {
      const commune = findCommune(row.communeCode);
      entry = {
        code: row.communeCode,
        name: commune?.name ?? row.communeCode,
        postalCodes: commune?.postalCodes ?? [],
        agents: [],
      };
      byCode.set(row.communeCode, entry);
    }
    if (row.agentId) {
      entry.agents.push(
        agents.find((a) => a.id === row.agentId) ?? { id: row.agentId, name: 'Agent retiré' },
      );
    }
  }
  const communes = [...byCode.values()].sort((a, b) => a.name.localeCompare(b.name, 'fr'));
  return { communes, agents };
}

function assertMayConfigure(caller: Caller, organisationId: string) {
  if (!canSchedule(caller.actor, 'scheduling.configure', { organisationId })) {
    throw forbidden('Seuls les administrateurs de l’organisation peuvent modifier sa sectorisation.');
  }
}

async function audit(
  db: Db,
  caller: Caller,
  organisation: SettingsOrganisation,
  action: 'create' | 'update' | 'delete',
  details: Record<string, unknown>,
) {
  await recordAudit(db, caller.audit, {
    action,
    resourceType: 'sector',
    resourceId: organisation.id,
    organisationId: organisation.id,
    territoryId: organisation.territoryId,
    details,
  });
}

/** Adds one commune (INSEE code) to the communes the organisation serves. */
export async function addSectorCommune(
  db: Db,
  caller: Caller,
  organisation: SettingsOrganisation,
  code: string,
) {
  assertMayConfigure(caller, organisation.id);
  const commune = findCommune(code);
  if (!commune) throw invalid({ commune: 'Cette commune n’existe pas : choisissez-la dans la liste.' });
  const added = await db.transaction(async (tx) => {
    const added = await insertSectorCommunes(tx, organisation.id, [commune.code]);
    if (added > 0) await audit(tx, caller, organisation, 'create', { communeCodes: [commune.code] });
    return added;
  });
  return { commune, added };
}

/** Adds every member commune of an EPCI at once (those already served are left as they are). */
export async function addSectorEpci(
  db: Db,
  caller: Caller,
  organisation: SettingsOrganisation,
  siren: string,
) {
  assertMayConfigure(caller, organisation.id);
  const epci = findEpci(siren);
  if (!epci) throw invalid({ epci: 'Cet EPCI n’existe pas : choisissez-le dans la liste.' });
  const codes = communesOfEpci(siren).map((c) => c.code);
  const added = await db.transaction(async (tx) => {
    const added = await insertSectorCommunes(tx, organisation.id, codes);
    if (added > 0) await audit(tx, caller, organisation, 'create', { epci: siren, added });
    return added;
  });
  return { epci, added, total: codes.length };
}

export async function removeSectorCommune(
  db: Db,
  caller: Caller,
  organisation: SettingsOrganisation,
  code: string,
) {
  assertMayConfigure(caller, organisation.id);
  return db.transaction(async (tx) => {
    const removed = await deleteSectorCommune(tx, organisation.id, code);
    if (removed === 0) throw notFound();
    await audit(tx, caller, organisation, 'delete', { communeCodes: [code] });
    return { name: findCommune(code)?.name ?? code };
  });
}

/** Names the agents who serve a commune of the sector (none: all of the organisation's agents do). */
export async function setSectorAgents(
  db: Db,
  caller: Caller,
  organisation: SettingsOrganisation,
  code: string,
  agentIds: string[],
) {
  assertMayConfigure(caller, organisation.id);
  if (!(await isSectorCommune(db, organisation.id, code))) throw notFound();
  const agents = await organisationAgents(db, organisation.id);
  if (!agentIds.every((id) => agents.some((a) => a.id === id))) {
    throw invalid({ agentIds: 'Choisissez des agents de l’organisation.' });
  }
  await db.transaction(async (tx) => {
    await replaceSectorAgents(tx, organisation.id, code, agentIds);
    await audit(tx, caller, organisation, 'update', { communeCode: code, agentIds });
  });
  return { name: findCommune(code)?.name ?? code };
}
