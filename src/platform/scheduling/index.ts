import type { FastifyInstance } from 'fastify';
import type { Platform } from '../platform.ts';
import { registerSchedulingAdmin } from './admin/routes.tsx';
import { registerAgenda } from './agenda/routes.tsx';
import { registerSchedulingApi } from './api.routes.ts';
import { registerCalendarFeeds } from './calendar-feed/routes.tsx';
import { registerPublicBooking } from './public/routes.tsx';
import { registerSchedulingStats } from './stats/routes.tsx';
import { registerWebhookPages } from './webhooks/routes.tsx';

/** The booking engine's pages and API: agents' agendas and settings, the public journey, feeds, stats. */
export async function registerScheduling(app: FastifyInstance, platform: Platform): Promise<void> {
  app.navigation.push({
    label: 'Rendez-vous',
    href: '/rendez-vous',
    visible: (auth) => auth !== null && (auth.actor.isOperator || auth.actor.memberships.length > 0),
  });
  await registerAgenda(app, platform);
  await registerSchedulingAdmin(app, platform);
  await registerPublicBooking(app, platform);
  await registerSchedulingApi(app, platform);
  await registerWebhookPages(app, platform);
  await registerCalendarFeeds(app, platform);
  await registerSchedulingStats(app, platform);
}
