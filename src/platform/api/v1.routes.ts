import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { actorOf } from '../audit/audit.ts';
import type { Db } from '../db/client.ts';
import type { RateLimit } from '../web/rate-limit.ts';
import { requireApiToken } from './bearer.ts';
import {
  describeOrganisationOfToken,
  listAgentsOfOrganisation,
  readAgentOfOrganisation,
} from './organisation-api.service.ts';
import {
  agentListQuerySchema,
  agentListSchema,
  agentParamsSchema,
  agentSchema,
  errorSchema,
  organisationSchema,
} from './schemas.ts';

/** Per client IP and per route; generous for an integration that synchronises, low enough to stop a scraper. */
const API_RATE_LIMIT: RateLimit = { max: 600, windowSeconds: 60 };

const config = { csrf: false, rateLimit: API_RATE_LIMIT };
const security = [{ bearer: [] }];
const errors = { 400: errorSchema, 401: errorSchema, 429: errorSchema };

/** /api/v1: JSON for the software of an organisation, authenticated by one of its API tokens. */
export async function registerApiV1(app: FastifyInstance, db: Db): Promise<void> {
  await app.register(
    async (scope) => {
      requireApiToken(scope, db);
      const api = scope.withTypeProvider<ZodTypeProvider>();

      api.get(
        '/organisation',
        {
          config,
          schema: {
            tags: ['Organisation'],
            summary: 'L’organisation du jeton',
            description: 'L’organisation à laquelle appartient le jeton, et sa collectivité.',
            security,
            response: { 200: organisationSchema, ...errors },
          },
        },
        async (request) => describeOrganisationOfToken(db, request.apiToken!),
      );

      api.get(
        '/agents',
        {
          config,
          schema: {
            tags: ['Agents'],
            summary: 'Les agents de l’organisation',
            description:
              'Les membres de l’organisation du jeton, avec leur rôle. Chaque appel est inscrit au journal d’audit.',
            security,
            querystring: agentListQuerySchema,
            response: { 200: agentListSchema, ...errors },
          },
        },
        async (request) => ({
          agents: await listAgentsOfOrganisation(db, request.apiToken!, actorOf(request), {
            active: request.query.active === undefined ? undefined : request.query.active === 'true',
          }),
        }),
      );

      api.get(
        '/agents/:id',
        {
          config,
          schema: {
            tags: ['Agents'],
            summary: 'Un agent de l’organisation',
            description:
              'Un membre de l’organisation du jeton. Un agent d’une autre organisation donne 404, comme un identifiant inconnu. Chaque appel est inscrit au journal d’audit.',
            security,
            params: agentParamsSchema,
            response: { 200: agentSchema, 404: errorSchema, ...errors },
          },
        },
        async (request) =>
          readAgentOfOrganisation(db, request.apiToken!, actorOf(request), request.params.id),
      );
    },
    { prefix: '/api/v1' },
  );
}
