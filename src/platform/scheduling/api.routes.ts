import type { FastifyInstance } from 'fastify';
import type { Platform } from '../platform.ts';

/** /api/v1/appointment-types, /api/v1/slots and /api/v1/appointments for the organisation's token. */
export async function registerSchedulingApi(_app: FastifyInstance, _platform: Platform): Promise<void> {}
