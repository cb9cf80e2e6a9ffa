import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { Platform } from '../../../platform/platform.ts';
import type { RateLimit } from '../../../platform/web/rate-limit.ts';
import { formParamsOf } from './events.ts';
import {
  answerCallEvent,
  answerIncomingCall,
  failedStatusAnswer,
  failureAnswer,
  recordCallStatus,
  type WebhookAnswer,
  type WebhookRequest,
} from './webhook.service.ts';

/**
 * A provider calls from a handful of addresses, a few requests per call each: 3,000 a minute from one
 * address is a hundred calls at once with room to spare, and still stops a flood.
 */
export const VOICE_WEBHOOK_LIMIT: RateLimit = { max: 3000, windowSeconds: 60 };

/**
 * The hosted voice provider's webhooks (webhook.service.ts explains them). Configure the number with:
 * voice URL POST BASE_URL/accueil/webhook/voix, status callback POST BASE_URL/accueil/webhook/voix/statut,
 * and the line's webhook secret = the account's auth token (the key the provider signs with). The
 * provider calls without a session: CSRF is off, the signature authenticates. Parameters are kept as
 * they come (no body schema): the signature covers all of them.
 */
export async function registerWebhook(app: FastifyInstance, platform: Platform): Promise<void> {
  const options = { config: { csrf: false, rateLimit: VOICE_WEBHOOK_LIMIT }, schema: { hide: true } };

  const requestOf = (request: FastifyRequest): WebhookRequest => ({
    url: `${platform.config.baseUrl}${request.url}`,
    params: formParamsOf(request.body),
    signature: request.headers['x-twilio-signature'] as string | undefined,
    at: new Date(),
  });
  const send = (reply: FastifyReply, answer: WebhookAnswer) =>
    reply
      .status(answer.status)
      .header('cache-control', 'no-store')
      .type('text/xml; charset=utf-8')
      .send(answer.xml);
  // A failure must not reach the caller as the provider's silence or error message: say something.
  const answering = async (
    request: FastifyRequest,
    reply: FastifyReply,
    work: () => Promise<WebhookAnswer>,
  ) => {
    try {
      return send(reply, await work());
    } catch (error) {
      request.log.error({ err: error }, 'webhook voix : échec');
      return send(reply, failureAnswer());
    }
  };

  app.post('/accueil/webhook/voix', options, (request, reply) =>
    answering(request, reply, () => answerIncomingCall(platform, request.log, requestOf(request))),
  );

  app.post<{ Params: { callId: string }; Querystring: { n?: unknown; k?: unknown } }>(
    '/accueil/webhook/voix/:callId/evenement',
    options,
    (request, reply) =>
      answering(request, reply, () =>
        answerCallEvent(platform, request.log, request.params.callId, request.query, requestOf(request)),
      ),
  );

  // Status callbacks are not heard by anyone: a failure is a 500, which a provider may retry.
  const status = async (request: FastifyRequest, reply: FastifyReply, callId: string | null) => {
    try {
      return send(reply, await recordCallStatus(platform, request.log, callId, requestOf(request)));
    } catch (error) {
      request.log.error({ err: error }, 'webhook statut : échec');
      return send(reply, failedStatusAnswer());
    }
  };
  app.post('/accueil/webhook/voix/statut', options, (request, reply) => status(request, reply, null));
  app.post<{ Params: { callId: string } }>(
    '/accueil/webhook/voix/:callId/statut',
    options,
    (request, reply) => status(request, reply, request.params.callId),
  );
}
