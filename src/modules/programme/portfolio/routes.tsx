import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { Platform } from '../../../platform/platform.ts';
import type { RateLimit } from '../../../platform/web/rate-limit.ts';
import { exportProjectForBetagouv } from './betagouv.service.ts';
import { portfolioPaths } from './paths.ts';
import { showCohortPage, showPortfolioHome } from './portfolio.service.ts';
import { showProjectPage } from './project.service.ts';
import { cachePublicAnswer, PUBLIC_CACHE_SECONDS } from './public-cache.ts';
import { CohortPortfolioPage } from './views/cohort.tsx';
import { PortfolioHomePage } from './views/home.tsx';
import { ProjectPortfolioPage } from './views/project.tsx';

/**
 * A project page computes its module's indicators (one aggregate query each): plenty for readers, too
 * few for a loop that would load the database. The other pages are a handful of small queries, and
 * shared caches keep them five minutes.
 */
const PROJECT_PAGE_LIMIT: RateLimit = { max: 60, windowSeconds: 60 };

const slug = z.string().min(1).max(200);
const cohortParams = z.object({ cohortSlug: slug });
const projectParams = z.object({ projectSlug: slug });

/** The public portfolio (no sign-in): /programme, a season, a project and its beta.gouv.fr file. */
export async function registerPortfolio(app: FastifyInstance, platform: Platform): Promise<void> {
  const web = app.withTypeProvider<ZodTypeProvider>();
  const db = platform.database.db;

  web.get(portfolioPaths.home, { onSend: cachePublicAnswer }, async (_request, reply) =>
    reply.page(
      'Le programme des startups de territoire',
      <PortfolioHomePage {...(await showPortfolioHome(db))} />,
    ),
  );

  web.get(
    '/programme/saisons/:cohortSlug',
    { schema: { params: cohortParams }, onSend: cachePublicAnswer },
    async (request, reply) => {
      const page = await showCohortPage(db, request.params.cohortSlug);
      return reply.page(`${page.cohort.name} – Programme`, <CohortPortfolioPage {...page} />);
    },
  );

  web.get(
    '/programme/projets/:projectSlug',
    {
      schema: { params: projectParams },
      config: { rateLimit: PROJECT_PAGE_LIMIT },
      onSend: cachePublicAnswer,
    },
    async (request, reply) => {
      const page = await showProjectPage(db, platform.indicators, request.params.projectSlug);
      return reply.page(`${page.project.title} – Programme`, <ProjectPortfolioPage {...page} />);
    },
  );

  web.get(
    '/programme/projets/:projectSlug/betagouv.md',
    { schema: { params: projectParams } },
    async (request, reply) => {
      const { fileName, document } = await exportProjectForBetagouv(
        db,
        { registry: platform.indicators, baseUrl: platform.config.baseUrl },
        request.params.projectSlug,
        { publicOnly: true },
      );
      return reply
        .header('content-disposition', `attachment; filename="${fileName}"`)
        .header('cache-control', `public, max-age=${PUBLIC_CACHE_SECONDS}`)
        .type('text/markdown; charset=utf-8')
        .send(document);
    },
  );
}
