import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { actorOf } from '../../../platform/audit/audit.ts';
import { requireSignedIn } from '../../../platform/auth/require.ts';
import type { Platform } from '../../../platform/platform.ts';
import { figuresCsv, heatmapCsv } from './csv.ts';
import { showLineStatistics } from './stats.service.ts';
import { LineStatisticsPage, statsCsvPath, statsPath } from './views/stats-page.tsx';

const params = z.object({ lineId: z.string().max(100) });
const query = z.object({
  periode: z.string().max(10).optional().catch(undefined),
  du: z.string().max(20).optional().catch(undefined),
  au: z.string().max(20).optional().catch(undefined),
  tableau: z.enum(['services', 'heures']).optional().catch(undefined),
});

/**
 * A line's statistics (issue 7, scope 7): the page, and its figures as CSV. Members of the line's
 * organisation, whatever their role, and operators; anyone else gets 404.
 */
export async function registerStats(app: FastifyInstance, platform: Platform): Promise<void> {
  const web = app.withTypeProvider<ZodTypeProvider>();
  const db = platform.database.db;
  const now = () => platform.messaging.clock();

  web.get(statsPath(':lineId'), { schema: { params, querystring: query } }, async (request, reply) => {
    const auth = requireSignedIn(request);
    const view = await showLineStatistics(
      db,
      { actor: auth.actor, audit: actorOf(request) },
      request.params.lineId,
      request.query,
      now(),
    );
    return reply.page(`Statistiques – ${view.line.name}`, <LineStatisticsPage view={view} />);
  });

  web.get(statsCsvPath(':lineId'), { schema: { params, querystring: query } }, async (request, reply) => {
    const auth = requireSignedIn(request);
    const view = await showLineStatistics(
      db,
      { actor: auth.actor, audit: actorOf(request) },
      request.params.lineId,
      request.query,
      now(),
    );
    const { from, to } = view.stats.period;
    const hours = request.query.tableau === 'heures';
    const name = `statistiques-accueil-${hours ? 'heures-' : ''}${from}-${to}.csv`;
    return reply
      .header('content-type', 'text/csv; charset=utf-8')
      .header('content-disposition', `attachment; filename="${name}"`)
      .header('cache-control', 'no-store')
      .send(hours ? heatmapCsv(view.stats) : figuresCsv(view.stats));
  });
}
