import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { errorSchema } from '../api/schemas.ts';
import type { Platform } from '../platform.ts';
import type { RateLimit } from '../web/rate-limit.ts';
import { readPublicIndicators } from './indicators.service.ts';
import type { IndicatorReading } from './indicators.ts';

/** Public and cached: a few readers a minute is plenty; a scraper computing every figure in a loop is not. */
const INDICATORS_RATE_LIMIT: RateLimit = { max: 120, windowSeconds: 60 };
/** Figures move with each day's appointments: five minutes old is fresh enough, and spares the database. */
const CACHE_SECONDS = 300;

const querySchema = z.object({
  territoire: z
    .string()
    .min(1)
    .max(200)
    .optional()
    .meta({ description: 'Identifiant (slug) d’une collectivité ; sans lui, toute l’instance.' }),
  module: z
    .string()
    .min(1)
    .max(50)
    .optional()
    .meta({ description: 'Ne garder que les indicateurs d’un module (ex. « rsa »).' }),
});

const indicatorSchema = z
  .object({
    key: z.string().meta({ description: 'Clé stable « module.nom », ex. rsa.delai_median_premier_rdv.' }),
    module: z.string(),
    title: z.string(),
    unit: z.string().meta({ description: 'jours, %, personnes… Les pourcentages vont de 0 à 100.' }),
    description: z.string().meta({ description: 'Comment il est calculé.' }),
    better: z.enum(['lower', 'higher']).nullable().meta({ description: 'Sens dans lequel il s’améliore.' }),
    baseline: z
      .object({ value: z.number(), label: z.string(), source: z.string() })
      .nullable()
      .meta({ description: 'La situation avant le service, et sa source.' }),
    value: z.number().nullable().meta({ description: 'Null sans données, ou quand il est masqué.' }),
    sample: z
      .number()
      .int()
      .nullable()
      .meta({ description: 'Nombre de personnes du calcul (null si masqué).' }),
    masked: z
      .boolean()
      .meta({ description: 'Vrai quand moins de 5 personnes : la valeur n’est pas publiée.' }),
    asOf: z.string().meta({ description: 'Moment du calcul (ISO 8601).' }),
  })
  .meta({ id: 'Indicateur' });

const responseSchema = z
  .object({
    territory: z.object({ slug: z.string(), name: z.string() }).nullable(),
    indicators: z.array(indicatorSchema),
  })
  .meta({ id: 'ListeIndicateurs' });

function toJson(reading: IndicatorReading) {
  return {
    key: reading.key,
    module: reading.module,
    title: reading.title,
    unit: reading.unit,
    description: reading.description,
    better: reading.better ?? null,
    baseline: reading.baseline ?? null,
    value: reading.value,
    sample: reading.sample,
    masked: reading.masked,
    asOf: reading.asOf.toISOString(),
  };
}

/**
 * GET /api/v1/indicators: the impact indicators of the enabled modules, computed now, for one
 * territory or the whole instance. Public like the statistics pages (aggregates only, values on fewer
 * than 5 people withheld), so it needs no token; cached by browsers and proxies for five minutes.
 */
export async function registerIndicatorsApi(app: FastifyInstance, platform: Platform): Promise<void> {
  const api = app.withTypeProvider<ZodTypeProvider>();
  const db = platform.database.db;
  api.get(
    '/api/v1/indicators',
    {
      config: { csrf: false, rateLimit: INDICATORS_RATE_LIMIT },
      schema: {
        tags: ['Indicateurs'],
        summary: 'Les indicateurs d’impact des modules',
        description:
          'Chaque module publie ses indicateurs (ex. délai entre l’ouverture des droits au RSA et le premier rendez-vous), calculés à la demande. Public, sans jeton ; une valeur calculée sur moins de 5 personnes est masquée.',
        security: [],
        querystring: querySchema,
        response: { 200: responseSchema, 400: errorSchema, 404: errorSchema, 429: errorSchema },
      },
    },
    async (request, reply) => {
      const { territory, indicators } = await readPublicIndicators(db, platform.indicators, {
        territorySlug: request.query.territoire,
        module: request.query.module,
      });
      reply.header('cache-control', `public, max-age=${CACHE_SECONDS}`);
      return { territory, indicators: indicators.map(toJson) };
    },
  );
}
