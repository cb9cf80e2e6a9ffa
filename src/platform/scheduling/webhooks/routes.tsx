import type { FastifyInstance } from 'fastify';
import type { Platform } from '../../platform.ts';

/** Organisations' webhook endpoints (/rendez-vous/webhooks). */
export async function registerWebhookPages(_app: FastifyInstance, _platform: Platform): Promise<void> {}
