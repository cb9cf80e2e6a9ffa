import type { FastifyRequest } from 'fastify';
import { actorOf } from '../../../platform/audit/audit.ts';
import { AppError, unauthenticated } from '../../../platform/errors.ts';
import type { Caller } from '../../../platform/tenancy/caller.ts';
import type { FormState } from '../../../platform/web/components.tsx';

/** What the selection's routes share: who calls, and a refused form shown again as it was posted. */

export function callerOf(request: FastifyRequest): Caller {
  if (!request.auth) throw unauthenticated();
  return { actor: request.auth.actor, audit: actorOf(request) };
}

export function postedValues(body: unknown): Record<string, string> {
  const values: Record<string, string> = {};
  if (body && typeof body === 'object') {
    for (const [key, value] of Object.entries(body)) {
      if (key !== '_csrf')
        values[key] = Array.isArray(value) ? String(value.at(-1) ?? '') : String(value ?? '');
    }
  }
  return values;
}

/** A service's validation error (per-field messages) as the form to render again; anything else rethrown. */
export function refusedForm(error: unknown, body: unknown): FormState {
  if (error instanceof AppError && error.code === 'validation') {
    return { values: postedValues(body), errors: error.fields };
  }
  throw error;
}
