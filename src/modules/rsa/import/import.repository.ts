import { and, desc, eq, getTableColumns, inArray, isNull, notInArray, or, sql } from 'drizzle-orm';
import type { Db } from '../../../platform/db/client.ts';
import { organisations, territories } from '../../../platform/tenancy/tables.ts';
import { beneficiaries, columnMappings, imports, rsaSettings } from '../tables.ts';
import type { ColumnMapping } from './mapping.ts';

/** The only place of the import with SQL. Every query on beneficiaries takes the territory. */

export type ImportRow = typeof imports.$inferSelect;
/** An import without its file, for pages and lists. */
export type ImportSummary = Omit<ImportRow, 'content'> & { hasContent: boolean };

export type ImportingOrganisation = {
  id: string;
  slug: string;
  name: string;
  territoryId: string;
  territoryName: string;
  territoryKind: 'departement' | 'epci' | 'commune';
  territoryCode: string;
};

const organisationColumns = {
  id: organisations.id,
  slug: organisations.slug,
  name: organisations.name,
  territoryId: sql<string>`${organisations.territoryId}`,
  territoryName: territories.name,
  territoryKind: territories.kind,
  territoryCode: territories.code,
};

/** Organisations that belong to a territory (only they follow beneficiaries), by id or slug. */
export async function findImportingOrganisation(
  db: Db,
  by: { id: string } | { slug: string },
): Promise<ImportingOrganisation | undefined> {
  const [row] = await db
    .select(organisationColumns)
    .from(organisations)
    .innerJoin(territories, eq(territories.id, organisations.territoryId))
    .where('id' in by ? eq(organisations.id, by.id) : eq(organisations.slug, by.slug));
  return row;
}

/** The organisations (with a territory) among these ids, or all of them for 'all', by name. */
export async function listImportingOrganisations(
  db: Db,
  ids: string[] | 'all',
): Promise<ImportingOrganisation[]> {
  if (ids !== 'all' && ids.length === 0) return [];
  return db
    .select(organisationColumns)
    .from(organisations)
    .innerJoin(territories, eq(territories.id, organisations.territoryId))
    .where(ids === 'all' ? undefined : inArray(organisations.id, ids))
    .orderBy(organisations.name);
}

export async function territoryOrganisations(
  db: Db,
  territoryId: string,
): Promise<{ id: string; name: string }[]> {
  return db
    .select({ id: organisations.id, name: organisations.name })
    .from(organisations)
    .where(eq(organisations.territoryId, territoryId))
    .orderBy(organisations.name, organisations.id);
}

export async function nirEnabledFor(db: Db, organisationId: string): Promise<boolean> {
  const [row] = await db
    .select({ nirEnabled: rsaSettings.nirEnabled })
    .from(rsaSettings)
    .where(eq(rsaSettings.organisationId, organisationId));
  return row?.nirEnabled ?? false;
}

export async function savedMapping(db: Db, organisationId: string): Promise<ColumnMapping> {
  const [row] = await db
    .select({ mapping: columnMappings.mapping })
    .from(columnMappings)
    .where(eq(columnMappings.organisationId, organisationId));
  return (row?.mapping ?? {}) as ColumnMapping;
}

export async function saveMapping(db: Db, organisationId: string, mapping: ColumnMapping, at: Date) {
  await db
    .insert(columnMappings)
    .values({ organisationId, mapping, updatedAt: at })
    .onConflictDoUpdate({ target: columnMappings.organisationId, set: { mapping, updatedAt: at } });
}

export async function insertImport(db: Db, values: typeof imports.$inferInsert): Promise<ImportRow> {
  const [row] = await db.insert(imports).values(values).returning();
  return row!;
}

const summaryColumns = (() => {
  const { content: _content, ...columns } = getTableColumns(imports);
  return { ...columns, hasContent: sql<boolean>`${imports.content} is not null` };
})();

export async function findImportSummary(db: Db, id: string): Promise<ImportSummary | undefined> {
  const [row] = await db.select(summaryColumns).from(imports).where(eq(imports.id, id));
  return row;
}

export async function findImportContent(db: Db, id: string): Promise<Buffer | null> {
  const [row] = await db.select({ content: imports.content }).from(imports).where(eq(imports.id, id));
  return row?.content ?? null;
}

/** The import's row locked for this transaction: batches of one import are written one at a time. */
export async function lockImport(db: Db, id: string): Promise<ImportSummary | undefined> {
  const [row] = await db.select(summaryColumns).from(imports).where(eq(imports.id, id)).for('update');
  return row;
}

export async function updateImport(db: Db, id: string, values: Partial<typeof imports.$inferInsert>) {
  await db.update(imports).set(values).where(eq(imports.id, id));
}

/** Moves an import from one state to another; false when it was no longer in `from` (a double click). */
export async function moveImport(
  db: Db,
  id: string,
  from: ImportRow['state'],
  values: Partial<typeof imports.$inferInsert> & { state: ImportRow['state'] },
): Promise<boolean> {
  const rows = await db
    .update(imports)
    .set(values)
    .where(and(eq(imports.id, id), eq(imports.state, from)))
    .returning({ id: imports.id });
  return rows.length > 0;
}

