import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { Db } from '../db/client.ts';
import { unauthenticated } from '../errors.ts';
import { authenticateApiToken } from './api-token.service.ts';

/** The Authorization header's bearer token, or null when there is no such header. */
export function bearerTokenOf(request: FastifyRequest): string | null {
  const header = request.headers.authorization;
  if (!header) return null;
  const match = /^Bearer\s+(\S+)\s*$/i.exec(header);
  return match ? match[1]! : '';
}

/**
 * Every route of the scope requires `Authorization: Bearer trp_…`. A session cookie is ignored
 * here: the API authenticates by token only, so a page of another site cannot ride on a browser
 * session to call it (these routes skip the CSRF check), and the audit trail names the token.
 */
export function requireApiToken(scope: FastifyInstance, db: Db): void {
  scope.addHook('onRequest', async (request, reply) => {
    request.auth = null;
    const token = bearerTokenOf(request);
    const identity = token ? await authenticateApiToken(db, token, new Date()) : null;
    if (!identity) {
      // RFC 6750: a missing token gets a bare challenge, a bad one says why.
      reply.header(
        'www-authenticate',
        token === null ? 'Bearer realm="Tremplin"' : 'Bearer realm="Tremplin", error="invalid_token"',
      );
      throw token === null
        ? unauthenticated('Authentification requise : envoyez l’en-tête « Authorization: Bearer <jeton> ».')
        : unauthenticated('Ce jeton d’API est inconnu, mal formé ou révoqué.');
    }
    request.apiToken = identity;
  });
}
