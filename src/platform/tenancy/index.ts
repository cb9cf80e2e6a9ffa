import type { FastifyInstance } from 'fastify';
import type { Platform } from '../platform.ts';
import { seesAdministration } from './policy.ts';
import { registerTenancyRoutes } from './routes.tsx';

/** Territories, organisations and their agents: the /admin pages and their navigation entry. */
export async function registerTenancy(app: FastifyInstance, platform: Platform): Promise<void> {
  app.navigation.push({ label: 'Administration', href: '/admin', visible: seesAdministration });
  await registerTenancyRoutes(app, platform);
}
