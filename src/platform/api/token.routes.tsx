import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { actorOf } from '../audit/audit.ts';
import type { SignedIn } from '../auth/actor.ts';
import type { Db } from '../db/client.ts';
import { unauthenticated } from '../errors.ts';
import { emptyForm } from '../web/components.tsx';
import { parseForm } from '../web/forms.ts';
import {
  createApiToken,
  listApiTokens,
  openTokenAdministration,
  revokeApiToken,
} from './api-token.service.ts';
import { tokenFormSchema } from './schemas.ts';
import { TokenCreatedPage, TokensPage, tokensPath } from './views/tokens.tsx';

const slugParams = z.object({ slug: z.string().min(1).max(200) });
const tokenParams = slugParams.extend({ id: z.uuid() });

function signedIn(request: FastifyRequest): SignedIn {
  if (!request.auth) throw unauthenticated();
  return request.auth;
}

/** /admin/organisations/:slug/jetons: an organisation's admins list, create and revoke its API tokens. */
export async function registerTokenPages(app: FastifyInstance, db: Db): Promise<void> {
  const web = app.withTypeProvider<ZodTypeProvider>();

  web.get('/admin/organisations/:slug/jetons', { schema: { params: slugParams } }, async (request, reply) => {
    const { actor } = signedIn(request);
    const organisation = await openTokenAdministration(db, actor, actorOf(request), request.params.slug);
    const tokens = await listApiTokens(db, organisation.id);
    return reply.page(
      `Jetons d’API – ${organisation.name}`,
      <TokensPage
        organisation={organisation}
        tokens={tokens}
        form={emptyForm()}
        csrfToken={reply.csrfToken()}
      />,
    );
  });

  web.post(
    '/admin/organisations/:slug/jetons',
    { schema: { params: slugParams } },
    async (request, reply) => {
      const { actor } = signedIn(request);
      const auditActor = actorOf(request);
      const organisation = await openTokenAdministration(db, actor, auditActor, request.params.slug);
      const parsed = parseForm(tokenFormSchema, request.body);
      if (!parsed.ok) {
        return reply.page(
          `Jetons d’API – ${organisation.name}`,
          <TokensPage
            organisation={organisation}
            tokens={await listApiTokens(db, organisation.id)}
            form={parsed.form}
            csrfToken={reply.csrfToken()}
          />,
          400,
        );
      }
      const created = await createApiToken(
        db,
        { organisation, name: parsed.data.name, createdBy: actor.agentId },
        auditActor,
      );
      // The secret is in this response only: reply.page marks it no-store so no cache keeps it.
      return reply.page(
        'Jeton créé',
        <TokenCreatedPage organisation={organisation} name={parsed.data.name} token={created.token} />,
      );
    },
  );

  web.post(
    '/admin/organisations/:slug/jetons/:id/revoquer',
    { schema: { params: tokenParams } },
    async (request, reply) => {
      const { actor } = signedIn(request);
      const auditActor = actorOf(request);
      const organisation = await openTokenAdministration(db, actor, auditActor, request.params.slug);
      const result = await revokeApiToken(db, { organisation, tokenId: request.params.id }, auditActor);
      if (result === 'already_revoked') reply.flash('info', 'Ce jeton était déjà révoqué.');
      else
        reply.flash('success', `Le jeton « ${result.name} » est révoqué : il ne donne plus accès à l’API.`);
      return reply.redirect(tokensPath(organisation.slug), 303);
    },
  );
}
