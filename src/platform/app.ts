import { randomUUID } from 'node:crypto';
import Fastify, { type FastifyInstance, type FastifyServerOptions } from 'fastify';
import { serializerCompiler, validatorCompiler } from 'fastify-type-provider-zod';
import { registerApiDocs } from './api/docs.ts';
import { registerApi } from './api/index.ts';
import { registerAuditJournal } from './audit/index.ts';
import { registerAuth } from './auth/routes.tsx';
import { registerSessionLoading } from './auth/session.ts';
import { registerPublicForms } from './forms/public.routes.tsx';
import { registerIndicatorsApi } from './indicators/routes.ts';
import { registerMessaging } from './messaging/index.ts';
import { registerLetters } from './messaging/letters/letters.routes.tsx';
import { registerSmsWebhooks } from './messaging/sms/webhook.routes.ts';
import type { TremplinModule } from './modules.ts';
import { enabledModules } from './modules.ts';
import { registerOps } from './ops/routes.ts';
import type { Platform } from './platform.ts';
import { registerScheduling } from './scheduling/index.ts';
import { registerTenancy } from './tenancy/index.ts';
import { registerDashboard } from './web/dashboard.routes.tsx';
import { registerWeb } from './web/plugin.tsx';
import { registerPublicPages } from './web/public.routes.tsx';
import { registerRouteRateLimits } from './web/rate-limit.ts';

/**
 * Builds the whole web application on a platform (config, database, messaging) with the modules it is
 * given. The modules are passed in, not imported, so the platform never depends on a module
 * (src/server.ts passes them all; a module's tests pass just their own).
 *
 * Holds no state of its own: sessions, rate limits and flash messages live in the database or in
 * cookies, so any number of instances can serve the same users.
 */
export async function buildApp(
  platform: Platform,
  options: { modules?: TremplinModule[]; logger?: FastifyServerOptions['logger'] } = {},
): Promise<FastifyInstance> {
  const logger = options.logger ?? false;
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
  await registerMessaging(app, platform);
  await registerApi(app, platform);
  await registerIndicatorsApi(app, platform);
  await registerAuditJournal(app, platform);
  await registerSmsWebhooks(app, platform);
  await registerLetters(app, platform);
  await registerScheduling(app, platform);
  await registerPublicForms(app, platform);

  for (const module of enabledModules(options.modules ?? [], config.modules)) {
    await app.register(async (scope) => module.register(scope, platform));
  }
  return app;
}
