import type { FastifyRequest } from 'fastify';
import { actorOf } from '../../../platform/audit/audit.ts';
import { unauthenticated } from '../../../platform/errors.ts';
import type { Caller } from '../../../platform/tenancy/caller.ts';
import type { FormValues } from './form-reading.ts';

export function callerOf(request: FastifyRequest): Caller {
  if (!request.auth) throw unauthenticated();
  return { actor: request.auth.actor, audit: actorOf(request) };
}

/** The fields as posted (the last value of a repeated one), without the CSRF token. */
export function postedValues(body: unknown): FormValues {
  const values: FormValues = {};
  if (body && typeof body === 'object') {
    for (const [key, value] of Object.entries(body)) {
      if (key !== '_csrf')
        values[key] = Array.isArray(value) ? String(value.at(-1) ?? '') : String(value ?? '');
    }
  }
  return values;
}
