import type { FastifyRequest } from 'fastify';
import { actorOf } from '../../../platform/audit/audit.ts';
import { AppError, unauthenticated } from '../../../platform/errors.ts';
import { localDayOf } from '../../../platform/scheduling/agenda/week-grid.ts';
import type { Caller } from '../../../platform/tenancy/caller.ts';
import type { FormState } from '../../../platform/web/components.tsx';

/** What the journal's route files share. */

export function callerOf(request: FastifyRequest): Caller {
  if (!request.auth) throw unauthenticated();
  return { actor: request.auth.actor, audit: actorOf(request) };
}

/** Today in Europe/Paris, 'YYYY-MM-DD'. */
export const today = () => localDayOf(new Date());

/**
 * The form again with the service's per-field messages (a link outside the project, a name without
 * consent…) and what the person typed; any other error goes on to the error handler.
 */
export function refusedForm(error: unknown, body: unknown): FormState {
  if (!(error instanceof AppError) || error.code !== 'validation') throw error;
  const values: Record<string, string> = {};
  for (const [key, value] of Object.entries((body ?? {}) as Record<string, unknown>)) {
    if (key !== '_csrf') values[key] = String(value ?? '');
  }
  return { values, errors: error.fields };
}

export const directionOf = (sens: 'monter' | 'descendre') => (sens === 'monter' ? 'up' : 'down');
