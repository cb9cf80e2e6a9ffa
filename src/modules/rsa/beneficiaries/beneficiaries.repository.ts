import {
  aliasedTable,
  and,
  asc,
  count,
  eq,
  ilike,
  inArray,
  isNull,
  ne,
  or,
  type SQL,
  sql,
} from 'drizzle-orm';
import type { Db } from '../../../platform/db/client.ts';
import { citizens } from '../../../platform/scheduling/tables.ts';
import { agents, memberships, organisations, territories } from '../../../platform/tenancy/tables.ts';
import type { RsaScope } from '../policy.ts';
import type { BeneficiaryStatus } from '../status.ts';
import { beneficiaries, notes, rsaSettings } from '../tables.ts';
import type { Sort } from './schemas.ts';

/**
 * Reads and writes of the beneficiaries' lists and records. Every list takes the agent's scope
 * (policy.ts rsaScope) as a required argument; anonymised records are never listed.
 */

export type BeneficiaryFilter = {
  status?: BeneficiaryStatus;
  /** Communes by INSEE code (a code typed, or the communes a typed name matches on the map)… */
  communeCodes?: string[];
  /** …or a piece of the commune's name as imported. */
  communeText?: string;
  /** Rights opened on or after `from` and before `to` (yyyy-mm-dd). */
  rightsFrom?: string;
  rightsTo?: string;
  /** An agent's id, or 'none' for the people with no référent yet. */
  referent?: string;
  /** Each word must match the name, first name or numéro allocataire… */
  words?: string[];
  /** …or the person's phone number is this one (E.164). */
  phone?: string;
  sort: Sort;
};

export function scopeCondition(scope: RsaScope): SQL | undefined {
  if (scope === 'all') return undefined;
  const parts = [
    scope.organisationIds.length ? inArray(beneficiaries.organisationId, scope.organisationIds) : undefined,
    scope.territoryIds.length ? inArray(beneficiaries.territoryId, scope.territoryIds) : undefined,
  ].filter((p) => p !== undefined);
  return parts.length ? or(...parts) : sql`false`;
}

