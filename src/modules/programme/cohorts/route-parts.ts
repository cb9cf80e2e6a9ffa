import type { FastifyRequest } from 'fastify';
import { z } from 'zod';
import { actorOf } from '../../../platform/audit/audit.ts';
import { AppError, unauthenticated } from '../../../platform/errors.ts';
import type { Caller } from '../../../platform/tenancy/caller.ts';
import type { FormState } from '../../../platform/web/components.tsx';
import { postedValues } from './form-values.ts';

/** Shared by the routes of this part: who asks, the URL parameters, and a refused form shown again. */

export function callerOf(request: FastifyRequest): Caller {
  if (!request.auth) throw unauthenticated();
  return { actor: request.auth.actor, audit: actorOf(request) };
}

// Any short string: an id that is not a UUID is answered 404 by access.ts, like an unknown one.
export const slugParams = z.object({ cohortSlug: z.string().min(1).max(100) });
export const callParams = z.object({ callId: z.string().min(1).max(100) });
export const problemParams = z.object({ problemId: z.string().min(1).max(100) });

/**
 * A form the service refused (a taken slug, an unknown address…) is shown again with the values as
 * posted and the service's messages; any other error goes to the error handler.
 */
export function refusedForm(error: unknown, body: unknown): FormState {
  if (error instanceof AppError && error.code === 'validation') {
    const errors = Object.keys(error.fields).length ? error.fields : { _: error.message };
    return { values: postedValues(body), errors };
  }
  throw error;
}
