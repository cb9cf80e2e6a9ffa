import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { safeEqual } from '../../auth/tokens.ts';
import { notFound } from '../../errors.ts';
import type { Platform } from '../../platform.ts';
import { parseBrevoWebhook } from './brevo.provider.ts';
import { recordDeliveryReceiptsAndStops } from './receipts.service.ts';

const params = z.object({ secret: z.string().max(200) });

/**
 * POST /webhooks/sms/brevo/<SMS_WEBHOOK_SECRET>: Brevo's transactional-SMS webhook (delivery receipts,
 * STOP replies and unsubscriptions). Brevo calls it without a session, so CSRF is off for it and the
 * secret in the address authenticates the call, compared in constant time; a wrong secret gets the
 * same 404 as an unknown page. The address holds the secret, so the route logs at "warn" only (no
 * "incoming request" line with the URL). Rate-limited per IP; Brevo's batched webhooks (an array of
 * events per call) keep the number of calls low during a bulk send.
 */
export async function registerSmsWebhooks(app: FastifyInstance, platform: Platform): Promise<void> {
  const web = app.withTypeProvider<ZodTypeProvider>();
  const { sms } = platform.config;
  web.post(
    '/webhooks/sms/brevo/:secret',
    {
      schema: { params, hide: true },
      config: { csrf: false, rateLimit: { max: 1200, windowSeconds: 60 } },
      logLevel: 'warn',
      bodyLimit: 5 * 1_048_576,
    },
    async (request, reply) => {
      const expected = sms.provider === 'brevo' ? sms.webhookSecret : undefined;
      if (!expected || !safeEqual(request.params.secret, expected)) {
        request.log.warn({ ip: request.ip }, 'webhook SMS : adresse secrète inconnue');
        throw notFound();
      }
      const outcome = await recordDeliveryReceiptsAndStops(
        platform.database.db,
        'brevo',
        parseBrevoWebhook(request.body),
      );
      return reply.header('cache-control', 'no-store').send({ status: 'ok', ...outcome });
    },
  );
}
