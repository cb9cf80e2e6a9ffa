import type { FastifyInstance } from 'fastify';
import { collectDefaultMetrics, Histogram, Registry } from 'prom-client';
import { safeEqual } from '../auth/tokens.ts';
import type { Platform } from '../platform.ts';

/** /healthz for load balancers and /metrics for Prometheus. Both skip sessions, CSRF and compression. */
export async function registerOps(app: FastifyInstance, platform: Platform): Promise<void> {
  const registry = new Registry();
  collectDefaultMetrics({ register: registry });
  const duration = new Histogram({
    name: 'http_request_duration_seconds',
    help: 'Durée des requêtes HTTP',
    labelNames: ['method', 'route', 'status'] as const,
    buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5],
    registers: [registry],
  });
  app.addHook('onResponse', async (request, reply) => {
    const route = request.routeOptions.url ?? 'not_found';
    if (route.startsWith('/static/')) return;
    duration.observe(
      { method: request.method, route, status: String(reply.statusCode) },
      reply.elapsedTime / 1000,
    );
  });

  // While closing, answers tell the client to drop the connection: a kept-alive connection would
  // otherwise hold the shutdown until its idle timeout.
  let closing = false;
  app.addHook('preClose', async () => {
    closing = true;
  });
  app.addHook('onSend', async (_request, reply) => {
    if (closing) reply.header('connection', 'close');
  });

  app.get('/healthz', { logLevel: 'warn', schema: { hide: true } }, async (_request, reply) => {
    const ok = await Promise.race([
      platform.database.ping(),
      new Promise<boolean>((resolve) => setTimeout(() => resolve(false), 2000).unref()),
    ]);
    return reply
      .status(ok ? 200 : 503)
      .header('cache-control', 'no-store')
      .send(ok ? { status: 'ok' } : { status: 'unavailable', message: 'La base de données ne répond pas.' });
  });

  app.get('/metrics', { logLevel: 'warn', schema: { hide: true } }, async (request, reply) => {
    const expected = platform.config.metricsToken;
    if (expected && !safeEqual(request.headers.authorization ?? '', `Bearer ${expected}`)) {
      return reply
        .status(401)
        .send({ error: 'unauthenticated', message: 'Jeton de métriques requis.', fields: {} });
    }
    return reply.type(registry.contentType).send(await registry.metrics());
  });
}
