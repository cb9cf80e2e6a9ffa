import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { actorOf } from '../audit/audit.ts';
import { displayName } from '../auth/actor.ts';
import { AppError, unauthenticated } from '../errors.ts';
import { searchPlaces } from '../geo/administrative.ts';
import type { Platform } from '../platform.ts';
import { emptyForm, type FormState } from '../web/components.tsx';
import { parseForm } from '../web/forms.ts';
import { acceptUploads, uploadedFile } from '../web/uploads.ts';
import { deactivateAgent, reactivateAgent } from './account.service.ts';
import type { Caller } from './caller.ts';
import { logoVersion, MAX_LOGO_BYTES } from './logo.ts';
import { changeMemberRole, inviteAgent, removeMember, viewMember } from './member.service.ts';
import {
  createOrganisation,
  listOrganisationsFor,
  organisationFormChoices,
  summariseAdministration,
  viewOrganisation,
} from './organisation.service.ts';
import { mayCreateOrganisations } from './policy.ts';
import { invitationForm, organisationForm, roleForm, territoryForm } from './schemas.ts';
import {
  assertMayManageTerritories,
  createTerritory,
  listAllTerritories,
  viewTerritory,
} from './territory.service.ts';
import { removeTerritoryLogo, replaceTerritoryLogo, territoryLogoToServe } from './territory-logo.service.ts';
import { AdminHomePage } from './views/admin-home.tsx';
import { MemberPage } from './views/member.tsx';
import { OrganisationPage } from './views/organisation.tsx';
import { OrganisationFormPage, OrganisationsPage } from './views/organisations.tsx';
import { memberPath, organisationPath, territoryPath } from './views/parts.tsx';
import { TerritoriesPage, TerritoryFormPage, type TerritorySearch } from './views/territories.tsx';
import { TerritoryPage } from './views/territory.tsx';

const slugParams = z.object({ slug: z.string().min(1).max(200) });
// Any string: an id that is not a UUID is answered "not found" by the service, like an unknown one.
const memberParams = slugParams.extend({ agentId: z.string().min(1).max(100) });
const logoQuery = z.object({ v: z.string().max(20).optional().catch(undefined) });
const YEAR_SECONDS = 31_536_000;
const territorySearchQuery = z.object({
  type: z.enum(['departement', 'epci', 'commune']).optional().catch(undefined),
  recherche: z.string().max(100).optional().catch(undefined),
  code: z.string().max(20).optional().catch(undefined),
});

/** Who is asking; every administration page needs a signed-in agent. */
function callerOf(request: FastifyRequest): Caller {
  if (!request.auth) throw unauthenticated();
  return { actor: request.auth.actor, audit: actorOf(request) };
}

/**
 * A refused form (bad value, duplicate, last admin…) is shown again with the values kept and the
 * service's per-field messages; any other error goes to the error handler.
 */
function formError(error: unknown, values: Record<string, string | undefined>) {
  if (error instanceof AppError && (error.code === 'validation' || error.code === 'conflict')) {
    const errors = Object.keys(error.fields).length ? error.fields : { _: error.message };
    return { form: { values, errors } satisfies FormState, status: error.code === 'conflict' ? 409 : 400 };
  }
  throw error;
}

/** The posted fields as typed, to show them again. */
function formValues(body: unknown): Record<string, string | undefined> {
  const values: Record<string, string> = {};
  if (body && typeof body === 'object') {
    for (const [key, value] of Object.entries(body)) {
      if (key !== '_csrf') values[key] = String(Array.isArray(value) ? (value.at(-1) ?? '') : (value ?? ''));
    }
  }
  return values;
}

