import type { Db } from '../../../platform/db/client.ts';
import { searchKey } from '../../../platform/geo/text.ts';
import { agentsServing, organisationsServing } from '../../../platform/scheduling/sector.repository.ts';
import { type CommuneResolver, communeResolver, type TerritoryPlace } from './communes.ts';
import type { OpenedFile } from './file.ts';
import {
  type ExistingBeneficiary,
  findCandidates,
  type ImportingOrganisation,
  referentLoads,
  territoryOrganisations,
} from './import.repository.ts';
import { type ColumnMapping, columnIndexes } from './mapping.ts';
import { type ImportedPerson, type NormaliseContext, normaliseRow } from './normalise.ts';

/**
 * The path every row takes, for the preview and for the apply alike, so both tell the same story:
 * read → normalise (normalise.ts) → set aside the duplicates inside the file → find the record it is
 * about in the territory → created, updated, unchanged or rejected. Rows go by batches of a fixed
 * size (batch k holds the data rows k·size to (k+1)·size − 1, rejected ones included), which is what
 * lets an interrupted apply resume after its last committed batch (import.service.ts).
 */

export type Rejection = { line: number; reason: string };

export type Outcome =
  | { kind: 'create'; person: ImportedPerson }
  | { kind: 'update'; person: ImportedPerson; existingId: string; changes: PersonChanges }
  | { kind: 'unchanged'; person: ImportedPerson; existingId: string }
  | { kind: 'rejected'; rejection: Rejection };

export type PersonChanges = Partial<Omit<ImportedPerson, 'line' | 'role'>>;

export type Batch = { start: number; items: (ImportedPerson | Rejection)[] };

export const BATCH_SIZE = 1000;

/** « Dupont », « DUPONT » and « Dupond »? The first two only: case and accents do not count. */
export function identityKey(p: { lastName: string; firstName: string; birthDate: string | null }): string {
  return `${searchKey(p.lastName)}|${searchKey(p.firstName)}|${p.birthDate ?? ''}`;
}

function numberKey(p: { allocataireNumber: string | null; role: string }): string | undefined {
  return p.allocataireNumber ? `${p.allocataireNumber}|${p.role}` : undefined;
}

/** Today in Europe/Paris as yyyy-mm-dd: a birth date after it is in the future. */
export function parisDay(at: Date): string {
  return new Intl.DateTimeFormat('en-CA', { timeZone: 'Europe/Paris' }).format(at);
}

/** A list names the same few hundred communes thousands of times: each is resolved once. */
function remembered(resolve: CommuneResolver): CommuneResolver {
  const known = new Map<string, ReturnType<CommuneResolver>>();
  return (input) => {
    const key = `${input.postalCode}|${input.name}`;
    let result = known.get(key);
    if (!result) {
      result = resolve(input);
      known.set(key, result);
    }
    return result;
  };
}

export type FileContext = {
  organisation: ImportingOrganisation;
  mapping: ColumnMapping;
  nirEnabled: boolean;
  now: Date;
};

/**
 * The file's rows in batches, each row normalised or rejected, a row that repeats an earlier one
 * (same allocataire number and role, or same name and birth date) rejected with the earlier line.
 */
export async function* batchesOf(
  file: OpenedFile,
  context: FileContext,
  size = BATCH_SIZE,
): AsyncIterable<Batch> {
  const place: TerritoryPlace = {
    kind: context.organisation.territoryKind,
    code: context.organisation.territoryCode,
  };
  const normalise: NormaliseContext = {
    columns: columnIndexes(file.headers, context.mapping),
    resolveCommune: remembered(communeResolver(place)),
    today: parisDay(context.now),
    nirEnabled: context.nirEnabled,
  };
  const byNumber = new Map<string, number>();
  const byIdentity = new Map<string, number>();
  let items: (ImportedPerson | Rejection)[] = [];
  let start = 0;
  for await (const row of file.rows()) {
    const result = normaliseRow(row, normalise);
    if (!result.ok) items.push({ line: result.line, reason: result.reason });
    else {
      const person = result.person;
      const number = numberKey(person);
      const identity = identityKey(person);
      const sameNumber = number === undefined ? undefined : byNumber.get(number);
      const sameIdentity = byIdentity.get(identity);
      if (sameNumber !== undefined)
        items.push({
          line: person.line,
          reason: `Doublon de la ligne ${sameNumber} (même numéro allocataire et même rôle)`,
        });
      else if (sameIdentity !== undefined)
        items.push({
          line: person.line,
          reason: `Doublon de la ligne ${sameIdentity} (mêmes nom, prénom et date de naissance)`,
        });
      else {
        if (number !== undefined) byNumber.set(number, person.line);
        byIdentity.set(identity, person.line);
        items.push(person);
      }
    }
    if (items.length === size) {
      yield { start, items };
      start += items.length;
      items = [];
    }
  }
  if (items.length) yield { start, items };
}

function isRejection(item: ImportedPerson | Rejection): item is Rejection {
  return 'reason' in item;
}

/**
 * What each row of a batch does to the territory's records. `claimed` remembers which existing record
 * an earlier row of the file already matched: a second row about the same person is rejected.
 */
