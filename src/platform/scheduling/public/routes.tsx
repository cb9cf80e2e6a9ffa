import type { FastifyInstance } from 'fastify';
import type { Platform } from '../../platform.ts';

/** The person-facing booking journey (/rdv) and the signed links to cancel or move an appointment. */
export async function registerPublicBooking(_app: FastifyInstance, _platform: Platform): Promise<void> {}
