import type { FastifyInstance } from 'fastify';
import type { Platform } from '../platform.ts';
import { emptyForm } from '../web/components.tsx';
import { parseForm } from '../web/forms.ts';
import { registerAccountRoutes } from './account.routes.tsx';
import { BackgroundWork } from './background.ts';
import { safeLocalPath } from './local-path.ts';
import { registerOidcRoutes } from './oidc.routes.tsx';
import { signInSchema } from './schemas.ts';
import {
  inspectLoginLink,
  LINK_IP_LIMIT,
  requestSignInLink,
  SIGN_IN_IP_LIMIT,
  SIGN_IN_LINK_MINUTES,
  useLoginLink,
} from './sign-in.service.ts';
import { ConfirmLinkPage, InvalidLinkPage, LinkSentPage, SignInPage } from './views/sign-in.tsx';
import { bodyField, endSession, queryParam, replaceSession } from './web-session.ts';

declare module 'fastify' {
  interface FastifyInstance {
    /** Sign-in emails are queued after the answer; shutdown (and tests) wait for them here. */
    backgroundWork: BackgroundWork;
  }
}

const DEFAULT_AFTER_SIGN_IN = '/tableau-de-bord';

/**
 * Agent sign-in by emailed one-time link (and ProConnect when configured), sign-out, and the
 * agent's own account pages.
 */
export async function registerAuth(app: FastifyInstance, platform: Platform): Promise<void> {
  const { config, messaging } = platform;
  const db = platform.database.db;
  const background = new BackgroundWork();
  app.decorate('backgroundWork', background);
  app.addHook('onClose', () => background.settled());

  app.get('/connexion', async (request, reply) => {
    const suite = safeLocalPath(queryParam(request, 'suite'));
    if (request.auth) return reply.redirect(suite ?? DEFAULT_AFTER_SIGN_IN, 303);
    return reply.page(
      'Connexion',
      <SignInPage
        form={emptyForm()}
        csrfToken={reply.csrfToken()}
        suite={suite}
        oidcLabel={config.oidc?.label}
      />,
    );
  });

  app.post('/connexion', { config: { rateLimit: SIGN_IN_IP_LIMIT } }, async (request, reply) => {
    const parsed = parseForm(signInSchema, request.body);
    if (!parsed.ok) {
      return reply.page(
        'Connexion',
        <SignInPage
          form={parsed.form}
          csrfToken={reply.csrfToken()}
          suite={safeLocalPath(parsed.form.values.suite)}
          oidcLabel={config.oidc?.label}
        />,
        400,
      );
    }
    const { limited } = await requestSignInLink(
      {
        db,
        config,
        messaging,
        background,
        onError: (err) => request.log.error({ err }, 'sign-in email not queued'),
      },
      { email: parsed.data.email, suite: safeLocalPath(parsed.data.suite), ip: request.ip, now: new Date() },
    );
    // Same answer when limited, so the limit does not reveal which addresses have accounts.
    if (limited) request.log.warn('sign-in links: too many requests for one address');
    return reply.redirect('/connexion/envoye', 303);
  });

  app.get('/connexion/envoye', async (_request, reply) =>
    reply.page(
      'Lien envoyé',
      <LinkSentPage
        validityMinutes={SIGN_IN_LINK_MINUTES}
        outboxNotice={!config.smtpUrl && config.env !== 'production'}
      />,
    ),
  );

  // Opening the emailed link only shows a button: mail security scanners fetch links with GET, and
  // would otherwise use up the single-use token before the agent clicks.
  app.get('/connexion/lien', { config: { rateLimit: LINK_IP_LIMIT } }, async (request, reply) => {
    const token = queryParam(request, 'jeton') ?? '';
    const suite = safeLocalPath(queryParam(request, 'suite'));
    const link = await inspectLoginLink(db, token, new Date());
    if (!link) return reply.page('Lien expiré', <InvalidLinkPage suite={suite} />, 410);
    return reply.page(
      'Confirmer la connexion',
      <ConfirmLinkPage
        csrfToken={reply.csrfToken()}
        token={token}
        suite={suite}
        email={link.email}
        purpose={link.purpose}
      />,
    );
  });

  app.post('/connexion/lien', { config: { rateLimit: LINK_IP_LIMIT } }, async (request, reply) => {
    const suite = safeLocalPath(bodyField(request, 'suite'));
    const agentId = await useLoginLink(db, bodyField(request, 'jeton') ?? '', new Date());
    if (!agentId) return reply.page('Lien expiré', <InvalidLinkPage suite={suite} />, 410);
    await replaceSession(db, config, request, reply, agentId, 'email');
    return reply.redirect(suite ?? DEFAULT_AFTER_SIGN_IN, 303);
  });

  app.post('/deconnexion', async (request, reply) => {
    await endSession(db, config, request, reply);
    return reply.flash('success', 'Vous êtes déconnecté.').redirect('/', 303);
  });

  await registerOidcRoutes(app, platform, DEFAULT_AFTER_SIGN_IN);
  await registerAccountRoutes(app, platform);
}
