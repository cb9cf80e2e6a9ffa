import type { FastifyInstance } from 'fastify';
import type { Platform } from '../../../platform/platform.ts';
import type { ProgrammePart } from '../part.ts';
import { anonymiseInterviewsJob } from './anonymise.job.ts';
import { registerEvidence } from './evidence.routes.tsx';
import { registerHypotheses } from './hypotheses.routes.tsx';
import { registerInterviews } from './interviews.routes.tsx';
import { registerKeyFigures } from './key-figures.routes.tsx';
import { registerMilestones } from './milestones.routes.tsx';
import { registerOverview } from './overview.routes.tsx';

/**
 * The investigation journal of a project (hypotheses, evidence ledger, interviews, key figures,
 * milestones) under /programme/espace/projets/:projectSlug/journal, the cohort's milestones under
 * /programme/espace/saisons/:cohortSlug/jalons, and the nightly anonymisation of ended cohorts'
 * interviews.
 */
export const journalPart: ProgrammePart = {
  async register(app: FastifyInstance, platform: Platform) {
    await registerOverview(app, platform);
    await registerHypotheses(app, platform);
    await registerEvidence(app, platform);
    await registerInterviews(app, platform);
    await registerKeyFigures(app, platform);
    await registerMilestones(app, platform);
  },
  jobs: [anonymiseInterviewsJob],
};
