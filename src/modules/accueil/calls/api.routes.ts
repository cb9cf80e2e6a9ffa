import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { requireApiToken } from '../../../platform/api/bearer.ts';
import { errorSchema } from '../../../platform/api/schemas.ts';
import { actorOf, recordAudit } from '../../../platform/audit/audit.ts';
import type { Platform } from '../../../platform/platform.ts';
import { type CallJson, callListQuerySchema, callListSchema } from './api.schemas.ts';
import { type CallListRow, listCallsOfOrganisation } from './calls.repository.ts';

const config = { csrf: false, rateLimit: { max: 600, windowSeconds: 60 } };

/** GET /api/v1/calls: the calls of the token's organisation, with their menu path and outcome. */
export async function registerCallsApi(app: FastifyInstance, platform: Platform): Promise<void> {
  const { db } = platform.database;
  await app.register(
    async (scope) => {
      requireApiToken(scope, db);
      scope.withTypeProvider<ZodTypeProvider>().get(
        '/calls',
        {
          config,
          schema: {
            tags: ['Accueil téléphonique'],
            summary: 'Les appels reçus',
            description:
              'Les appels des lignes de l’organisation du jeton, du plus récent au plus ancien, avec leur parcours dans les menus et leur issue. Un appel terminé sans issue est un appel perdu. Chaque lecture est inscrite au journal d’audit (les numéros sont des données personnelles).',
            security: [{ bearer: [] }],
            querystring: callListQuerySchema,
            response: { 200: callListSchema, 400: errorSchema, 401: errorSchema, 429: errorSchema },
          },
        },
        async (request) => {
          const token = request.apiToken!;
          const q = request.query;
          const rows = await listCallsOfOrganisation(db, {
            organisationId: token.organisationId,
            ...(q.du ? { from: new Date(q.du) } : {}),
            ...(q.au ? { to: new Date(q.au) } : {}),
            ...(q.avant ? { before: new Date(q.avant) } : {}),
            ...(q.issue ? { outcome: q.issue } : {}),
            limit: q.limite,
          });
          await recordAudit(db, actorOf(request), {
            action: 'list',
            resourceType: 'accueil_call',
            organisationId: token.organisationId,
            details: { count: rows.length, filter: q },
          });
          return { appels: rows.map(toJson) };
        },
      );
    },
    { prefix: '/api/v1' },
  );
}

function toJson(row: CallListRow): CallJson {
  return {
    id: row.id,
    ligne: { numero: row.lineNumber, nom: row.lineName },
    canal: row.channel,
    appelant: row.callerNumber,
    debut: row.startedAt.toISOString(),
    fin: row.endedAt?.toISOString() ?? null,
    service: row.serviceKey,
    parcours: row.menuPath,
    issue: row.outcome,
    perdu: row.endedAt !== null && row.outcome === null,
  };
}
