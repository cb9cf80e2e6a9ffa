import type { FastifyInstance } from 'fastify';
import type { Platform } from '../platform.ts';
import { registerTokenPages } from './token.routes.tsx';
import { registerApiV1 } from './v1.routes.ts';

/** The organisation API (/api/v1) and the pages where organisations manage its tokens. */
export async function registerApi(app: FastifyInstance, platform: Platform): Promise<void> {
  await registerTokenPages(app, platform.database.db);
  await registerApiV1(app, platform.database.db);
}
