import { randomUUID } from 'node:crypto';
import Fastify, { type FastifyInstance, type FastifyServerOptions } from 'fastify';
import { serializerCompiler, validatorCompiler } from 'fastify-type-provider-zod';
import { allModules } from './modules/index.ts';
import { registerApiDocs } from './platform/api/docs.ts';
import { registerApi } from './platform/api/index.ts';
import { registerAuditJournal } from './platform/audit/index.ts';
import { registerAuth } from './platform/auth/routes.tsx';
import { registerSessionLoading } from './platform/auth/session.ts';
import { registerOutbox } from './platform/messaging/outbox.routes.tsx';
import { registerOps } from './platform/ops/routes.ts';
import type { Platform } from './platform/platform.ts';
import { registerTenancy } from './platform/tenancy/index.ts';
import { registerDashboard } from './platform/web/dashboard.routes.tsx';
import { registerWeb } from './platform/web/plugin.tsx';
import { registerPublicPages } from './platform/web/public.routes.tsx';
import { registerRouteRateLimits } from './platform/web/rate-limit.ts';

/**
 * Builds the whole web application on a platform (config, database, mailer). Holds no state of its
 * own: sessions, rate limits and flash messages live in the database or in cookies, so any number
 * of instances can serve the same users.
 */
export async function buildApp(
  platform: Platform,
  logger: FastifyServerOptions['logger'] = false,
): Promise<FastifyInstance> {
  const { config, database } = platform;
  const app = Fastify({
    logger,
    trustProxy: config.trustProxy,
    requestIdHeader: 'x-request-id',
    genReqId: () => randomUUID(),
    return503OnClosing: true,
    bodyLimit: 1_048_576,
  });
  app.setValidatorCompiler(validatorCompiler);
  app.setSerializerCompiler(serializerCompiler);

  await registerOps(app, platform);
  await registerApiDocs(app, config);
  await registerWeb(app, config);
  registerSessionLoading(app, database.db, config);
  registerRouteRateLimits(app, database.db);
  await registerPublicPages(app);
  await registerDashboard(app);
  await registerTenancy(app, platform);
  await registerAuth(app, platform);
  await registerOutbox(app, platform);
  await registerApi(app, platform);
  await registerAuditJournal(app, platform);

  for (const module of enabledModules(config.modules)) {
    await app.register(async (scope) => module.register(scope, platform));
  }
  return app;
}

export function enabledModules(selection: string[] | 'all') {
  return selection === 'all' ? allModules : allModules.filter((m) => selection.includes(m.name));
}
