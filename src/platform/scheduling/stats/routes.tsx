import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { actorOf } from '../../audit/audit.ts';
import { requireSignedIn } from '../../auth/require.ts';
import type { Platform } from '../../platform.ts';
import { showSchedulingStats } from './stats.service.ts';
import { parsePeriod } from './stats.ts';
import { NoStatsPage, STATS_PATH, StatsPage } from './views/stats.tsx';

const statsQuery = z.object({
  organisation: z.string().min(1).max(200).optional().catch(undefined),
  periode: z.string().max(10).optional().catch(undefined),
});

/** Appointment statistics per organisation (/rendez-vous/statistiques). */
export async function registerSchedulingStats(app: FastifyInstance, platform: Platform): Promise<void> {
  const web = app.withTypeProvider<ZodTypeProvider>();
  const db = platform.database.db;

  web.get(STATS_PATH, { schema: { querystring: statsQuery } }, async (request, reply) => {
    const auth = requireSignedIn(request);
    const { organisations, organisation, stats } = await showSchedulingStats(
      db,
      { actor: auth.actor, audit: actorOf(request) },
      {
        organisationSlug: request.query.organisation,
        currentSlug: auth.currentOrganisation?.organisationSlug,
        period: parsePeriod(request.query.periode),
      },
    );
    if (!organisation || !stats) return reply.page('Statistiques des rendez-vous', <NoStatsPage />);
    return reply.page(
      `Statistiques des rendez-vous – ${organisation.name}`,
      <StatsPage organisations={organisations} organisation={organisation} stats={stats} />,
    );
  });
}
