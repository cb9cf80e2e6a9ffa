import { recordAudit } from '../../../platform/audit/audit.ts';
import type { Actor } from '../../../platform/auth/actor.ts';
import type { Db } from '../../../platform/db/client.ts';
import { notFound } from '../../../platform/errors.ts';
import type { Caller } from '../../../platform/tenancy/caller.ts';
import { listOrganisationsInTerritory } from '../../../platform/tenancy/organisation.repository.ts';
import { findTerritoryBySlug, listTerritoriesIn } from '../../../platform/tenancy/territory.repository.ts';
import { canRsa } from '../policy.ts';
import {
  countByMonth,
  countDelays,
  countFirstBookings,
  countNoShows,
  countStatuses,
  countUndated,
  type RsaStatsScope,
} from './stats.repository.ts';
import { cohortWindow, type RsaStats, type RsaStatsPeriod, summariseRsaStats, trendWindow } from './stats.ts';

/**
 * The RSA figures of a territory (or one of its organisations) for the people whose rights opened in
 * the last `period` months, with the 12-month trend. No permission check: the callers below decide
 * who may see them (the agents' page, the public page, the indicators).
 */
export async function computeRsaStats(
  db: Db,
  scope: RsaStatsScope,
  period: RsaStatsPeriod,
  now = new Date(),
): Promise<RsaStats> {
  const window = cohortWindow(period, now);
  const trend = trendWindow(now);
  // One after the other: PGlite has a single connection, and each is one aggregate over the cohort.
  const delays = await countDelays(db, scope, window);
  const statuses = await countStatuses(db, scope, window);
  const noShows = await countNoShows(db, scope, window);
  const firstBookings = await countFirstBookings(db, scope, window);
  const months = await countByMonth(db, scope, trend);
  const undated = await countUndated(db, scope);
  return summariseRsaStats({
    period,
    window,
    delays,
    statuses,
    noShows,
    firstBookings,
    months,
    trendMonths: trend.months,
    undated,
  });
}

export type Choice = { id: string; slug: string; name: string };

/** The agents' statistics page: the scope chosen among those the agent may see, and its figures. */
export type AgentStatsView = {
  territories: Choice[];
  territory: Choice;
  organisations: Choice[];
  wholeTerritory: boolean;
  /** Null for the whole territory. */
  organisation: Choice | null;
  stats: RsaStats;
};

/** Whole-territory figures: operators, and members of one of the territory's « direction » organisations. */
function mayViewWholeTerritory(actor: Actor, territoryId: string): boolean {
  return (
    actor.isOperator ||
    actor.memberships.some((m) => m.organisationKind === 'direction' && m.territoryId === territoryId)
  );
}

async function denied(db: Db, caller: Caller, details: Record<string, unknown>): Promise<never> {
  await recordAudit(db, caller.audit, { action: 'denied', resourceType: 'rsa_statistics', details });
  throw notFound();
}

/**
 * The agents' statistics page: the territories the agent may choose, the organisations of the chosen
 * one they may see (all of them, and the whole territory, for its direction; else their own), the
 * choice made and its figures. Defaults: the current organisation's territory, the whole territory
 * when allowed. Anything else asked for is « not found » (audited), as if it did not exist.
 */
export async function showRsaStatistics(
  db: Db,
  caller: Caller,
  input: {
    territorySlug?: string;
    /** '' or absent: the whole territory when allowed. */
    organisationSlug?: string;
    currentTerritorySlug?: string;
    currentOrganisationSlug?: string;
    period: RsaStatsPeriod;
    now?: Date;
  },
): Promise<AgentStatsView | null> {
  const { actor } = caller;
  const territories = await listTerritoriesIn(
    db,
    actor.isOperator
      ? 'all'
      : [...new Set(actor.memberships.flatMap((m) => (m.territoryId ? [m.territoryId] : [])))],
  );
  if (territories.length === 0) return null;
  const wanted = input.territorySlug ?? input.currentTerritorySlug;
  const territory = wanted ? territories.find((t) => t.slug === wanted) : territories[0];
  if (!territory) {
    if (input.territorySlug) return denied(db, caller, { territory: input.territorySlug });
    return null;
  }

  const wholeTerritory = mayViewWholeTerritory(actor, territory.id);
  const organisations = (
    wholeTerritory
      ? await listOrganisationsInTerritory(db, territory.id)
      : actor.memberships
          .filter((m) => m.territoryId === territory.id)
          .map((m) => ({ id: m.organisationId, slug: m.organisationSlug, name: m.organisationName }))
  )
    .map(({ id, slug, name }) => ({ id, slug, name }))
    .sort((a, b) => a.name.localeCompare(b.name, 'fr'));

  let organisation: Choice | null = null;
  if (input.organisationSlug) {
    organisation = organisations.find((o) => o.slug === input.organisationSlug) ?? null;
    if (
      !organisation ||
      !canRsa(actor, 'rsa.view', { organisationId: organisation.id, territoryId: territory.id })
    ) {
      return denied(db, caller, { territory: territory.slug, organisation: input.organisationSlug });
    }
  } else if (!wholeTerritory) {
    organisation =
      organisations.find((o) => o.slug === input.currentOrganisationSlug) ?? organisations[0] ?? null;
    if (!organisation) return denied(db, caller, { territory: territory.slug });
  }

  const stats = await computeRsaStats(
    db,
    { territoryId: territory.id, organisationId: organisation?.id },
    input.period,
    input.now,
  );
  return { territories, territory, organisations, wholeTerritory, organisation, stats };
}

/** The public page of a territory: anyone, no sign-in; an unknown territory is « not found ». */
export async function showPublicRsaStatistics(
  db: Db,
  territorySlug: string,
  period: RsaStatsPeriod,
  now?: Date,
): Promise<{ territory: Choice; stats: RsaStats }> {
  const territory = await findTerritoryBySlug(db, territorySlug);
  if (!territory) throw notFound('Cette collectivité n’existe pas.');
  const stats = await computeRsaStats(db, { territoryId: territory.id }, period, now);
  return { territory: { id: territory.id, slug: territory.slug, name: territory.name }, stats };
}