/** /admin: territories, organisations and their agents. Thin: parse, call one use-case, render. */
export async function registerTenancyRoutes(app: FastifyInstance, platform: Platform): Promise<void> {
  const { db } = platform.database;
  const web = app.withTypeProvider<ZodTypeProvider>();

  web.get('/admin', async (request, reply) => {
    const caller = callerOf(request);
    const summary = await summariseAdministration(db, caller.actor);
    return reply.page('Administration', <AdminHomePage actor={caller.actor} {...summary} />);
  });

  // Territories (operators)

  web.get('/admin/territoires', async (request, reply) => {
    const territories = await listAllTerritories(db, callerOf(request));
    return reply.page('Territoires', <TerritoriesPage territories={territories} />);
  });

  web.get(
    '/admin/territoires/nouveau',
    { schema: { querystring: territorySearchQuery } },
    async (request, reply) => {
      const caller = callerOf(request);
      assertMayManageTerritories(caller.actor);
      const { type, recherche, code } = request.query;
      const search: TerritorySearch =
        type && recherche?.trim()
          ? { kind: type, query: recherche.trim(), results: searchPlaces(type, recherche, 15) }
          : null;
      return reply.page(
        'Ajouter un territoire',
        <TerritoryFormPage
          form={emptyForm({ kind: type, code })}
          csrfToken={reply.csrfToken()}
          search={search}
        />,
      );
    },
  );

  web.post('/admin/territoires/nouveau', async (request, reply) => {
    const caller = callerOf(request);
    const renderForm = (form: FormState, status: number) =>
      reply.page(
        'Ajouter un territoire',
        <TerritoryFormPage form={form} csrfToken={reply.csrfToken()} search={null} />,
        status,
      );
    const parsed = parseForm(territoryForm, request.body);
    if (!parsed.ok) {
      assertMayManageTerritories(caller.actor);
      return renderForm(parsed.form, 400);
    }
    try {
      const territory = await createTerritory(db, caller, parsed.data);
      reply.flash('success', `Territoire ajouté : ${territory.name}.`);
      return reply.redirect('/admin/territoires', 303);
    } catch (error) {
      const { form, status } = formError(error, formValues(request.body));
      return renderForm(form, status);
    }
  });

  const renderTerritory = async (
    caller: Caller,
    reply: FastifyReply,
    slug: string,
    logoForm: FormState,
    status = 200,
  ) => {
    const view = await viewTerritory(db, caller, slug);
    return reply.page(
      view.territory.name,
      <TerritoryPage {...view} logoForm={logoForm} csrfToken={reply.csrfToken()} />,
      status,
    );
  };

  web.get('/admin/territoires/:slug', { schema: { params: slugParams } }, async (request, reply) =>
    renderTerritory(callerOf(request), reply, request.params.slug, emptyForm()),
  );

  // The logo form sends a file: only this scope parses multipart/form-data (web/uploads.ts). Its fields
  // land in request.body, so the global CSRF preHandler checks the form's `_csrf` before this handler.
  await app.register(async (scope) => {
    await acceptUploads(scope, { maxFileBytes: MAX_LOGO_BYTES });
    scope
      .withTypeProvider<ZodTypeProvider>()
      .post('/admin/territoires/:slug/logo', { schema: { params: slugParams } }, async (request, reply) => {
        const caller = callerOf(request);
        const { slug } = request.params;
        try {
          const file = uploadedFile(request.body, 'logo');
          const territory = await replaceTerritoryLogo(db, caller, slug, file, new Date());
          reply.flash('success', `Logo de ${territory.name} enregistré.`);
          return reply.redirect(territoryPath(slug), 303);
        } catch (error) {
          const { form, status } = formError(error, {});
          return renderTerritory(caller, reply, slug, form, status);
        }
      });
  });

  web.post(
    '/admin/territoires/:slug/logo/retrait',
    { schema: { params: slugParams } },
    async (request, reply) => {
      const { slug } = request.params;
      const { territory, removed } = await removeTerritoryLogo(db, callerOf(request), slug);
      if (removed) reply.flash('success', `Logo de ${territory.name} retiré.`);
      else reply.flash('info', `${territory.name} n’avait pas de logo.`);
      return reply.redirect(territoryPath(slug), 303);
    },
  );

  /**
   * The logo, for every page's header. The URL carries its version (?v=, see logo.ts): that URL's bytes
   * never change, so browsers keep them a year; without it, or with an old one, they revalidate.
   */
  web.get(
    '/territoires/:slug/logo',
    { schema: { params: slugParams, querystring: logoQuery } },
    async (request, reply) => {
      const logo = await territoryLogoToServe(db, request.params.slug);
      const version = String(logoVersion(logo.updatedAt));
      const etag = `"${version}"`;
      reply
        .header('x-content-type-options', 'nosniff')
        .header('etag', etag)
        .header(
          'cache-control',
          request.query.v === version ? `public, max-age=${YEAR_SECONDS}, immutable` : 'no-cache',
        );
      if (request.headers['if-none-match'] === etag) return reply.code(304).send();
      return reply.type(logo.contentType).send(logo.data);
    },
  );

  // Organisations

  web.get('/admin/organisations', async (request, reply) => {
    const { actor } = callerOf(request);
    const organisations = await listOrganisationsFor(db, actor);
    return reply.page(
      actor.isOperator ? 'Organisations' : 'Mes organisations',
      <OrganisationsPage
        actor={actor}
        organisations={organisations}
        mayCreate={mayCreateOrganisations(actor)}
      />,
    );
  });

  const renderOrganisationForm = async (
    request: FastifyRequest,
    reply: FastifyReply,
    form: FormState,
    status = 200,
  ) => {
    const choices = await organisationFormChoices(db, callerOf(request).actor);
    return reply.page(
      'Créer une organisation',
      <OrganisationFormPage form={form} csrfToken={reply.csrfToken()} {...choices} />,
      status,
    );
  };

  web.get('/admin/organisations/nouvelle', async (request, reply) =>
    renderOrganisationForm(request, reply, emptyForm()),
  );

  web.post('/admin/organisations/nouvelle', async (request, reply) => {
    const caller = callerOf(request);
    const parsed = parseForm(organisationForm, request.body);
    if (!parsed.ok) return renderOrganisationForm(request, reply, parsed.form, 400);
    try {
      const created = await createOrganisation(db, caller, parsed.data);
      reply.flash(
        'success',
        created.creatorIsAdmin
          ? `Organisation créée : ${parsed.data.name}. Vous en êtes administrateur.`
          : `Organisation créée : ${parsed.data.name}.`,
      );
      return reply.redirect(organisationPath(created.slug), 303);
    } catch (error) {
      const { form, status } = formError(error, formValues(request.body));
      return renderOrganisationForm(request, reply, form, status);
    }
  });

  const renderOrganisation = async (
    caller: Caller,
    reply: FastifyReply,
    slug: string,
    invitation: FormState,
    status = 200,
  ) => {
    const view = await viewOrganisation(db, caller, slug);
    return reply.page(
      view.organisation.name,
      <OrganisationPage {...view} invitation={invitation} csrfToken={reply.csrfToken()} />,
      status,
    );
  };

  web.get('/admin/organisations/:slug', { schema: { params: slugParams } }, async (request, reply) =>
    renderOrganisation(callerOf(request), reply, request.params.slug, emptyForm({ role: 'agent' })),
  );

  web.post(
    '/admin/organisations/:slug/invitations',
    { schema: { params: slugParams } },
    async (request, reply) => {
      const caller = callerOf(request);
      const { slug } = request.params;
      const parsed = parseForm(invitationForm, request.body);
      if (!parsed.ok) return renderOrganisation(caller, reply, slug, parsed.form, 400);
      try {
        const invited = await inviteAgent(
          { db, config: platform.config, messaging: platform.messaging },
          caller,
          slug,
          parsed.data,
        );
        if (invited.message.status === 'invalid') {
          reply.flash(
            'warning',
            `${parsed.data.email} a été ajouté à l’organisation, mais le courriel d’invitation ne peut pas partir (${invited.message.statusReason}). La personne peut se connecter depuis la page de connexion avec son adresse.`,
          );
        } else {
          reply.flash('success', `Invitation envoyée à ${parsed.data.email}.`);
        }
        return reply.redirect(organisationPath(slug), 303);
      } catch (error) {
        const { form, status } = formError(error, formValues(request.body));
        return renderOrganisation(caller, reply, slug, form, status);
      }
    },
  );

  // One agent, seen through one organisation

  const renderMember = async (
    caller: Caller,
    reply: FastifyReply,
    params: { slug: string; agentId: string },
    roleFormState?: FormState,
    status = 200,
  ) => {
    const view = await viewMember(db, caller, params.slug, params.agentId);
    return reply.page(
      `${displayName(view.member) || view.member.email} – ${view.organisation.name}`,
      <MemberPage
        {...view}
        roleForm={roleFormState ?? emptyForm({ role: view.member.role })}
        csrfToken={reply.csrfToken()}
      />,
      status,
    );
  };

  web.get(
    '/admin/organisations/:slug/agents/:agentId',
    { schema: { params: memberParams } },
    async (request, reply) => renderMember(callerOf(request), reply, request.params),
  );

  web.post(
    '/admin/organisations/:slug/agents/:agentId/role',
    { schema: { params: memberParams } },
    async (request, reply) => {
      const caller = callerOf(request);
      const { slug, agentId } = request.params;
      const parsed = parseForm(roleForm, request.body);
      if (!parsed.ok) return renderMember(caller, reply, request.params, parsed.form, 400);
      try {
        const { member, changed } = await changeMemberRole(db, caller, slug, agentId, parsed.data.role);
        if (changed) reply.flash('success', `Rôle de ${displayName(member) || member.email} modifié.`);
        return reply.redirect(memberPath(slug, agentId), 303);
      } catch (error) {
        const { form, status } = formError(error, formValues(request.body));
        return renderMember(caller, reply, request.params, form, status);
      }
    },
  );

  web.post(
    '/admin/organisations/:slug/agents/:agentId/retrait',
    { schema: { params: memberParams } },
    async (request, reply) => {
      const caller = callerOf(request);
      const { slug, agentId } = request.params;
      try {
        const { organisation, member } = await removeMember(db, caller, slug, agentId);
        const name = displayName(member) || member.email;
        if (member.agentId === caller.actor.agentId) {
          reply.flash('success', `Vous avez quitté ${organisation.name}.`);
          return reply.redirect('/admin/organisations', 303);
        }
        reply.flash('success', `${name} a été retiré de ${organisation.name}.`);
        return reply.redirect(organisationPath(slug), 303);
      } catch (error) {
        if (!(error instanceof AppError && error.code === 'conflict')) throw error;
        reply.flash('error', error.message);
        return reply.redirect(memberPath(slug, agentId), 303);
      }
    },
  );

  web.post(
    '/admin/organisations/:slug/agents/:agentId/desactivation',
    { schema: { params: memberParams } },
    async (request, reply) => {
      const { slug, agentId } = request.params;
      const { member, sessionsRevoked } = await deactivateAgent(db, callerOf(request), slug, agentId);
      const name = displayName(member) || member.email;
      reply.flash(
        'success',
        sessionsRevoked > 0
          ? `Compte de ${name} désactivé ; ${sessionsRevoked} session${sessionsRevoked > 1 ? 's' : ''} fermée${sessionsRevoked > 1 ? 's' : ''}.`
          : `Compte de ${name} désactivé.`,
      );
      return reply.redirect(memberPath(slug, agentId), 303);
    },
  );

  web.post(
    '/admin/organisations/:slug/agents/:agentId/reactivation',
    { schema: { params: memberParams } },
    async (request, reply) => {
      const { slug, agentId } = request.params;
      const { member } = await reactivateAgent(db, callerOf(request), slug, agentId);
      reply.flash('success', `Compte de ${displayName(member) || member.email} réactivé.`);
      return reply.redirect(memberPath(slug, agentId), 303);
    },
  );
}
