import type { FastifyInstance, FastifyRequest } from 'fastify';
import { actorOf, recordAudit } from '../audit/audit.ts';
import { can } from '../auth/permissions.ts';
import type { Config } from '../config.ts';
import { forbidden, notFound } from '../errors.ts';
import type { Platform } from '../platform.ts';
import { listLatestMessages } from './messages.repository.ts';
import { type OutboxEntry, OutboxPage } from './outbox.view.tsx';
import { renderStoredMessage } from './render.ts';
import { unsubscribeUrl } from './unsubscribe.ts';

const OUTBOX = '/outils/messages';
const SHOWN = 100;
const loopback = new Set(['127.0.0.1', '::1', '::ffff:127.0.0.1']);

/**
 * Who may read the development outbox. Operators, always (outside production). And an anonymous
 * visitor on the machine itself: a newcomer who has just run `npm start` must be able to do the
 * demo sign-in, whose link lands here, before anyone has an account they can use.
 *
 * The machine-itself rule must not open the box to the world when the app sits behind a reverse
 * proxy on the same host (every request then comes from 127.0.0.1): without TRUST_PROXY, a request
 * carrying forwarding headers is treated as remote; with TRUST_PROXY, request.ip is already the
 * client's address taken from those headers.
 */
export function mayReadOutbox(request: FastifyRequest, config: Pick<Config, 'trustProxy'>): boolean {
  if (request.auth) return can(request.auth.actor, 'outbox.view');
  const forwarded =
    request.headers['x-forwarded-for'] !== undefined || request.headers.forwarded !== undefined;
  return loopback.has(request.ip) && (config.trustProxy || !forwarded);
}

/**
 * /outils/messages: every message of the outbox, rendered now from its template and data (so the
 * demo's sign-in links are there as soon as they are queued, before or without any worker), for
 * development and demos where no provider is configured.
 */
export async function registerOutbox(app: FastifyInstance, platform: Platform): Promise<void> {
  const { config } = platform;
  const db = platform.database.db;
  const { messaging } = platform;
  if (config.env !== 'production') {
    app.navigation.push({
      label: 'Messages (dév.)',
      href: OUTBOX,
      visible: (auth) => auth?.actor.isOperator === true,
    });
  }

  app.get(OUTBOX, async (request, reply) => {
    if (config.env === 'production') throw notFound();
    if (!mayReadOutbox(request, config)) {
      await recordAudit(db, actorOf(request), { action: 'denied', resourceType: 'development_outbox' });
      throw forbidden('Les messages de développement sont réservés aux opérateurs de la plateforme.');
    }
    const entries: OutboxEntry[] = (await listLatestMessages(db, SHOWN)).map((message) => {
      const context = { territoryName: message.territoryName, baseUrl: messaging.baseUrl };
      const rendered = renderStoredMessage(messaging.templates, message, context);
      const unsubscribable = rendered.channel === 'email' && 'essential' in rendered && !rendered.essential;
      return {
        message,
        rendered,
        unsubscribeUrl: unsubscribable ? unsubscribeUrl(config, message.id) : null,
      };
    });
    return reply.page(
      'Messages de développement',
      <OutboxPage entries={entries} limit={SHOWN} smtp={config.smtpUrl !== undefined} />,
    );
  });
}
