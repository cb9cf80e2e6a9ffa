import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { actorOf } from '../audit/audit.ts';
import type { Platform } from '../platform.ts';
import { openUnsubscribeLink, type UnsubscribeLink, unsubscribeFromEmails } from './unsubscribe.service.ts';
import { UNSUBSCRIBE_PATH } from './unsubscribe.ts';
import { UnsubscribedPage, UnsubscribePage } from './unsubscribe.view.tsx';

// Anything: a malformed link is answered like a forged one, by the service.
const linkQuery = z.object({
  m: z.string().max(100).catch(''),
  sig: z.string().max(200).catch(''),
});

const linkOf = (query: { m: string; sig: string }): UnsubscribeLink => ({
  messageId: query.m,
  signature: query.sig,
});

/**
 * /messages/desabonnement?m=<message id>&sig=<signature>: the List-Unsubscribe link of non-essential
 * emails. GET asks for confirmation; POST unsubscribes, whether it comes from the page's button or from
 * a mail client's one-click unsubscribe (RFC 8058: a POST with the body "List-Unsubscribe=One-Click",
 * url-encoded or multipart, with no cookie). Neither carries our CSRF token: the signature authenticates
 * the request, so the route opts out of the CSRF check.
 */
export async function registerUnsubscribe(app: FastifyInstance, platform: Platform): Promise<void> {
  const db = platform.database.db;
  const { secretKey } = platform.config;
  await app.register(async (scope) => {
    // One-click requests may come as multipart/form-data; nothing in their body is needed.
    scope.addContentTypeParser(
      'multipart/form-data',
      { parseAs: 'buffer', bodyLimit: 10_000 },
      (_r, _b, done) => done(null, {}),
    );
    const web = scope.withTypeProvider<ZodTypeProvider>();

    web.get(UNSUBSCRIBE_PATH, { schema: { querystring: linkQuery } }, async (request, reply) => {
      const link = await openUnsubscribeLink(db, secretKey, linkOf(request.query));
      const action = `${UNSUBSCRIBE_PATH}?${new URLSearchParams(request.query)}`;
      return reply.page('Désabonnement', <UnsubscribePage {...link} action={action} />);
    });

    web.post(
      UNSUBSCRIBE_PATH,
      { schema: { querystring: linkQuery }, config: { csrf: false } },
      async (request, reply) => {
        const { address } = await unsubscribeFromEmails(
          db,
          secretKey,
          actorOf(request),
          linkOf(request.query),
        );
        return reply.page('Désabonnement confirmé', <UnsubscribedPage address={address} />);
      },
    );
  });
}
