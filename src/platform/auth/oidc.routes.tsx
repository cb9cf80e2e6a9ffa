import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { actorOf, recordAudit } from '../audit/audit.ts';
import { type Config, isSecure } from '../config.ts';
import { notFound } from '../errors.ts';
import type { Platform } from '../platform.ts';
import { safeLocalPath } from './local-path.ts';
import { finishOidcSignIn, type PendingOidc, pendingOidcSchema, startOidcSignIn } from './oidc.ts';
import { findAgentForVerifiedEmail, LINK_IP_LIMIT } from './sign-in.service.ts';
import { OidcFailedPage, UnknownAgentPage } from './views/sign-in.tsx';
import { queryParam, replaceSession } from './web-session.ts';

/** Ten minutes to sign in at the provider; then the round trip must start again. */
const PENDING_MAX_AGE_SECONDS = 600;

function pendingCookieName(config: Config): string {
  return isSecure(config) ? '__Host-tremplin_oidc' : 'tremplin_oidc';
}

function pendingCookieOptions(config: Config) {
  // SameSite=Lax still sends it on the provider's redirect back, a top-level GET navigation.
  return { path: '/', httpOnly: true, sameSite: 'lax' as const, secure: isSecure(config), signed: true };
}

function readPending(request: FastifyRequest, config: Config): PendingOidc | undefined {
  const raw = request.cookies[pendingCookieName(config)];
  if (!raw) return undefined;
  const unsigned = request.unsignCookie(raw);
  if (!unsigned.valid || !unsigned.value) return undefined;
  try {
    const parsed = pendingOidcSchema.safeParse(JSON.parse(unsigned.value));
    return parsed.success ? parsed.data : undefined;
  } catch {
    return undefined;
  }
}

/** GET /connexion/proconnect and its return; both answer 404 when no provider is configured. */
export async function registerOidcRoutes(
  app: FastifyInstance,
  platform: Platform,
  defaultAfterSignIn: string,
): Promise<void> {
  const { config } = platform;
  const db = platform.database.db;
  const label = config.oidc?.label ?? 'ProConnect';
  const failed = (reply: FastifyReply, reason: string, status: number) =>
    reply.page('Connexion interrompue', <OidcFailedPage label={label} reason={reason} />, status);

  app.get('/connexion/proconnect', { config: { rateLimit: LINK_IP_LIMIT } }, async (request, reply) => {
    if (!config.oidc) throw notFound();
    let started: Awaited<ReturnType<typeof startOidcSignIn>>;
    try {
      started = await startOidcSignIn(config, safeLocalPath(queryParam(request, 'suite')));
    } catch (err) {
      request.log.error({ err }, 'OIDC provider unreachable');
      return failed(reply, `${label} ne répond pas pour le moment. Réessayez dans quelques minutes.`, 503);
    }
    reply.setCookie(pendingCookieName(config), JSON.stringify(started.pending), {
      ...pendingCookieOptions(config),
      maxAge: PENDING_MAX_AGE_SECONDS,
    });
    return reply.redirect(started.url, 303);
  });

  app.get(
    '/connexion/proconnect/retour',
    { config: { rateLimit: LINK_IP_LIMIT } },
    async (request, reply) => {
      if (!config.oidc) throw notFound();
      const pending = readPending(request, config);
      reply.clearCookie(pendingCookieName(config), pendingCookieOptions(config));
      if (!pending) {
        return failed(
          reply,
          'Cette tentative de connexion a expiré ou a été ouverte dans un autre navigateur. Recommencez depuis la page de connexion.',
          400,
        );
      }
      if (queryParam(request, 'error')) {
        return failed(reply, `La connexion a été annulée ou refusée par ${label}.`, 400);
      }
      let identity: Awaited<ReturnType<typeof finishOidcSignIn>>;
      try {
        identity = await finishOidcSignIn(config, new URL(request.url, config.baseUrl), pending);
      } catch (err) {
        request.log.warn({ err }, 'OIDC sign-in failed');
        return failed(reply, `${label} n’a pas pu confirmer votre identité. Recommencez la connexion.`, 400);
      }
      const agent = identity.email ? await findAgentForVerifiedEmail(db, identity.email) : undefined;
      if (!agent) {
        await recordAudit(db, actorOf(request), {
          action: 'denied',
          resourceType: 'session',
          details: { method: 'oidc', reason: 'no_active_agent' },
        });
        return reply.page('Accès refusé', <UnknownAgentPage label={label} />, 403);
      }
      await replaceSession(db, config, request, reply, agent.id, 'oidc');
      return reply.redirect(safeLocalPath(pending.suite) ?? defaultAfterSignIn, 303);
    },
  );
}
