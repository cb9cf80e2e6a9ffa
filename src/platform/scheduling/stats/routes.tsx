import type { FastifyInstance } from 'fastify';
import type { Platform } from '../../platform.ts';

/** Appointment statistics per organisation (/rendez-vous/statistiques). */
export async function registerSchedulingStats(_app: FastifyInstance, _platform: Platform): Promise<void> {}
