import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { actorOf } from '../../audit/audit.ts';
import { AppError, notFound, unauthenticated } from '../../errors.ts';
import type { Platform } from '../../platform.ts';
import type { Caller } from '../../tenancy/caller.ts';
import { emptyForm, type FormState } from '../../web/components.tsx';
import {
  WebhookCreatedPage,
  type WebhookOrganisation,
  WebhooksPage,
  webhooksPath,
} from './views/webhooks.tsx';
import { disableWebhookEndpoint, registerWebhookEndpoint, webhookOverview } from './webhooks.service.ts';

const organisationQuery = z.object({ organisation: z.string().max(200).optional().catch(undefined) });
const endpointParams = z.object({ id: z.uuid() });
// Read in the handler, not as the route's body schema: validation would drop the _csrf field first.
const formBody = z.object({
  organisation: z.string().max(200).optional().catch(undefined),
  url: z.string().max(2000).optional().catch(undefined),
});
const fieldsOf = (body: unknown) => formBody.parse(body ?? {});

function callerOf(request: FastifyRequest): Caller {
  if (!request.auth) throw unauthenticated();
  return { actor: request.auth.actor, audit: actorOf(request) };
}

/**
 * The organisation of the page: ?organisation=<slug> among the agent's memberships, else the one
 * they work in now. The service then checks that they administer it.
 */
function organisationOf(request: FastifyRequest, slug: string | undefined): WebhookOrganisation {
  const auth = request.auth!;
  const membership = slug
    ? auth.actor.memberships.find((m) => m.organisationSlug === slug)
    : (auth.currentOrganisation ?? undefined);
  if (!membership) throw notFound('Cette organisation n’existe pas ou vous n’en êtes pas membre.');
  return {
    id: membership.organisationId,
    slug: membership.organisationSlug,
    name: membership.organisationName,
  };
}

/** Organisations' webhook endpoints (/rendez-vous/webhooks): admins add and disable addresses. */
export async function registerWebhookPages(app: FastifyInstance, platform: Platform): Promise<void> {
  const db = platform.database.db;
  const production = platform.config.env === 'production';
  const web = app.withTypeProvider<ZodTypeProvider>();

  async function page(
    request: FastifyRequest,
    organisation: WebhookOrganisation,
    form: FormState,
    csrfToken: string,
  ) {
    const overview = await webhookOverview(db, callerOf(request), organisation.id);
    return (
      <WebhooksPage
        organisation={organisation}
        endpoints={overview.endpoints}
        deliveries={overview.deliveries}
        form={form}
        csrfToken={csrfToken}
        production={production}
      />
    );
  }

  web.get('/rendez-vous/webhooks', { schema: { querystring: organisationQuery } }, async (request, reply) => {
    callerOf(request);
    const organisation = organisationOf(request, request.query.organisation);
    return reply.page(
      `Webhooks – ${organisation.name}`,
      await page(request, organisation, emptyForm(), reply.csrfToken()),
    );
  });

  web.post('/rendez-vous/webhooks', async (request, reply) => {
    const caller = callerOf(request);
    const fields = fieldsOf(request.body);
    const organisation = organisationOf(request, fields.organisation);
    const url = fields.url ?? '';
    try {
      const created = await registerWebhookEndpoint(db, caller, {
        organisationId: organisation.id,
        url,
        production,
      });
      // The secret is in this response only: reply.page marks it no-store so no cache keeps it.
      return reply.page(
        'Adresse de webhook ajoutée',
        <WebhookCreatedPage organisation={organisation} url={created.endpoint.url} secret={created.secret} />,
      );
    } catch (error) {
      if (!(error instanceof AppError) || error.code !== 'validation') throw error;
      const form = { values: { url }, errors: error.fields };
      return reply.page(
        `Webhooks – ${organisation.name}`,
        await page(request, organisation, form, reply.csrfToken()),
        400,
      );
    }
  });

  web.post(
    '/rendez-vous/webhooks/:id/desactiver',
    { schema: { params: endpointParams } },
    async (request, reply) => {
      const caller = callerOf(request);
      const organisation = organisationOf(request, fieldsOf(request.body).organisation);
      const result = await disableWebhookEndpoint(db, caller, {
        organisationId: organisation.id,
        endpointId: request.params.id,
      });
      reply.flash(
        result.alreadyDisabled ? 'info' : 'success',
        result.alreadyDisabled
          ? 'Cette adresse était déjà désactivée.'
          : `L’adresse ${result.url} est désactivée : elle ne sera plus appelée.`,
      );
      return reply.redirect(webhooksPath(organisation.slug), 303);
    },
  );
}
