import type { Db } from '../../db/client.ts';
import { notFound } from '../../errors.ts';
import type { Caller } from '../../tenancy/caller.ts';
import { canSchedule } from '../policy.ts';
import { countParticipations, findOrganisationBySlug } from './stats.repository.ts';
import { type AppointmentStats, type StatsPeriod, summariseStats } from './stats.ts';

/**
 * An organisation's appointment figures over the last `period` days (by appointment date, up to now).
 * For modules that publish indicators: the caller decides who may see them.
 */
export async function appointmentStats(
  db: Db,
  organisationId: string,
  period: StatsPeriod,
  now = new Date(),
): Promise<AppointmentStats> {
  const window = { from: new Date(now.getTime() - period * 86_400_000), to: now };
  return summariseStats(await countParticipations(db, organisationId, window), period, window);
}

export type StatsOrganisation = { id: string; slug: string; name: string };

/**
 * The statistics page: the organisations the agent may choose (their memberships), the one shown
 * (asked for, else the current one, else the first) and its figures. Any member may see them
 * (scheduling.view); another organisation is « not found », as if it did not exist.
 */
export async function showSchedulingStats(
  db: Db,
  caller: Caller,
  input: { organisationSlug?: string; currentSlug?: string; period: StatsPeriod; now?: Date },
): Promise<{
  organisations: StatsOrganisation[];
  organisation: StatsOrganisation | null;
  stats: AppointmentStats | null;
}> {
  const organisations = caller.actor.memberships
    .map((m) => ({ id: m.organisationId, slug: m.organisationSlug, name: m.organisationName }))
    .sort((a, b) => a.name.localeCompare(b.name, 'fr'));
  const slug = input.organisationSlug ?? input.currentSlug ?? organisations[0]?.slug;
  if (!slug) return { organisations, organisation: null, stats: null };
  const organisation = organisations.find((o) => o.slug === slug) ?? (await findOrganisationBySlug(db, slug));
  if (!organisation || !canSchedule(caller.actor, 'scheduling.view', { organisationId: organisation.id })) {
    throw notFound();
  }
  if (!organisations.some((o) => o.id === organisation.id)) organisations.push(organisation);
  const stats = await appointmentStats(db, organisation.id, input.period, input.now);
  return { organisations, organisation, stats };
}