/** Adds a batch's outcome to the import's counts and rejections, with its progress. */
export async function addBatchOutcome(
  db: Db,
  id: string,
  batch: {
    processedRows: number;
    created: number;
    updated: number;
    unchanged: number;
    rejections: { line: number; reason: string }[];
  },
) {
  await db
    .update(imports)
    .set({
      processedRows: batch.processedRows,
      created: sql`${imports.created} + ${batch.created}`,
      updated: sql`${imports.updated} + ${batch.updated}`,
      unchanged: sql`${imports.unchanged} + ${batch.unchanged}`,
      rejected: sql`${imports.rejected} + ${batch.rejections.length}`,
      rejections: batch.rejections.length
        ? sql`${imports.rejections} || ${JSON.stringify(batch.rejections)}::jsonb`
        : undefined,
    })
    .where(eq(imports.id, id));
}

/** The latest imports of these organisations (all for 'all'), without their files. */
export async function listImports(db: Db, organisationIds: string[] | 'all', limit: number) {
  if (organisationIds !== 'all' && organisationIds.length === 0) return [];
  return db
    .select({
      id: imports.id,
      fileName: imports.fileName,
      state: imports.state,
      organisationName: organisations.name,
      totalRows: imports.totalRows,
      created: imports.created,
      updated: imports.updated,
      unchanged: imports.unchanged,
      rejected: imports.rejected,
      createdAt: imports.createdAt,
    })
    .from(imports)
    .innerJoin(organisations, eq(organisations.id, imports.organisationId))
    .where(organisationIds === 'all' ? undefined : inArray(imports.organisationId, organisationIds))
    .orderBy(desc(imports.createdAt))
    .limit(limit);
}

export type ExistingBeneficiary = Pick<
  typeof beneficiaries.$inferSelect,
  | 'id'
  | 'allocataireNumber'
  | 'role'
  | 'lastName'
  | 'firstName'
  | 'birthDate'
  | 'nir'
  | 'address'
  | 'postalCode'
  | 'communeCode'
  | 'communeName'
  | 'phone'
  | 'email'
  | 'rightsOpenedOn'
>;

export type CandidateKeys = Pick<
  ExistingBeneficiary,
  'id' | 'allocataireNumber' | 'role' | 'lastName' | 'firstName' | 'birthDate'
>;

/**
 * The territory's records a batch may be about: the same allocataire numbers, or the same birth
 * dates (names are compared without accents by the caller, which PostgreSQL cannot do without the
 * unaccent extension). Anonymised records are nobody's any more.
 */
export async function findCandidates(
  db: Db,
  territoryId: string,
  keys: {
    numbers: string[];
    birthDates: string[];
    withoutBirthDate: boolean;
    /** Which of the records found by these keys are wanted whole (ids). */
    keep(candidates: CandidateKeys[]): string[];
  },
): Promise<ExistingBeneficiary[]> {
  const matches = [
    keys.numbers.length
      ? sql`${beneficiaries.allocataireNumber} = any(${pgArray(keys.numbers)}::text[])`
      : undefined,
    keys.birthDates.length
      ? sql`${beneficiaries.birthDate} = any(${pgArray(keys.birthDates)}::date[])`
      : undefined,
    keys.withoutBirthDate ? isNull(beneficiaries.birthDate) : undefined,
  ].filter((m) => m !== undefined);
  if (matches.length === 0) return [];
  // Keys first (a batch's birth dates match a few thousand records), then whole rows for the few
  // that are really the same people: far fewer bytes to read back, which is most of the cost.
  const keyRows = await db
    .select({
      id: beneficiaries.id,
      allocataireNumber: beneficiaries.allocataireNumber,
      role: beneficiaries.role,
      lastName: beneficiaries.lastName,
      firstName: beneficiaries.firstName,
      birthDate: beneficiaries.birthDate,
    })
    .from(beneficiaries)
    .where(
      and(eq(beneficiaries.territoryId, territoryId), isNull(beneficiaries.anonymisedAt), or(...matches)),
    );
  const wanted = keys.keep(keyRows);
  if (wanted.length === 0) return [];
  return db
    .select({
      id: beneficiaries.id,
      allocataireNumber: beneficiaries.allocataireNumber,
      role: beneficiaries.role,
      lastName: beneficiaries.lastName,
      firstName: beneficiaries.firstName,
      birthDate: beneficiaries.birthDate,
      nir: beneficiaries.nir,
      address: beneficiaries.address,
      postalCode: beneficiaries.postalCode,
      communeCode: beneficiaries.communeCode,
      communeName: beneficiaries.communeName,
      phone: beneficiaries.phone,
      email: beneficiaries.email,
      rightsOpenedOn: beneficiaries.rightsOpenedOn,
    })
    .from(beneficiaries)
    .where(
      and(
        eq(beneficiaries.territoryId, territoryId),
        sql`${beneficiaries.id} = any(${pgArray(wanted)}::uuid[])`,
      ),
    );
}

