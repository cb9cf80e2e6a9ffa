import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import type { FastifyInstance } from 'fastify';

/**
 * The one script of the forms: it hides conditional questions until they apply. The CSP allows
 * scripts from this site only (no inline script), so it is a file served here, under a URL carrying
 * its content hash so that browsers may keep it a year.
 */
const source = readFileSync(new URL('./conditions.client.js', import.meta.url), 'utf8');
const hash = createHash('sha256').update(source).digest('hex').slice(0, 10);

export const conditionsScriptPath = `/static/formulaires-${hash}/conditions.js`;

export function registerFormAssets(app: FastifyInstance): void {
  app.get(conditionsScriptPath, async (_request, reply) =>
    reply
      .type('text/javascript; charset=utf-8')
      .header('cache-control', 'public, max-age=31536000, immutable')
      .send(source),
  );
}
