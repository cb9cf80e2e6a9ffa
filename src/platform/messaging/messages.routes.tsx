import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { actorOf } from '../audit/audit.ts';
import { safeLocalPath } from '../auth/local-path.ts';
import { can } from '../auth/permissions.ts';
import { requireSignedIn } from '../auth/require.ts';
import type { Platform } from '../platform.ts';
import type { Caller } from '../tenancy/caller.ts';
import type { Channel } from './channels.ts';
import type { MessageStatus } from './messages.repository.ts';
import { browseOrganisationMessages, MESSAGES_SHOWN, retryMessage } from './messages.service.ts';
import {
  channelLabels,
  MESSAGES_PATH,
  MessagesPage,
  messageStatuses,
  TEMPLATES_PATH,
} from './messages.view.tsx';
import { previewTemplates } from './template-previews.service.ts';
import { TemplatePreviewsPage } from './template-previews.view.tsx';

const channels = Object.keys(channelLabels) as [Channel, ...Channel[]];
// Filters come from a GET form or a shared link: a value that is not in the list is simply ignored.
const messagesQuery = z.object({
  organisation: z.string().max(200).optional().catch(undefined),
  statut: z
    .enum(messageStatuses as [MessageStatus, ...MessageStatus[]])
    .optional()
    .catch(undefined),
  canal: z.enum(channels).optional().catch(undefined),
});
// Any string: an id that is not a UUID is answered "not found" by the service.
const messageParams = z.object({ id: z.string().min(1).max(100) });

function callerOf(request: FastifyRequest): Caller {
  return { actor: requireSignedIn(request).actor, audit: actorOf(request) };
}

/**
 * /messages: an organisation's messages (members; operators see every organisation's), « Réessayer »
 * on failed ones, and /messages/modeles, every template rendered for admins to proofread.
 */
export async function registerMessagesPages(app: FastifyInstance, platform: Platform): Promise<void> {
  const db = platform.database.db;
  const { messaging } = platform;
  const web = app.withTypeProvider<ZodTypeProvider>();

  app.navigation.push({
    label: 'Messages',
    href: MESSAGES_PATH,
    visible: (auth) => auth !== null && (auth.actor.isOperator || auth.actor.memberships.length > 0),
  });

  web.get(MESSAGES_PATH, { schema: { querystring: messagesQuery } }, async (request, reply) => {
    const caller = callerOf(request);
    const { organisation, statut, canal } = request.query;
    const view = await browseOrganisationMessages(db, caller, {
      slug: organisation || undefined,
      current: requireSignedIn(request).currentOrganisation,
      filter: { status: statut, channel: canal },
      now: new Date(),
    });
    return reply.page(
      view.organisation ? `Messages – ${view.organisation.name}` : 'Messages',
      <MessagesPage
        {...view}
        templates={messaging.templates}
        csrfToken={reply.csrfToken()}
        allowAll={caller.actor.isOperator}
        mayPreviewTemplates={can(caller.actor, 'message.previewTemplates')}
        limit={MESSAGES_SHOWN}
      />,
    );
  });

  web.post(
    `${MESSAGES_PATH}/:id/reessayer`,
    { schema: { params: messageParams } },
    async (request, reply) => {
      const { requeued } = await retryMessage(db, messaging, callerOf(request), request.params.id);
      if (requeued) reply.flash('success', 'Le message est de nouveau en file d’envoi.');
      else reply.flash('info', 'Ce message n’était plus en échec : rien n’a été renvoyé.');
      const back = safeLocalPath((request.body as Record<string, unknown> | undefined)?.retour);
      return reply.redirect(back?.startsWith(MESSAGES_PATH) ? back : MESSAGES_PATH, 303);
    },
  );

  web.get(TEMPLATES_PATH, async (request, reply) => {
    const caller = callerOf(request);
    const territoryName = requireSignedIn(request).currentOrganisation?.territoryName ?? null;
    const previews = await previewTemplates(db, caller, messaging.templates, {
      territoryName,
      baseUrl: messaging.baseUrl,
    });
    return reply.page(
      'Modèles de messages',
      <TemplatePreviewsPage previews={previews} territoryName={territoryName} />,
    );
  });
}
