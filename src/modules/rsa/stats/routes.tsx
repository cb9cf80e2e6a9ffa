import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { actorOf } from '../../../platform/audit/audit.ts';
import { requireSignedIn } from '../../../platform/auth/require.ts';
import type { Platform } from '../../../platform/platform.ts';
import type { RateLimit } from '../../../platform/web/rate-limit.ts';
import { showPublicRsaStatistics, showRsaStatistics } from './stats.service.ts';
import { disclosure, parsePeriod } from './stats.ts';
import { AGENT_STATS_PATH, AgentStatsPage, NoRsaStatsPage, PublicStatsPage } from './views/stats.tsx';

/** Public page: figures change with each day's appointments; five minutes old is fresh enough. */
const PUBLIC_CACHE_SECONDS = 300;
/** Each view runs six aggregate queries: plenty for readers, too few for a loop that would load the database. */
const PUBLIC_STATS_LIMIT: RateLimit = { max: 60, windowSeconds: 60 };

const agentQuery = z.object({
  territoire: z.string().min(1).max(200).optional().catch(undefined),
  organisation: z.string().max(200).optional().catch(undefined),
  periode: z.string().max(10).optional().catch(undefined),
});
const publicParams = z.object({ territorySlug: z.string().min(1).max(200) });
const publicQuery = z.object({ periode: z.string().max(10).optional().catch(undefined) });

/**
 * RSA statistics: for agents (/rsa/statistiques, the territories and organisations they may see,
 * every figure) and for everyone (/statistiques/rsa/<collectivité>, the whole territory, small numbers
 * withheld, cacheable).
 */
export async function registerStats(app: FastifyInstance, platform: Platform): Promise<void> {
  const web = app.withTypeProvider<ZodTypeProvider>();
  const db = platform.database.db;

  web.get(AGENT_STATS_PATH, { schema: { querystring: agentQuery } }, async (request, reply) => {
    const auth = requireSignedIn(request);
    const shown = await showRsaStatistics(
      db,
      { actor: auth.actor, audit: actorOf(request) },
      {
        territorySlug: request.query.territoire,
        organisationSlug: request.query.organisation,
        currentTerritorySlug: auth.currentOrganisation?.territorySlug ?? undefined,
        currentOrganisationSlug: auth.currentOrganisation?.organisationSlug,
        period: parsePeriod(request.query.periode),
      },
    );
    if (!shown) return reply.page('Statistiques de l’orientation RSA', <NoRsaStatsPage />);
    return reply.page(
      `Statistiques de l’orientation RSA – ${shown.organisation?.name ?? shown.territory.name}`,
      <AgentStatsPage {...shown} show={disclosure(false)} />,
    );
  });

  web.get(
    '/statistiques/rsa/:territorySlug',
    {
      schema: { params: publicParams, querystring: publicQuery },
      config: { rateLimit: PUBLIC_STATS_LIMIT },
      // The page is the same for every visitor who is not signed in: shared caches may keep it, without
      // the CSRF cookie the layout would set (it has no form that posts). Signed-in agents see their
      // name in the header, so their copy stays private and uncached (reply.page's no-store).
      onSend: async (request, reply, payload) => {
        if (!request.auth && reply.statusCode === 200) {
          reply.removeHeader('set-cookie');
          reply.header('cache-control', `public, max-age=${PUBLIC_CACHE_SECONDS}`);
          reply.header('vary', 'cookie');
        }
        return payload;
      },
    },
    async (request, reply) => {
      const { territory, stats } = await showPublicRsaStatistics(
        db,
        request.params.territorySlug,
        parsePeriod(request.query.periode),
      );
      return reply.page(
        `Orientation RSA : les chiffres de ${territory.name}`,
        <PublicStatsPage territory={territory} stats={stats} show={disclosure(true)} />,
      );
    },
  );
}
