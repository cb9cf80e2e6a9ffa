import type { FastifyInstance } from 'fastify';
import type { Platform } from '../../platform.ts';

/** Places, appointment types, opening slots, absences and sectorisation pages (/rendez-vous/parametres). */
export async function registerSchedulingAdmin(_app: FastifyInstance, _platform: Platform): Promise<void> {}
