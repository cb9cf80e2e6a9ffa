import type { FastifyInstance } from 'fastify';
import type { TremplinModule } from '../../platform/modules.ts';
import type { Platform } from '../../platform/platform.ts';

/**
 * One part of the programme (cohorts and calls, selection, projects, journal, surveys, committee,
 * portfolio): its routes, messages, jobs and commands. index.ts puts the parts together.
 */
export type ProgrammePart = Pick<TremplinModule, 'templates' | 'jobs' | 'commands'> & {
  register?(app: FastifyInstance, platform: Platform): Promise<void>;
};

/** The agent space of the programme; the public portfolio is /programme. */
export const SPACE = '/programme/espace';
