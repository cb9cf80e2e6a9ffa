import { recordAudit } from '../../../platform/audit/audit.ts';
import type { Db } from '../../../platform/db/client.ts';
import { searchCommunes } from '../../../platform/geo/administrative.ts';
import { normalisePhone } from '../../../platform/scheduling/citizens.service.ts';
import type { Caller } from '../../../platform/tenancy/caller.ts';
import { canRsa, type RsaScope, rsaScope } from '../policy.ts';
import type { BeneficiaryStatus } from '../status.ts';
import {
  type AgentChoice,
  agentsOf,
  type BeneficiaryFilter,
  countByStatus,
  type ListedBeneficiary,
  listBeneficiaries,
  organisationsOfTerritories,
  referentsInScope,
} from './beneficiaries.repository.ts';
import type { ListQuery } from './schemas.ts';

/**
 * The agents' list of beneficiaries: the people their organisations follow (or their whole territory
 * for a « direction »), by status, filtered and sorted, one page at a time; the same list exported;
 * and the ids of a whole filter for a bulk invitation. Lists name people: each read is audited.
 */

export const PAGE_SIZE = 50;
/** At most this many people are invited in one go from a filter (about a month of new rights in the Var). */
export const BULK_LIMIT = 2000;
/** An export holds at most this many rows: the Var's whole RSA population fits. */
export const EXPORT_LIMIT = 100_000;

const INSEE_CODE = /^(\d{5}|2[AB]\d{3})$/i;

/** The filter of a list's query string, as the repository reads it. */
export function filterOf(query: ListQuery): BeneficiaryFilter {
  const filter: BeneficiaryFilter = { sort: query.tri ?? 'anciennete', status: query.statut };
  if (query.commune) {
    if (INSEE_CODE.test(query.commune)) filter.communeCodes = [query.commune.toUpperCase()];
    else {
      // A name: the communes of that name on the map (accents and hyphens ignored), or the name as imported.
      filter.communeCodes = searchCommunes(query.commune, 30).map((c) => c.code);
      filter.communeText = query.commune;
    }
  }
  if (query.mois) {
    const [year, month] = query.mois.split('-').map(Number) as [number, number];
    filter.rightsFrom = `${query.mois}-01`;
    filter.rightsTo = month === 12 ? `${year + 1}-01-01` : `${year}-${String(month + 1).padStart(2, '0')}-01`;
  }
  if (query.referent) filter.referent = query.referent === 'aucun' ? 'none' : query.referent;
  if (query.q) {
    filter.words = query.q.split(/\s+/).filter(Boolean).slice(0, 5);
    const digits = query.q.replace(/\D/g, '');
    if (/^[\d\s.+()-]+$/.test(query.q) && digits.length >= 9) {
      const phone = normalisePhone(query.q);
      if (phone.ok) filter.phone = phone.e164;
    }
  }
  return filter;
}

export type ListRow = ListedBeneficiary & { mayManage: boolean };

export type ListView = {
  rows: ListRow[];
  counts: Partial<Record<BeneficiaryStatus, number>>;
  /** People of the filter in every status (the status tab left aside). */
  totalAllStatuses: number;
  /** People of the filter, status included: what the pages run through. */
  total: number;
  page: number;
  pageCount: number;
  referentChoices: AgentChoice[];
  /** Whether the reader may act on some of the people listed (checkboxes and bulk actions). */
  mayManage: boolean;
  /** Whether the reader administers an organisation (link to the RSA settings). */
  mayConfigure: boolean;
};

/** The active agents of the organisations the scope shows: the choices of the référent filter. */
async function referentChoicesFor(db: Db, scope: RsaScope): Promise<AgentChoice[]> {
  if (scope === 'all') return referentsInScope(db, scope);
  const territoryOrganisations = await organisationsOfTerritories(db, scope.territoryIds);
  const ids = [...new Set([...scope.organisationIds, ...territoryOrganisations.map((o) => o.id)])];
  const seen = new Set<string>();
  return (await agentsOf(db, ids)).filter((a) => !seen.has(a.agentId) && seen.add(a.agentId));
}

export async function browseBeneficiaries(db: Db, caller: Caller, query: ListQuery): Promise<ListView> {
  const scope = rsaScope(caller.actor);
  const filter = filterOf(query);
  const counts = await countByStatus(db, scope, filter);
  const totalAllStatuses = Object.values(counts).reduce((sum, n) => sum + (n ?? 0), 0);
  const total = filter.status ? (counts[filter.status] ?? 0) : totalAllStatuses;
  const pageCount = Math.max(1, Math.ceil(total / PAGE_SIZE));
  const page = Math.min(query.page ?? 1, pageCount);
  const [rows, referentChoices] = await Promise.all([
    listBeneficiaries(db, scope, filter, { limit: PAGE_SIZE, offset: (page - 1) * PAGE_SIZE }),
    referentChoicesFor(db, scope),
  ]);
  await recordAudit(db, caller.audit, {
    action: 'list',
    resourceType: 'rsa_beneficiary',
    details: { ...auditedFilter(query), page, count: rows.length },
  });
  const withRights = rows.map((row) => ({ ...row, mayManage: canRsa(caller.actor, 'rsa.manage', row) }));
  return {
    rows: withRights,
    counts,
    totalAllStatuses,
    total,
    page,
    pageCount,
    referentChoices,
    mayManage: caller.actor.isOperator || caller.actor.memberships.some((m) => m.role !== 'readonly'),
    mayConfigure: caller.actor.isOperator || caller.actor.memberships.some((m) => m.role === 'admin'),
  };
}

/** The filters as the audit trail keeps them: which ones were used, not the text searched. */
function auditedFilter(query: ListQuery): Record<string, unknown> {
  return {
    statut: query.statut,
    commune: query.commune,
    mois: query.mois,
    referent: query.referent,
    recherche: query.q ? true : undefined,
    tri: query.tri,
  };
}

/** Everyone of the filter, in its order, for a CSV or XLSX file. Audited as an export. */
export async function exportBeneficiaries(
  db: Db,
  caller: Caller,
  query: ListQuery,
  format: 'csv' | 'xlsx',
): Promise<ListedBeneficiary[]> {
  const scope = rsaScope(caller.actor);
  const rows = await listBeneficiaries(db, scope, filterOf(query), { limit: EXPORT_LIMIT, offset: 0 });
  await recordAudit(db, caller.audit, {
    action: 'export',
    resourceType: 'rsa_beneficiary',
    details: { ...auditedFilter(query), format, count: rows.length },
  });
  return rows;
}

/**
 * « Inviter tous les non invités du filtre »: the people of the filter not invited yet whom the reader
 * may invite, oldest rights first, up to BULK_LIMIT; and how many there are in all.
 */
export async function nonInvitedOf(
  db: Db,
  caller: Caller,
  query: ListQuery,
): Promise<{ ids: string[]; total: number }> {
  const scope = rsaScope(caller.actor);
  const filter: BeneficiaryFilter = { ...filterOf(query), status: 'non_invite', sort: 'anciennete' };
  const counts = await countByStatus(db, scope, filter);
  const rows = await listBeneficiaries(db, scope, filter, { limit: BULK_LIMIT, offset: 0 });
  const ids = rows.filter((row) => canRsa(caller.actor, 'rsa.manage', row)).map((row) => row.id);
  return { ids, total: counts.non_invite ?? 0 };
}