/**
 * A PostgreSQL array literal, sent as one parameter: a batch's thousand values cost one parameter
 * instead of a thousand (Drizzle spends more time building a thousand-parameter query than the
 * database spends running it).
 */
export function pgArray(values: (string | null)[]): string {
  const element = (v: string | null) =>
    v === null ? 'NULL' : `"${v.replace(/\\/g, '\\\\').replace(/"/g, '\\"')}"`;
  return `{${values.map(element).join(',')}}`;
}

/** Serialises the writers of one territory's beneficiaries until the transaction ends. */
export async function lockTerritoryBeneficiaries(db: Db, territoryId: string) {
  await db.execute(sql`select pg_advisory_xact_lock(hashtext(${`rsa-beneficiaries:${territoryId}`}))`);
}

export type NewBeneficiary = {
  organisationId: string;
  referentAgentId: string | null;
  allocataireNumber: string | null;
  role: 'demandeur' | 'conjoint';
  lastName: string;
  firstName: string;
  birthDate: string | null;
  nir: string | null;
  address: string | null;
  postalCode: string | null;
  communeCode: string;
  communeName: string;
  phone: string | null;
  email: string | null;
  rightsOpenedOn: string | null;
};

/**
 * Inserts a batch of new beneficiaries, each with the first line of their history (« non invité »,
 * by the system, with `reason`), in one statement: one array parameter per column. Returns how many.
 */
export async function insertNewBeneficiaries(
  db: Db,
  territoryId: string,
  rows: NewBeneficiary[],
  history: { reason: string; at: Date },
): Promise<number> {
  if (rows.length === 0) return 0;
  const column = (pick: (row: NewBeneficiary) => string | null) => pgArray(rows.map(pick));
  const at = history.at.toISOString();
  const result = await db.execute(sql`
    with inserted as (
      insert into rsa_beneficiaries (
        territory_id, organisation_id, referent_agent_id, allocataire_number, role, last_name, first_name,
        birth_date, nir, address, postal_code, commune_code, commune_name, phone, email, rights_opened_on,
        status, status_changed_at, last_activity_at, created_at, updated_at
      )
      select ${territoryId}::uuid, t.organisation_id::uuid, t.referent_agent_id::uuid, t.allocataire_number,
        t.role::rsa_household_role, t.last_name, t.first_name, t.birth_date::date, t.nir, t.address,
        t.postal_code, t.commune_code, t.commune_name, t.phone, t.email, t.rights_opened_on::date,
        'non_invite', ${at}::timestamptz, ${at}::timestamptz, ${at}::timestamptz, ${at}::timestamptz
      from unnest(
        ${column((r) => r.organisationId)}::text[], ${column((r) => r.referentAgentId)}::text[],
        ${column((r) => r.allocataireNumber)}::text[], ${column((r) => r.role)}::text[],
        ${column((r) => r.lastName)}::text[], ${column((r) => r.firstName)}::text[],
        ${column((r) => r.birthDate)}::text[], ${column((r) => r.nir)}::text[],
        ${column((r) => r.address)}::text[], ${column((r) => r.postalCode)}::text[],
        ${column((r) => r.communeCode)}::text[], ${column((r) => r.communeName)}::text[],
        ${column((r) => r.phone)}::text[], ${column((r) => r.email)}::text[],
        ${column((r) => r.rightsOpenedOn)}::text[]
      ) as t(organisation_id, referent_agent_id, allocataire_number, role, last_name, first_name, birth_date,
        nir, address, postal_code, commune_code, commune_name, phone, email, rights_opened_on)
      returning id
    )
    insert into rsa_status_changes (beneficiary_id, from_status, to_status, changed_by, reason, changed_at)
    select id, null, 'non_invite', 'systeme', ${history.reason}, ${at}::timestamptz from inserted
    returning beneficiary_id`);
  return (result as unknown as { rows: unknown[] }).rows.length;
}

export async function updateBeneficiary(
  db: Db,
  territoryId: string,
  id: string,
  values: Partial<typeof beneficiaries.$inferInsert>,
) {
  await db
    .update(beneficiaries)
    .set(values)
    .where(and(eq(beneficiaries.id, id), eq(beneficiaries.territoryId, territoryId)));
}

/** How many open records (not oriented nor closed) each agent follows as référent. */
export async function referentLoads(db: Db, agentIds: string[]): Promise<Map<string, number>> {
  const loads = new Map(agentIds.map((id) => [id, 0]));
  if (agentIds.length === 0) return loads;
  const rows = await db
    .select({ agentId: sql<string>`${beneficiaries.referentAgentId}`, count: sql<number>`count(*)::int` })
    .from(beneficiaries)
    .where(
      and(
        inArray(beneficiaries.referentAgentId, agentIds),
        notInArray(beneficiaries.status, ['oriente', 'clos']),
        isNull(beneficiaries.anonymisedAt),
      ),
    )
    .groupBy(beneficiaries.referentAgentId);
  for (const row of rows) loads.set(row.agentId, row.count);
  return loads;
}
