import type { FastifyRequest } from 'fastify';
import { actorOf } from '../../../platform/audit/audit.ts';
import { AppError, unauthenticated } from '../../../platform/errors.ts';
import { localDayOf } from '../../../platform/scheduling/agenda/week-grid.ts';
import type { Caller } from '../../../platform/tenancy/caller.ts';
import type { FormState } from '../../../platform/web/components.tsx';

/** What the routes of this part share: who calls, what day it is, how a refused form is shown again. */

export function callerOf(request: FastifyRequest): Caller {
  if (!request.auth) throw unauthenticated();
  return { actor: request.auth.actor, audit: actorOf(request) };
}

/** Now, and today in Europe/Paris (the day the pages and the plans count in). */
export function clock(): { now: Date; today: string } {
  const now = new Date();
  return { now, today: localDayOf(now) };
}

/** The posted values as the form shows them again (repeated checkbox values joined by commas). */
export function postedValues(body: unknown): Record<string, string> {
  const values: Record<string, string> = {};
  if (body && typeof body === 'object') {
    for (const [key, value] of Object.entries(body)) {
      if (key !== '_csrf')
        values[key] = Array.isArray(value) ? value.map(String).join(',') : String(value ?? '');
    }
  }
  return values;
}

/**
 * A service's refusal that belongs on the form (a per-field message): the form shown again with the
 * values the person entered. Anything else is rethrown, for the platform's error pages.
 */
export function refusedForm(error: unknown, body: unknown): { form: FormState; status: number } {
  if (error instanceof AppError && (error.code === 'validation' || error.code === 'conflict')) {
    const errors = Object.keys(error.fields).length > 0 ? error.fields : { _: error.message };
    return { form: { values: postedValues(body), errors }, status: error.code === 'conflict' ? 409 : 400 };
  }
  throw error;
}
