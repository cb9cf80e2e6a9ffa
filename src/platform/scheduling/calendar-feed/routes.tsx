import type { FastifyInstance } from 'fastify';
import type { Platform } from '../../platform.ts';

/** Agents' private calendar feeds (/agenda/<token>.ics) and the page to create or revoke them. */
export async function registerCalendarFeeds(_app: FastifyInstance, _platform: Platform): Promise<void> {}
