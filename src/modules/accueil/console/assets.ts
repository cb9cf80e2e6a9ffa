import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import type { FastifyInstance } from 'fastify';

/**
 * The console's one script: it refreshes the ticket list and announces new tickets. The CSP allows
 * scripts from this site only (no inline script), so it is a file served here, under a URL carrying
 * its content hash so that browsers may keep it a year.
 */
const source = readFileSync(new URL('./console.client.js', import.meta.url), 'utf8');
const hash = createHash('sha256').update(source).digest('hex').slice(0, 10);

export const liveScriptPath = `/static/accueil-${hash}/console.js`;

export function registerConsoleAssets(app: FastifyInstance): void {
  app.get(liveScriptPath, async (_request, reply) =>
    reply
      .type('text/javascript; charset=utf-8')
      .header('cache-control', 'public, max-age=31536000, immutable')
      .send(source),
  );
}
