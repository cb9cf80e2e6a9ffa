import type { FastifyRequest } from 'fastify';
import { unauthenticated } from '../errors.ts';
import type { SignedIn } from './actor.ts';

/** The signed-in agent, or the 'unauthenticated' error (a redirect to /connexion?suite=… on pages). */
export function requireSignedIn(request: FastifyRequest): SignedIn {
  if (!request.auth) throw unauthenticated();
  return request.auth;
}