/** A piece of text for ilike, its wildcards taken literally. */
const like = (text: string) => `%${text.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;

function conditions(scope: RsaScope, filter: BeneficiaryFilter, withStatus: boolean): SQL | undefined {
  const communes = [
    filter.communeCodes?.length ? inArray(beneficiaries.communeCode, filter.communeCodes) : undefined,
    filter.communeText ? ilike(beneficiaries.communeName, like(filter.communeText)) : undefined,
  ].filter((c) => c !== undefined);
  return and(
    isNull(beneficiaries.anonymisedAt),
    scopeCondition(scope),
    withStatus && filter.status ? eq(beneficiaries.status, filter.status) : undefined,
    filter.communeCodes || filter.communeText ? (communes.length ? or(...communes) : sql`false`) : undefined,
    filter.rightsFrom ? sql`${beneficiaries.rightsOpenedOn} >= ${filter.rightsFrom}` : undefined,
    filter.rightsTo ? sql`${beneficiaries.rightsOpenedOn} < ${filter.rightsTo}` : undefined,
    filter.referent === 'none'
      ? isNull(beneficiaries.referentAgentId)
      : filter.referent
        ? eq(beneficiaries.referentAgentId, filter.referent)
        : undefined,
    textMatch(filter),
  );
}

/** Every word in the name, first name or numéro allocataire; or, for a phone number, that number. */
function textMatch(filter: BeneficiaryFilter): SQL | undefined {
  const words = (filter.words ?? []).map((word) =>
    or(
      ilike(beneficiaries.lastName, like(word)),
      ilike(beneficiaries.firstName, like(word)),
      ilike(beneficiaries.allocataireNumber, like(word)),
    ),
  );
  const phone = filter.phone ? eq(beneficiaries.phone, filter.phone) : undefined;
  if (!words.length) return phone;
  return phone ? or(and(...words), phone) : and(...words);
}

function ordering(sort: Sort): SQL[] {
  switch (sort) {
    case 'anciennete':
      return [
        sql`${beneficiaries.rightsOpenedOn} asc nulls last`,
        asc(sql`lower(${beneficiaries.lastName})`),
        asc(beneficiaries.id),
      ];
    case 'recent':
      return [
        sql`${beneficiaries.rightsOpenedOn} desc nulls last`,
        asc(sql`lower(${beneficiaries.lastName})`),
        asc(beneficiaries.id),
      ];
    case 'nom':
      return [
        asc(sql`lower(${beneficiaries.lastName})`),
        asc(sql`lower(${beneficiaries.firstName})`),
        asc(beneficiaries.id),
      ];
  }
}

/** How many people of the scope and filter are in each status (the status filter itself left aside). */
export async function countByStatus(
  db: Db,
  scope: RsaScope,
  filter: BeneficiaryFilter,
): Promise<Partial<Record<BeneficiaryStatus, number>>> {
  const rows = await db
    .select({ status: beneficiaries.status, count: count() })
    .from(beneficiaries)
    .where(conditions(scope, filter, false))
    .groupBy(beneficiaries.status);
  return Object.fromEntries(rows.map((r) => [r.status, Number(r.count)]));
}

const referents = aliasedTable(agents, 'referent');

const listed = {
  id: beneficiaries.id,
  organisationId: beneficiaries.organisationId,
  territoryId: beneficiaries.territoryId,
  allocataireNumber: beneficiaries.allocataireNumber,
  role: beneficiaries.role,
  lastName: beneficiaries.lastName,
  firstName: beneficiaries.firstName,
  birthDate: beneficiaries.birthDate,
  address: beneficiaries.address,
  postalCode: beneficiaries.postalCode,
  communeCode: beneficiaries.communeCode,
  communeName: beneficiaries.communeName,
  phone: beneficiaries.phone,
  email: beneficiaries.email,
  rightsOpenedOn: beneficiaries.rightsOpenedOn,
  tags: beneficiaries.tags,
  status: beneficiaries.status,
  statusChangedAt: beneficiaries.statusChangedAt,
  firstMetAt: beneficiaries.firstMetAt,
  referentAgentId: beneficiaries.referentAgentId,
  referentFirstName: referents.firstName,
  referentLastName: referents.lastName,
  organisationName: organisations.name,
};

/** One page of the list (or, without a limit, the whole of it for an export), in the filter's order. */
export async function listBeneficiaries(
  db: Db,
  scope: RsaScope,
  filter: BeneficiaryFilter,
  page: { limit: number; offset: number },
) {
  return db
    .select(listed)
    .from(beneficiaries)
    .innerJoin(organisations, eq(organisations.id, beneficiaries.organisationId))
    .leftJoin(referents, eq(referents.id, beneficiaries.referentAgentId))
    .where(conditions(scope, filter, true))
    .orderBy(...ordering(filter.sort))
    .limit(page.limit)
    .offset(page.offset);
}

export type ListedBeneficiary = Awaited<ReturnType<typeof listBeneficiaries>>[number];

export type AgentChoice = { agentId: string; organisationId: string; firstName: string; lastName: string };

/** Active agents and admins (not read-only members) of these organisations, by name. */
export async function agentsOf(db: Db, organisationIds: string[]): Promise<AgentChoice[]> {
  if (!organisationIds.length) return [];
  return db
    .select({
      agentId: agents.id,
      organisationId: memberships.organisationId,
      firstName: agents.firstName,
      lastName: agents.lastName,
    })
    .from(memberships)
    .innerJoin(agents, eq(agents.id, memberships.agentId))
    .where(
      and(
        inArray(memberships.organisationId, organisationIds),
        ne(memberships.role, 'readonly'),
        isNull(agents.deactivatedAt),
      ),
    )
    .orderBy(asc(sql`lower(${agents.lastName})`), asc(agents.firstName), asc(agents.id));
}

/** The agents who follow at least one person of the scope (an operator's référent choices). */
export async function referentsInScope(db: Db, scope: RsaScope): Promise<AgentChoice[]> {
  return db
    .selectDistinct({
      agentId: agents.id,
      organisationId: beneficiaries.organisationId,
      firstName: agents.firstName,
      lastName: agents.lastName,
      sortKey: sql<string>`lower(${agents.lastName})`,
    })
    .from(beneficiaries)
    .innerJoin(agents, eq(agents.id, beneficiaries.referentAgentId))
    .where(and(isNull(beneficiaries.anonymisedAt), scopeCondition(scope)))
    .orderBy(sql`lower(${agents.lastName})`, asc(agents.firstName), asc(agents.id))
    .limit(500);
}

export type OrganisationChoice = { id: string; name: string; slug: string; kind: string };

/** The organisations of one territory, or of several. */
export async function organisationsOfTerritories(
  db: Db,
  territoryIds: string[],
): Promise<OrganisationChoice[]> {
  if (!territoryIds.length) return [];
  return db
    .select({
      id: organisations.id,
      name: organisations.name,
      slug: organisations.slug,
      kind: organisations.kind,
    })
    .from(organisations)
    .where(inArray(organisations.territoryId, territoryIds))
    .orderBy(asc(organisations.name));
}

export async function findOrganisation(db: Db, id: string): Promise<OrganisationChoice | undefined> {
  const [row] = await db
    .select({
      id: organisations.id,
      name: organisations.name,
      slug: organisations.slug,
      kind: organisations.kind,
    })
    .from(organisations)
    .where(eq(organisations.id, id));
  return row;
}

/** Whether another person of the territory has this numéro allocataire and role (they are unique). */
export async function allocataireTaken(
  db: Db,
  input: { territoryId: string; allocataireNumber: string; role: 'demandeur' | 'conjoint'; exceptId: string },
): Promise<boolean> {
  const [row] = await db
    .select({ id: beneficiaries.id })
    .from(beneficiaries)
    .where(
      and(
        eq(beneficiaries.territoryId, input.territoryId),
        eq(beneficiaries.allocataireNumber, input.allocataireNumber),
        eq(beneficiaries.role, input.role),
        ne(beneficiaries.id, input.exceptId),
      ),
    )
    .limit(1);
  return row !== undefined;
}

export async function territoryOf(db: Db, id: string): Promise<{ kind: string; code: string } | undefined> {
  const [row] = await db
    .select({ kind: territories.kind, code: territories.code })
    .from(territories)
    .where(eq(territories.id, id));
  return row;
}

/** Whether the organisation stores NIRs (rsa_settings; off when it has no settings). */
export async function nirEnabledFor(db: Db, organisationId: string): Promise<boolean> {
  const [row] = await db
    .select({ nirEnabled: rsaSettings.nirEnabled })
    .from(rsaSettings)
    .where(eq(rsaSettings.organisationId, organisationId));
  return row?.nirEnabled ?? false;
}

export async function updateBeneficiary(
  tx: Db,
  id: string,
  values: Partial<Omit<typeof beneficiaries.$inferInsert, 'id' | 'territoryId' | 'status'>>,
): Promise<void> {
  await tx.update(beneficiaries).set(values).where(eq(beneficiaries.id, id));
}

/** Keeps the booking engine's record of the person in step with their RSA record. */
export async function updateCitizenContact(
  tx: Db,
  citizenId: string,
  values: { firstName: string; lastName: string; phone: string | null; email: string | null; at: Date },
): Promise<{ organisationId: string } | undefined> {
  const [row] = await tx
    .update(citizens)
    .set({
      firstName: values.firstName,
      lastName: values.lastName,
      phone: values.phone,
      email: values.email,
      updatedAt: values.at,
    })
    .where(eq(citizens.id, citizenId))
    .returning({ organisationId: citizens.organisationId });
  return row;
}

export async function insertNote(
  tx: Db,
  values: { beneficiaryId: string; agentId: string; body: string; at: Date },
): Promise<string> {
  const [row] = await tx
    .insert(notes)
    .values({
      beneficiaryId: values.beneficiaryId,
      agentId: values.agentId,
      body: values.body,
      createdAt: values.at,
    })
    .returning({ id: notes.id });
  await tx
    .update(beneficiaries)
    .set({ lastActivityAt: values.at })
    .where(eq(beneficiaries.id, values.beneficiaryId));
  return row!.id;
}
