import type { FastifyInstance } from 'fastify';
import type { Platform } from '../../../../platform/platform.ts';
import { paths } from '../paths.ts';
import { callerOf } from '../route-parts.ts';
import { viewHome } from './home.service.ts';
import { HomePage } from './views/home.tsx';

export async function registerHome(app: FastifyInstance, platform: Platform): Promise<void> {
  const { db } = platform.database;
  app.get(paths.home, async (request, reply) => {
    const { actor } = callerOf(request);
    const page = await viewHome(db, actor, new Date());
    return reply.page('Programme d’incubation', <HomePage page={page} />);
  });
}
