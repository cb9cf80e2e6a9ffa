import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import type { Platform } from '../../../platform/platform.ts';
import { journalOverview } from './overview.service.ts';
import { JOURNAL_ROUTE } from './paths.ts';
import { callerOf, today } from './routes-kit.ts';
import { slugParams } from './schemas.ts';
import { JournalPage } from './views/journal.tsx';

export async function registerOverview(app: FastifyInstance, platform: Platform): Promise<void> {
  const { db } = platform.database;
  const web = app.withTypeProvider<ZodTypeProvider>();

  web.get(JOURNAL_ROUTE, { schema: { params: slugParams } }, async (request, reply) => {
    const day = today();
    const page = await journalOverview(db, callerOf(request), request.params.projectSlug, day);
    return reply.page(
      `Journal d’investigation – ${page.project.title}`,
      <JournalPage page={page} today={day} csrfToken={reply.csrfToken()} />,
    );
  });
}
