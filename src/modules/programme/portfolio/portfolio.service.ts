import type { Db } from '../../../platform/db/client.ts';
import { notFound } from '../../../platform/errors.ts';
import {
  type CohortEffort,
  type CohortProjectOutcome,
  type CohortSummary,
  cohortEffort,
  findCohortSummary,
  funnelCounts,
  listCohortOutcomes,
  listCohortSummaries,
  listPublicProjectCards,
  type ProjectCard,
} from './cohort.repository.ts';
import { type Funnel, summariseFunnel } from './funnel.ts';

/**
 * The public portfolio's cohort pages. Public by design: aggregates, cohort facts and the projects their
 * teams chose to publish (is_public); nothing about people but counts and the coaches' public names.
 */

export type PortfolioHome = { cohorts: CohortSummary[]; projects: ProjectCard[] };

export async function showPortfolioHome(db: Db): Promise<PortfolioHome> {
  const cohorts = await listCohortSummaries(db);
  const projects = await listPublicProjectCards(db);
  return { cohorts, projects };
}

export type CohortPage = {
  cohort: CohortSummary;
  funnel: Funnel;
  effort: CohortEffort;
  projects: CohortProjectOutcome[];
};

/** A cohort by its slug, with its funnel, its teams' effort and its public projects; 404 if unknown. */
export async function showCohortPage(db: Db, slug: string): Promise<CohortPage> {
  const cohort = await findCohortSummary(db, slug);
  if (!cohort) throw notFound('Cette saison du programme n’existe pas.');
  const counts = await funnelCounts(db, cohort.id);
  const effort = await cohortEffort(db, cohort.id);
  const projects = await listCohortOutcomes(db, cohort.id);
  return { cohort, funnel: summariseFunnel(counts, cohort.partners), effort, projects };
}
