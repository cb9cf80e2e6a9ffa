import { lt, sql } from 'drizzle-orm';
import type { FastifyInstance } from 'fastify';
import type { Db } from '../db/client.ts';
import { rateLimited } from '../errors.ts';
import { rateLimitHits } from './tables.ts';

export type RateLimit = { max: number; windowSeconds: number };

/**
 * Counts one hit for `key` in the current fixed window and says whether it is still allowed.
 * The counter is a row in the database, so every app instance shares it.
 */
export async function consumeRateLimit(
  db: Db,
  key: string,
  limit: RateLimit,
  now: Date,
): Promise<{ allowed: boolean; retryAfterSeconds: number }> {
  const windowMs = limit.windowSeconds * 1000;
  const windowStart = new Date(Math.floor(now.getTime() / windowMs) * windowMs);
  const [row] = await db
    .insert(rateLimitHits)
    .values({ key, windowStart, count: 1 })
    .onConflictDoUpdate({
      target: [rateLimitHits.key, rateLimitHits.windowStart],
      set: { count: sql`${rateLimitHits.count} + 1` },
    })
    .returning({ count: rateLimitHits.count });
  if (Math.random() < 0.01) {
    await db.delete(rateLimitHits).where(lt(rateLimitHits.windowStart, new Date(now.getTime() - 86_400_000)));
  }
  const retryAfterSeconds = Math.ceil((windowStart.getTime() + windowMs - now.getTime()) / 1000);
  return { allowed: (row?.count ?? 0) <= limit.max, retryAfterSeconds };
}

/** Routes opt in with `config: { rateLimit: { max, windowSeconds } }`; the limit applies per client IP. */
export function registerRouteRateLimits(app: FastifyInstance, db: Db): void {
  app.addHook('onRequest', async (request) => {
    const limit = request.routeOptions.config?.rateLimit;
    if (!limit) return;
    const key = `route:${request.method}:${request.routeOptions.url}:${request.ip}`;
    const { allowed, retryAfterSeconds } = await consumeRateLimit(db, key, limit, new Date());
    if (!allowed) throw rateLimited(retryAfterSeconds);
  });
}
