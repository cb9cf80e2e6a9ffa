import type { FastifyInstance } from 'fastify';
import type { Platform } from '../../platform.ts';

/** Agents' week views, day lists, booking for a person, statuses and person search (/rendez-vous). */
export async function registerAgenda(_app: FastifyInstance, _platform: Platform): Promise<void> {}
