import type { FastifyInstance } from 'fastify';
import type { Db } from '../../../platform/db/client.ts';
import { mergeCookies } from '../../../platform/testing/forms.ts';
import { startTestApp } from '../../../platform/testing/harness.ts';
import { programmeModule } from '../index.ts';
import { problems } from '../tables.ts';
import { programmeWorld } from '../testing.ts';

/** Test helpers of this part: the app with the programme, and a complete problem as an agent fills it. */

export async function startProgramme() {
  const t = await startTestApp({}, [programmeModule]);
  const w = await programmeWorld(t.platform.database.db);
  return { t, w, db: t.platform.database.db };
}

/** Every question answered, as the form posts it. */
export function completeProblem(title: string): Record<string, string> {
  return {
    titre: title,
    qui: 'Les familles suivies par le service',
    combien: 'Une quarantaine par mois',
    frequence: 'Chaque semaine',
    consequences_usagers: 'Elles attendent et se déplacent pour rien.',
    consequences_collectivite: 'Les agents rappellent chaque famille plusieurs fois.',
    preuves: 'Comptage fait à la main en janvier : 43 familles.',
    contournement: 'Un tableur partagé',
    sponsor: 'La directrice de l’action sociale',
    service: 'UTS La Seyne',
    disponibilite: 'Un jour par semaine, le jeudi',
  };
}

/** A submitted problem written straight to the database (for the tests of what follows submission). */
export async function submittedProblem(
  db: Db,
  values: { callId: string; agentId: string; organisationId: string; territoryId: string; title: string },
) {
  const [row] = await db
    .insert(problems)
    .values({
      callId: values.callId,
      submitterAgentId: values.agentId,
      organisationId: values.organisationId,
      territoryId: values.territoryId,
      title: values.title,
      whoSuffers: 'Des usagers',
      service: 'Un service',
      status: 'soumis',
      submittedAt: new Date(),
    })
    .returning();
  return row!;
}

/** The path a 303 redirect points to. */
export function locationOf(response: { headers: Record<string, unknown> }): string {
  return String(response.headers.location ?? '');
}

/**
 * Like the platform's submitForm, for a form with a checkbox group: each entry is one posted field,
 * so a name may repeat (one per ticked box), as a browser sends it.
 */
export async function submitEntries(
  app: FastifyInstance,
  options: { page: string; action?: string; cookie: string; entries: [string, string][] },
) {
  const pageResponse = await app.inject({
    method: 'GET',
    url: options.page,
    headers: { cookie: options.cookie },
  });
  const token = /name="_csrf" value="([^"]+)"/.exec(pageResponse.body)?.[1];
  if (!token) throw new Error(`no CSRF token on ${options.page} (status ${pageResponse.statusCode})`);
  const cookie = mergeCookies(options.cookie, pageResponse.headers['set-cookie']);
  return app.inject({
    method: 'POST',
    url: options.action ?? options.page,
    headers: { cookie, 'content-type': 'application/x-www-form-urlencoded' },
    payload: new URLSearchParams([['_csrf', token], ...options.entries]).toString(),
  });
}
