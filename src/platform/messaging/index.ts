import type { FastifyInstance } from 'fastify';
import type { Platform } from '../platform.ts';
import { registerMessagesPages } from './messages.routes.tsx';
import { registerOutbox } from './outbox.routes.tsx';
import { registerUnsubscribe } from './unsubscribe.routes.tsx';

/**
 * Messaging's pages: an organisation's messages and the template previews (/messages), the
 * List-Unsubscribe link of non-essential emails, and the development outbox (/outils/messages).
 */
export async function registerMessaging(app: FastifyInstance, platform: Platform): Promise<void> {
  await registerMessagesPages(app, platform);
  await registerUnsubscribe(app, platform);
  await registerOutbox(app, platform);
}
