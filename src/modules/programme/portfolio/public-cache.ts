import type { onSendHookHandler } from 'fastify';

/**
 * Portfolio pages change when a team edits its project or a committee decides, and their indicators
 * move with each day's activity: five minutes old is fresh enough, and lets browsers and proxies spare
 * the database when a page is shared widely. Same rule as the RSA public statistics and
 * /api/v1/indicators.
 */
export const PUBLIC_CACHE_SECONDS = 300;

/**
 * For visitors who are not signed in, a successful answer is the same for everyone: shared caches may
 * keep it, without the CSRF cookie the layout sets on a first visit (these pages post nothing).
 * Signed-in agents see their name in the header, so their copy keeps reply.page's no-store.
 */
export const cachePublicAnswer: onSendHookHandler = async (request, reply, payload) => {
  if (!request.auth && reply.statusCode === 200) {
    reply.removeHeader('set-cookie');
    reply.header('cache-control', `public, max-age=${PUBLIC_CACHE_SECONDS}`);
    const vary = reply.getHeader('vary');
    reply.header('vary', vary ? `${vary}, cookie` : 'cookie');
  }
  return payload;
};
