import type { FastifyInstance } from 'fastify';
import type { Platform } from '../../../platform/platform.ts';

// Placeholder while this part is being written (issue 7).
export async function registerStats(_app: FastifyInstance, _platform: Platform): Promise<void> {}
