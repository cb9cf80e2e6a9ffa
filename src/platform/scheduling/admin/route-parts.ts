import type { FastifyRequest } from 'fastify';
import { z } from 'zod';
import { actorOf } from '../../audit/audit.ts';
import type { Db } from '../../db/client.ts';
import { AppError, notFound, unauthenticated } from '../../errors.ts';
import type { Caller } from '../../tenancy/caller.ts';
import type { FormState } from '../../web/components.tsx';
import type { ParsedForm } from '../../web/forms.ts';
import { openSettingsOrganisation, type SettingsOrganisation } from './organisation-context.service.ts';

/** Shared by the settings routes: who asks, which organisation, and how a refused form is shown again. */

export const organisationQuery = z.object({
  organisation: z.string().max(200).optional().catch(undefined),
});

// Any string: an id that is not a UUID is answered "not found" by the services, like an unknown one.
export const idParams = z.object({ id: z.string().min(1).max(100) });

export function callerOf(request: FastifyRequest): Caller {
  if (!request.auth) throw unauthenticated();
  return { actor: request.auth.actor, audit: actorOf(request) };
}

/** The organisation of a settings page (?organisation=, else the current one); 404 when the agent has none. */
export async function settingsOrganisationOf(
  db: Db,
  request: FastifyRequest,
  slug: string | undefined,
): Promise<{ caller: Caller; organisation: SettingsOrganisation }> {
  const caller = callerOf(request);
  const organisation = await openSettingsOrganisation(
    db,
    caller,
    slug,
    request.auth?.currentOrganisation ?? null,
  );
  if (!organisation) throw notFound('Vous n’êtes membre d’aucune organisation.');
  return { caller, organisation };
}

/**
 * A form the service refused (unknown commune, overlap…) is shown again with the values as posted and
 * the service's messages; any other error goes to the error handler.
 */
export function refusedForm(
  error: unknown,
  values: Record<string, string>,
): { form: FormState; status: number } {
  if (error instanceof AppError && (error.code === 'validation' || error.code === 'conflict')) {
    const errors = Object.keys(error.fields).length ? error.fields : { _: error.message };
    return { form: { values, errors }, status: error.code === 'conflict' ? 409 : 400 };
  }
  throw error;
}

/** The posted fields as strings, checkbox groups joined with commas, to show them again. */
export function postedValues(body: unknown): Record<string, string> {
  const values: Record<string, string> = {};
  if (body && typeof body === 'object') {
    for (const [key, value] of Object.entries(body)) {
      if (key !== '_csrf')
        values[key] = (Array.isArray(value) ? value : [value]).map((v) => String(v ?? '')).join(',');
    }
  }
  return values;
}

/**
 * A posted settings form: saved when it parses and the service accepts it; otherwise shown again,
 * 400 with the parser's messages, or with the refusal's status and the values as posted.
 */
export async function saveOrShowAgain<T>(
  parsed: ParsedForm<T>,
  body: unknown,
  save: (data: T) => unknown,
  showAgain: (form: FormState, status: number) => unknown,
): Promise<unknown> {
  if (!parsed.ok) return showAgain(parsed.form, 400);
  try {
    return await save(parsed.data);
  } catch (error) {
    const { form, status } = refusedForm(error, postedValues(body));
    return showAgain(form, status);
  }
}

/** The two routes of an archivable row (place, appointment type): their path and the archival they set. */
export const archivalRoutes = [
  ['archivage', true],
  ['restauration', false],
] as const;
