import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { requireApiToken } from '../api/bearer.ts';
import { errorSchema } from '../api/schemas.ts';
import { actorOf } from '../audit/audit.ts';
import type { Platform } from '../platform.ts';
import type { RateLimit } from '../web/rate-limit.ts';
import {
  appointmentCreateSchema,
  appointmentParamsSchema,
  appointmentPatchSchema,
  appointmentSchema,
  appointmentTypeListSchema,
  conflictSchema,
  slotsQuerySchema,
  slotsResultSchema,
} from './api.schemas.ts';
import {
  type ApiCaller,
  bookThroughApi,
  changeAppointmentThroughApi,
  listAppointmentTypesForApi,
  nextSlotsJson,
  readAppointmentForApi,
  searchSlotsForApi,
  slotsJson,
} from './api.service.ts';

/** Per client IP and per route, as the rest of /api/v1. */
const API_RATE_LIMIT: RateLimit = { max: 600, windowSeconds: 60 };
const config = { csrf: false, rateLimit: API_RATE_LIMIT };
const security = [{ bearer: [] }];
const errors = { 400: errorSchema, 401: errorSchema, 429: errorSchema };
const tags = ['Rendez-vous'];
const TAKEN = 'Ce créneau vient d’être pris.';

function callerOf(request: FastifyRequest): ApiCaller {
  return { token: request.apiToken!, audit: actorOf(request) };
}

/** /api/v1/appointment-types, /api/v1/slots and /api/v1/appointments for the organisation's token. */
export async function registerSchedulingApi(app: FastifyInstance, platform: Platform): Promise<void> {
  const db = platform.database.db;
  await app.register(
    async (scope) => {
      requireApiToken(scope, db);
      const api = scope.withTypeProvider<ZodTypeProvider>();

      api.get(
        '/appointment-types',
        {
          config,
          schema: {
            tags,
            summary: 'Les motifs de rendez-vous',
            description: 'Les motifs proposés par l’organisation du jeton (les motifs archivés sont exclus).',
            security,
            response: { 200: appointmentTypeListSchema, ...errors },
          },
        },
        async (request) => ({ appointmentTypes: await listAppointmentTypesForApi(db, request.apiToken!) }),
      );

      api.get(
        '/slots',
        {
          config,
          schema: {
            tags,
            summary: 'Les créneaux libres d’un motif',
            description:
              'Les créneaux libres par lieu et par jour, comme un agent les voit (délai minimum ignoré, délai maximum appliqué), du jour `from` au jour `to` inclus (31 jours au plus), jours locaux Europe/Paris. Avec `commune`, la sectorisation s’applique.',
            security,
            querystring: slotsQuerySchema,
            response: { 200: slotsResultSchema, 404: errorSchema, ...errors },
          },
        },
        async (request) => slotsJson(await searchSlotsForApi(db, request.apiToken!, request.query)),
      );

      api.post(
        '/appointments',
        {
          config,
          schema: {
            tags,
            summary: 'Prendre un rendez-vous',
            description:
              'Réserve un créneau donné par /slots pour une personne (connue par son id, ou par ses coordonnées : elle est retrouvée par `externalRef`, puis par nom et téléphone ou courriel). Si le créneau vient d’être pris, réponse 409 avec les créneaux suivants. La personne reçoit la confirmation par courriel et SMS ; les webhooks de l’organisation sont appelés.',
            security,
            body: appointmentCreateSchema,
            response: { 201: appointmentSchema, 409: conflictSchema, ...errors },
          },
        },
        async (request, reply) => {
          const outcome = await bookThroughApi(db, platform, callerOf(request), request.body);
          if (!outcome.ok) {
            return reply
              .status(409)
              .send({ error: 'conflict', message: TAKEN, fields: {}, next: nextSlotsJson(outcome.next) });
          }
          return reply.status(201).send(outcome.appointment);
        },
      );

      api.get(
        '/appointments/:id',
        {
          config,
          schema: {
            tags,
            summary: 'Un rendez-vous',
            description:
              'Un rendez-vous de l’organisation du jeton, avec ses participations et l’historique de leurs statuts. Un rendez-vous d’une autre organisation donne 404, comme un identifiant inconnu. Chaque lecture est inscrite au journal d’audit.',
            security,
            params: appointmentParamsSchema,
            response: { 200: appointmentSchema, 404: errorSchema, ...errors },
          },
        },
        async (request) => readAppointmentForApi(db, callerOf(request), request.params.id),
      );

      api.patch(
        '/appointments/:id',
        {
          config,
          schema: {
            tags,
            summary: 'Changer le statut, annuler ou déplacer un rendez-vous',
            description:
              '`status` change le statut d’une participation (`annule` annule un rendez-vous à venir ; `vu` et `absent` une fois le rendez-vous commencé). `startsAt` (et `placeId`, `agentId`) le déplace : même contrôle qu’une réservation, 409 avec les créneaux suivants si ce créneau est pris. `participantId` est nécessaire pour une séance collective de plusieurs personnes.',
            security,
            params: appointmentParamsSchema,
            body: appointmentPatchSchema,
            response: { 200: appointmentSchema, 404: errorSchema, 409: conflictSchema, ...errors },
          },
        },
        async (request, reply) => {
          const outcome = await changeAppointmentThroughApi(
            db,
            platform,
            callerOf(request),
            request.params.id,
            request.body,
          );
          if (!outcome.ok) {
            return reply
              .status(409)
              .send({ error: 'conflict', message: TAKEN, fields: {}, next: nextSlotsJson(outcome.next) });
          }
          return outcome.appointment;
        },
      );
    },
    { prefix: '/api/v1' },
  );
}
