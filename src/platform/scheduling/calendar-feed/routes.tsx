import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { actorOf } from '../../audit/audit.ts';
import { requireSignedIn } from '../../auth/require.ts';
import { notFound } from '../../errors.ts';
import type { Platform } from '../../platform.ts';
import type { Caller } from '../../tenancy/caller.ts';
import {
  calendarFeedIcs,
  createCalendarFeed,
  feedUrl,
  revokeCalendarFeed,
  showCalendarFeeds,
} from './calendar-feed.service.ts';
import { CALENDAR_FEED_PATH, CalendarFeedCreatedPage, CalendarFeedsPage } from './views/calendar-feed.tsx';

const feedParams = z.object({ id: z.string().min(1).max(100) });
const tokenParams = z.object({ token: z.string().min(1).max(200) });

function callerOf(request: FastifyRequest): Caller {
  return { actor: requireSignedIn(request).actor, audit: actorOf(request) };
}

/** Agents' private calendar feeds (/agenda/<token>.ics) and the page to create or revoke them. */
export async function registerCalendarFeeds(app: FastifyInstance, platform: Platform): Promise<void> {
  const web = app.withTypeProvider<ZodTypeProvider>();
  const db = platform.database.db;

  web.get(CALENDAR_FEED_PATH, async (request, reply) => {
    const feeds = await showCalendarFeeds(db, callerOf(request));
    return reply.page('Mon agenda privé', <CalendarFeedsPage feeds={feeds} csrfToken={reply.csrfToken()} />);
  });

  web.post(CALENDAR_FEED_PATH, async (request, reply) => {
    const { token } = await createCalendarFeed(db, callerOf(request));
    // The URL is in this response only: reply.page marks it no-store so no cache keeps it.
    return reply.page(
      'Votre lien d’abonnement',
      <CalendarFeedCreatedPage url={feedUrl(platform.config.baseUrl, token)} />,
    );
  });

  web.post(
    `${CALENDAR_FEED_PATH}/:id/revoquer`,
    { schema: { params: feedParams } },
    async (request, reply) => {
      await revokeCalendarFeed(db, callerOf(request), request.params.id);
      reply.flash('success', 'Lien révoqué : votre agenda ne reçoit plus vos rendez-vous.');
      return reply.redirect(CALENDAR_FEED_PATH, 303);
    },
  );

  // Calendar applications fetch this without a session: the token in the URL is the credential.
  web.get(
    '/agenda/:token.ics',
    {
      schema: { params: tokenParams },
      config: { csrf: false, rateLimit: { max: 30, windowSeconds: 60 } },
    },
    async (request, reply) => {
      const ics = await calendarFeedIcs(db, request.params.token, platform.config.baseUrl);
      if (ics === null) throw notFound();
      return reply
        .header('content-type', 'text/calendar; charset=utf-8')
        .header('content-disposition', 'inline; filename="rendez-vous.ics"')
        .header('cache-control', 'private, no-store')
        .header('x-robots-tag', 'noindex')
        .send(ics);
    },
  );
}
