import type { FastifyInstance } from 'fastify';
import { closePlatform } from '../assemble.ts';
import type { Platform } from '../platform.ts';

/**
 * Stops a server without cutting anyone off: no new connections, in-flight requests finish (and the
 * work they started in the background, such as a sign-in email), then the database closes.
 * Gives up after `graceMs` so a stuck request cannot hold a deployment forever.
 */
export async function stopGracefully(
  app: FastifyInstance,
  platform: Platform,
  graceMs = 10_000,
): Promise<'clean' | 'forced'> {
  let timer: NodeJS.Timeout | undefined;
  const deadline = new Promise<'forced'>((resolve) => {
    timer = setTimeout(() => resolve('forced'), graceMs);
  });
  const outcome = await Promise.race([
    (async () => {
      await app.close();
      await closePlatform(platform);
      return 'clean' as const;
    })(),
    deadline,
  ]);
  clearTimeout(timer);
  return outcome;
}
