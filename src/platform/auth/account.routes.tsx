import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import { actorOf } from '../audit/audit.ts';
import { notFound } from '../errors.ts';
import type { Platform } from '../platform.ts';
import { emptyForm } from '../web/components.tsx';
import { parseForm } from '../web/forms.ts';
import {
  chooseCurrentOrganisation,
  listMySessions,
  revokeMyOtherSessions,
  revokeMySession,
} from './account.service.ts';
import { requireSignedIn } from './require.ts';
import { chooseOrganisationSchema } from './schemas.ts';
import { AccountPage, ChooseOrganisationPage } from './views/account.tsx';
import { endSession } from './web-session.ts';

const sessionIdParam = z.object({ id: z.uuid() });

/** /compte: the signed-in agent's identity, organisations and open sessions. */
export async function registerAccountRoutes(app: FastifyInstance, platform: Platform): Promise<void> {
  const { config } = platform;
  const db = platform.database.db;

  app.get('/compte', async (request, reply) => {
    const auth = requireSignedIn(request);
    const sessions = await listMySessions(db, config, auth, new Date());
    return reply.page(
      'Mon compte',
      <AccountPage
        actor={auth.actor}
        currentOrganisation={auth.currentOrganisation}
        sessions={sessions}
        csrfToken={reply.csrfToken()}
      />,
    );
  });

  app.post('/compte/sessions/:id/revoquer', async (request, reply) => {
    const auth = requireSignedIn(request);
    const params = sessionIdParam.safeParse(request.params);
    if (!params.success) throw notFound('Cette session n’existe pas ou est déjà fermée.');
    if (params.data.id === auth.sessionId) {
      // Closing the session in use is signing out.
      await endSession(db, config, request, reply);
      return reply.flash('success', 'Vous êtes déconnecté.').redirect('/', 303);
    }
    await revokeMySession(db, auth, actorOf(request), params.data.id);
    return reply.flash('success', 'La session a été révoquée.').redirect('/compte', 303);
  });

  app.post('/compte/sessions/revoquer-autres', async (request, reply) => {
    const auth = requireSignedIn(request);
    const count = await revokeMyOtherSessions(db, auth, actorOf(request));
    return reply
      .flash(
        'success',
        count === 0
          ? 'Aucune autre session n’était ouverte.'
          : count === 1
            ? 'Votre autre session a été fermée.'
            : `Vos ${count} autres sessions ont été fermées.`,
      )
      .redirect('/compte', 303);
  });

  app.get('/compte/organisation', async (request, reply) => {
    const auth = requireSignedIn(request);
    return reply.page(
      'Choisir mon organisation',
      <ChooseOrganisationPage
        form={emptyForm({ organisationId: auth.currentOrganisation?.organisationId })}
        memberships={auth.actor.memberships}
        csrfToken={reply.csrfToken()}
      />,
    );
  });

  app.post('/compte/organisation', async (request, reply) => {
    const auth = requireSignedIn(request);
    const parsed = parseForm(chooseOrganisationSchema(auth.actor.memberships), request.body);
    if (!parsed.ok) {
      return reply.page(
        'Choisir mon organisation',
        <ChooseOrganisationPage
          form={parsed.form}
          memberships={auth.actor.memberships}
          csrfToken={reply.csrfToken()}
        />,
        400,
      );
    }
    const membership = await chooseCurrentOrganisation(db, auth, parsed.data.organisationId);
    return reply
      .flash('success', `Vous travaillez maintenant pour : ${membership.organisationName}.`)
      .redirect('/tableau-de-bord', 303);
  });
}
