import type { FastifyInstance } from 'fastify';
import type { Platform } from '../../../platform/platform.ts';

// Being written (issue 5): the routes of this part of the module.
export async function registerStats(_app: FastifyInstance, _platform: Platform): Promise<void> {}