export async function classifyBatch(
  db: Db,
  territoryId: string,
  batch: Batch,
  claimed: Map<string, number>,
): Promise<Outcome[]> {
  const persons = batch.items.filter((item) => !isRejection(item)) as ImportedPerson[];
  const numbers = new Set(persons.flatMap((p) => (p.allocataireNumber ? [numberKey(p)!] : [])));
  const identities = new Set(persons.map(identityKey));
  const candidates = await findCandidates(db, territoryId, {
    numbers: [...new Set(persons.flatMap((p) => (p.allocataireNumber ? [p.allocataireNumber] : [])))],
    birthDates: [...new Set(persons.flatMap((p) => (p.birthDate ? [p.birthDate] : [])))],
    withoutBirthDate: persons.some((p) => p.birthDate === null),
    keep: (found) =>
      found
        .filter((c) => {
          const number = numberKey(c);
          return (number !== undefined && numbers.has(number)) || identities.has(identityKey(c));
        })
        .map((c) => c.id),
  });
  const byNumber = new Map<string, ExistingBeneficiary>();
  const byIdentity = new Map<string, ExistingBeneficiary>();
  for (const candidate of candidates) {
    const number = numberKey(candidate);
    if (number !== undefined) byNumber.set(number, candidate);
    const identity = identityKey(candidate);
    if (!byIdentity.has(identity)) byIdentity.set(identity, candidate);
  }
  return batch.items.map((item): Outcome => {
    if (isRejection(item)) return { kind: 'rejected', rejection: item };
    const number = numberKey(item);
    const existing = (number && byNumber.get(number)) || byIdentity.get(identityKey(item));
    if (!existing) return { kind: 'create', person: item };
    const earlier = claimed.get(existing.id);
    if (earlier !== undefined && earlier !== item.line) {
      return {
        kind: 'rejected',
        rejection: { line: item.line, reason: `Même personne que la ligne ${earlier}` },
      };
    }
    claimed.set(existing.id, item.line);
    const changes = changesFor(existing, item);
    return Object.keys(changes).length
      ? { kind: 'update', person: item, existingId: existing.id, changes }
      : { kind: 'unchanged', person: item, existingId: existing.id };
  });
}

/**
 * What the file says differently from the record. An empty cell never erases what an agent entered;
 * names differing only by case or accents are left as the agent wrote them; an allocataire number is
 * added to a record that had none but never replaces another.
 */
export function changesFor(existing: ExistingBeneficiary, person: ImportedPerson): PersonChanges {
  const changes: PersonChanges = {};
  if (person.allocataireNumber && !existing.allocataireNumber)
    changes.allocataireNumber = person.allocataireNumber;
  if (searchKey(person.lastName) !== searchKey(existing.lastName)) changes.lastName = person.lastName;
  if (searchKey(person.firstName) !== searchKey(existing.firstName)) changes.firstName = person.firstName;
  const plain = ['birthDate', 'address', 'postalCode', 'phone', 'email', 'rightsOpenedOn', 'nir'] as const;
  for (const field of plain) {
    const value = person[field];
    if (value !== null && value !== existing[field]) changes[field] = value;
  }
  if (person.communeCode !== existing.communeCode || person.communeName !== existing.communeName) {
    changes.communeCode = person.communeCode;
    changes.communeName = person.communeName;
  }
  return changes;
}

/**
 * Who follows a new beneficiary: the territory's organisations that serve their commune (the
 * importing one when it is among them, else the first by name), else the importing organisation;
 * and among the agents that organisation names for the commune, the one following the fewest open
 * records (none when it names nobody). Remembers its answers for one import.
 */
export function sectorisation(organisation: ImportingOrganisation) {
  let territoryOrgs: Promise<{ id: string; name: string }[]> | undefined;
  const byCommune = new Map<string, { organisationId: string; agentIds: string[] }>();
  const loads = new Map<string, number>();
  // `db` is the caller's transaction: on PGlite's single connection, a query beside it would wait forever.
  return async (
    db: Db,
    communeCode: string,
  ): Promise<{ organisationId: string; referentAgentId: string | null }> => {
    let sector = byCommune.get(communeCode);
    if (!sector) {
      territoryOrgs ??= territoryOrganisations(db, organisation.territoryId);
      const ours = await territoryOrgs;
      const serving = new Set(await organisationsServing(db, communeCode));
      const candidates = ours.filter((o) => serving.has(o.id));
      const organisationId = serving.has(organisation.id)
        ? organisation.id
        : (candidates[0]?.id ?? organisation.id);
      const agentIds = await agentsServing(db, organisationId, communeCode);
      const unknown = agentIds.filter((id) => !loads.has(id));
      for (const [id, load] of await referentLoads(db, unknown)) loads.set(id, load);
      sector = { organisationId, agentIds };
      byCommune.set(communeCode, sector);
    }
    let referentAgentId: string | null = null;
    for (const id of sector.agentIds) {
      if (referentAgentId === null || loads.get(id)! < loads.get(referentAgentId)!) referentAgentId = id;
    }
    if (referentAgentId) loads.set(referentAgentId, loads.get(referentAgentId)! + 1);
    return { organisationId: sector.organisationId, referentAgentId };
  };
}
