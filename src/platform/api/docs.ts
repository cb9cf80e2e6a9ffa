import fastifySwagger from '@fastify/swagger';
import fastifySwaggerUi from '@fastify/swagger-ui';
import type { FastifyInstance } from 'fastify';
import { jsonSchemaTransform, jsonSchemaTransformObject } from 'fastify-type-provider-zod';
import { type Config, isSecure } from '../config.ts';

/**
 * The Content-Security-Policy of the Swagger UI pages. Helmet's policy for the rest of the site is
 * replaced on these routes only (swagger-ui sets it in its own onSend hook), by the same strict
 * policy: Swagger UI loads its scripts and styles from /api/docs/static, so it needs no inline code.
 * The badge of validator.swagger.io is turned off rather than allowed (validatorUrl: null).
 */
function docsContentSecurityPolicy(config: Config): Record<string, string> {
  return {
    'default-src': "'self'",
    'base-uri': "'self'",
    'connect-src': "'self'",
    'font-src': "'self' data:",
    'form-action': "'self'",
    'frame-ancestors': "'none'",
    'img-src': "'self' data:",
    'object-src': "'none'",
    'script-src': "'self'",
    'script-src-attr': "'none'",
    'style-src': "'self'",
    ...(isSecure(config) ? { 'upgrade-insecure-requests': '' } : {}),
  };
}

/** OpenAPI generated from the zod schemas of the /api/v1 routes. Registered before any route. */
export async function registerApiDocs(app: FastifyInstance, config: Config): Promise<void> {
  await app.register(fastifySwagger, {
    openapi: {
      openapi: '3.1.0',
      info: {
        title: 'API Tremplin',
        version: '1',
        description:
          'API JSON des organisations. Authentification : `Authorization: Bearer <jeton>`, un jeton par organisation, créé par ses administrateurs. Erreurs : `{ "error": code, "message": "...", "fields": { chemin: message } }`.',
      },
      servers: [{ url: config.baseUrl }],
      tags: [
        { name: 'Organisation', description: 'L’organisation à laquelle appartient le jeton.' },
        {
          name: 'Agents',
          description:
            'Les agents membres de l’organisation du jeton. Lectures inscrites au journal d’audit.',
        },
        {
          name: 'Indicateurs',
          description:
            'Les indicateurs d’impact publiés par les modules, pour une collectivité ou toute l’instance. Public, sans jeton : agrégats seulement, valeurs sur moins de 5 personnes masquées.',
        },
        {
          name: 'Rendez-vous',
          description:
            'Motifs, créneaux libres et rendez-vous de l’organisation du jeton. Un créneau pris entre-temps répond 409 avec les créneaux suivants.',
        },
      ],
      components: {
        securitySchemes: {
          bearer: {
            type: 'http',
            scheme: 'bearer',
            description: 'Jeton d’API de l’organisation, de la forme `trp_xxxxxxxx_…`.',
          },
        },
      },
      security: [{ bearer: [] }],
    },
    transform: jsonSchemaTransform,
    // Schemas named with .meta({ id }) become components, referenced with $ref from the routes.
    transformObject: jsonSchemaTransformObject,
    // Only the public API is documented; pages and tools are not.
    hideUntagged: true,
  });
  await app.register(fastifySwaggerUi, {
    routePrefix: '/api/docs',
    staticCSP: docsContentSecurityPolicy(config),
    uiConfig: { docExpansion: 'list', deepLinking: false, validatorUrl: null },
  });
}
