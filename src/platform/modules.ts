import type { FastifyInstance } from 'fastify';
import type { Platform } from './platform.ts';

/**
 * What a module gives the platform. Each module folder exports one of these from its index.ts;
 * src/modules/index.ts lists them, and MODULES switches them on or off per deployment.
 */
export type TremplinModule = {
  /** Folder name, e.g. "rsa". */
  name: string;
  /** Shown in the navigation and on the dashboard, in French. */
  title: string;
  register(app: FastifyInstance, platform: Platform): Promise<void>;
};
