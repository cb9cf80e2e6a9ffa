import fastifyCompress from '@fastify/compress';
import fastifyCookie from '@fastify/cookie';
import fastifyCsrf from '@fastify/csrf-protection';
import fastifyFormbody from '@fastify/formbody';
import fastifyHelmet from '@fastify/helmet';
import fastifyStatic from '@fastify/static';
import type { FastifyError, FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { VNode } from 'preact';
import type { SignedIn } from '../auth/actor.ts';
import { type Config, isSecure } from '../config.ts';
import { AppError, statusOf } from '../errors.ts';
import { dsfrDist, dsfrPrefix, publicDir, publicPrefix } from './assets.ts';
import { type Flash, Layout, type NavItem } from './layout.tsx';
import { errorTitles, MessagePage } from './pages.tsx';
import type { RateLimit } from './rate-limit.ts';
import { renderDocument } from './render.ts';

export type NavEntry = NavItem & { visible: (auth: SignedIn | null) => boolean };

declare module 'fastify' {
  interface FastifyInstance {
    navigation: NavEntry[];
  }
  interface FastifyRequest {
    auth: SignedIn | null;
    apiToken: { id: string; organisationId: string; prefix: string } | null;
  }
  interface FastifyReply {
    /** Renders a full DSFR page around `body`. */
    page(title: string, body: VNode, status?: number): FastifyReply;
    /** Shows a message on the next page rendered (after a redirect). */
    flash(type: Flash['type'], message: string): FastifyReply;
    /** The CSRF token to put in the forms of this page. */
    csrfToken(): string;
  }
  interface FastifyContextConfig {
    /** Set to false on routes that authenticate otherwise (API bearer tokens, provider webhooks). */
    csrf?: boolean;
    rateLimit?: RateLimit;
  }
}

const FLASH_COOKIE = 'tremplin_flash';
const YEAR_SECONDS = 31_536_000;

export async function registerWeb(app: FastifyInstance, config: Config): Promise<void> {
  app.decorate('navigation', [] as NavEntry[]);
  app.decorateRequest('apiToken', null);

  await app.register(fastifyCookie, { secret: config.secretKey });
  await app.register(fastifyFormbody);
  const formTokens = new WeakMap<FastifyRequest, string>();
  await app.register(fastifyCsrf, {
    getToken: (request) =>
      formTokens.get(request) ??
      (request.body as { _csrf?: string } | undefined)?._csrf ??
      (request.headers['x-csrf-token'] as string | undefined),
    cookieOpts: { path: '/', sameSite: 'lax', httpOnly: true, secure: isSecure(config), signed: true },
  });
  await app.register(fastifyHelmet, {
    contentSecurityPolicy: {
      directives: {
        defaultSrc: ["'self'"],
        scriptSrc: ["'self'"],
        styleSrc: ["'self'"],
        imgSrc: ["'self'", 'data:'],
        fontSrc: ["'self'"],
        connectSrc: ["'self'"],
        formAction: ["'self'"],
        frameAncestors: ["'none'"],
        objectSrc: ["'none'"],
        baseUri: ["'self'"],
        upgradeInsecureRequests: isSecure(config) ? [] : null,
      },
    },
    strictTransportSecurity: isSecure(config) ? { maxAge: YEAR_SECONDS, includeSubDomains: true } : false,
    crossOriginEmbedderPolicy: false,
  });
  await app.register(fastifyCompress, { global: true, threshold: 1024 });
  // Asset URLs carry a version or a content hash: they never change, so browsers may keep them a year.
  await app.register(fastifyStatic, {
    root: dsfrDist,
    prefix: dsfrPrefix,
    immutable: true,
    maxAge: YEAR_SECONDS * 1000,
    index: false,
    wildcard: true,
  });
  await app.register(fastifyStatic, {
    root: publicDir,
    prefix: publicPrefix,
    immutable: true,
    maxAge: YEAR_SECONDS * 1000,
    index: false,
    decorateReply: false,
  });

  // One token per response: on a first visit (no CSRF cookie yet) every generateCsrf() call makes a new
  // secret and a new cookie, so the form's token and the layout's would not match the cookie kept.
  const csrfTokens = new WeakMap<FastifyReply, string>();
  app.decorateReply('csrfToken', function (this: FastifyReply) {
    let token = csrfTokens.get(this);
    if (token === undefined) {
      token = this.generateCsrf();
      csrfTokens.set(this, token);
    }
    return token;
  });
  app.decorateReply('flash', function (this: FastifyReply, type: Flash['type'], message: string) {
    const pending = readFlash(this.request);
    this.setCookie(FLASH_COOKIE, JSON.stringify([...pending, { type, message }]), flashCookieOptions(config));
    return this;
  });
  app.decorateReply('page', function (this: FastifyReply, title: string, body: VNode, status = 200) {
    const request = this.request;
    const flash = readFlash(request);
    if (flash.length) this.clearCookie(FLASH_COOKIE, flashCookieOptions(config));
    const html = renderDocument(
      <Layout
        title={title}
        auth={request.auth}
        csrfToken={this.csrfToken()}
        navigation={app.navigation.filter((n) => n.visible(request.auth))}
        currentPath={request.url.split('?')[0]!}
        flash={flash}
      >
        {body}
      </Layout>,
    );
    return this.status(status)
      .header('cache-control', 'no-store')
      .type('text/html; charset=utf-8')
      .send(html);
  });

  // Every state-changing request carries the form's token unless its route opts out (bearer-token API).
  // A route's body schema drops unknown keys such as _csrf during validation, so the token is kept
  // aside just before (multipart forms attach their fields later, in their own scope: read then).
  app.addHook('preValidation', (request, _reply, done) => {
    const token = (request.body as { _csrf?: unknown } | undefined)?._csrf;
    if (typeof token === 'string') formTokens.set(request, token);
    done();
  });
  app.addHook('preHandler', (request, reply, done) => {
    const method = request.method;
    if (
      method === 'GET' ||
      method === 'HEAD' ||
      method === 'OPTIONS' ||
      request.routeOptions.config?.csrf === false
    ) {
      return done();
    }
    app.csrfProtection(request, reply, done);
  });

  app.setErrorHandler((error: FastifyError | AppError, request, reply) => handleError(error, request, reply));
  app.setNotFoundHandler((request, reply) =>
    handleError(new AppError('not_found', 'Cette page n’existe pas.'), request, reply),
  );
}

function flashCookieOptions(config: Config) {
  return {
    path: '/',
    httpOnly: true,
    sameSite: 'lax' as const,
    secure: isSecure(config),
    signed: true,
    maxAge: 300,
  };
}

function readFlash(request: FastifyRequest): Flash[] {
  const raw = request.cookies[FLASH_COOKIE];
  if (!raw) return [];
  const unsigned = request.unsignCookie(raw);
  if (!unsigned.valid || !unsigned.value) return [];
  try {
    const parsed = JSON.parse(unsigned.value) as Flash[];
    return Array.isArray(parsed) ? parsed.slice(-5) : [];
  } catch {
    return [];
  }
}

export function wantsJson(request: FastifyRequest): boolean {
  if (request.url.startsWith('/api/')) return true;
  const accept = request.headers.accept ?? '';
  return accept.includes('application/json') && !accept.includes('text/html');
}

function handleError(error: FastifyError | AppError, request: FastifyRequest, reply: FastifyReply) {
  const { status, code, message, fields } = describe(error);
  if (status >= 500) request.log.error({ err: error }, 'request failed');
  if (error instanceof AppError && error.retryAfterSeconds)
    reply.header('retry-after', String(error.retryAfterSeconds));
  if (wantsJson(request)) return reply.status(status).send({ error: code, message, fields });
  if (status === 401) {
    // After signing in again, come back to the page (a form's own page, not the URL it posts to).
    const back = request.method === 'GET' ? request.url : refererPath(request);
    return reply.redirect(back ? `/connexion?suite=${encodeURIComponent(back)}` : '/connexion', 303);
  }
  return reply.page(
    errorTitles[status] ?? 'Erreur',
    <MessagePage title={errorTitles[status] ?? 'Erreur'}>
      <p class="fr-text--lead">{message}</p>
      {status === 500 && (
        <p>
          Réessayez dans quelques instants. Si le problème persiste, communiquez ce numéro à l’équipe :{' '}
          <strong>{String(request.id)}</strong>.
        </p>
      )}
    </MessagePage>,
    status,
  );
}

function refererPath(request: FastifyRequest): string | undefined {
  try {
    const referer = new URL(request.headers.referer ?? '');
    const own = new URL(`${request.protocol}://${request.host}`);
    return referer.host === own.host ? `${referer.pathname}${referer.search}` : undefined;
  } catch {
    return undefined;
  }
}

function describe(error: FastifyError | AppError): {
  status: number;
  code: string;
  message: string;
  fields: Record<string, string>;
} {
  if (error instanceof AppError) {
    return { status: statusOf[error.code], code: error.code, message: error.message, fields: error.fields };
  }
  if (error.code === 'FST_CSRF_INVALID_TOKEN' || error.code === 'FST_CSRF_MISSING_SECRET') {
    return {
      status: 403,
      code: 'csrf',
      message:
        'Ce formulaire a expiré ou ne provient pas de Tremplin. Revenez à la page précédente, rechargez-la, puis envoyez-le à nouveau.',
      fields: {},
    };
  }
  if (error.validation) {
    const fields: Record<string, string> = {};
    for (const v of error.validation) {
      const path = [error.validationContext, ...String(v.instancePath ?? '').split('/')]
        .filter(Boolean)
        .join('.');
      fields[path || String(error.validationContext ?? '_')] ??= v.message ?? 'valeur invalide';
    }
    return { status: 400, code: 'validation', message: 'La requête contient des valeurs invalides.', fields };
  }
  const status = error.statusCode && error.statusCode >= 400 ? error.statusCode : 500;
  if (status === 413)
    return { status, code: 'too_large', message: 'La requête est trop volumineuse.', fields: {} };
  if (status < 500)
    return { status, code: 'bad_request', message: errorTitles[status] ?? 'Requête invalide.', fields: {} };
  return {
    status: 500,
    code: 'internal',
    message: 'Une erreur inattendue s’est produite de notre côté.',
    fields: {},
  };
}
