import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { Db } from '../../db/client.ts';
import { notFound } from '../../errors.ts';
import { searchCommunes, searchPlaces } from '../../geo/administrative.ts';
import { emptyForm } from '../../web/components.tsx';
import { organisationQuery, refusedForm, settingsOrganisationOf } from './route-parts.ts';
import { parseSettingsForm, sectorAgentsArrayFields, sectorAgentsForm } from './schemas.ts';
import {
  addSectorCommune,
  addSectorEpci,
  removeSectorCommune,
  setSectorAgents,
  viewSectors,
} from './sectors.service.ts';
import { settingsPath } from './views/parts.tsx';
import { SectorAgentsPage, type SectorSearch, SectorsPage } from './views/sectors.tsx';

const searchQuery = organisationQuery.extend({
  commune: z.string().max(100).optional().catch(undefined),
  epci: z.string().max(100).optional().catch(undefined),
});
const codeParams = z.object({ code: z.string().min(1).max(10) });
// Read in the handler, not as the route's body schema: a schema would strip the CSRF field before
// the CSRF check reads it.
const communeBody = z.object({ communeCode: z.string().max(10).catch('') });
const epciBody = z.object({ siren: z.string().max(20).catch('') });

/** Sectorisation: the communes an organisation serves and, optionally, the agents of each. */
export function registerSectorRoutes(app: FastifyInstance, db: Db): void {
  const web = app.withTypeProvider<ZodTypeProvider>();

  web.get(
    '/rendez-vous/parametres/secteur',
    { schema: { querystring: searchQuery } },
    async (request, reply) => {
      const { organisation } = await settingsOrganisationOf(db, request, request.query.organisation);
      const { communes } = await viewSectors(db, organisation);
      const commune = request.query.commune?.trim();
      const epci = request.query.epci?.trim();
      const search: SectorSearch = {
        commune: commune ? { query: commune, results: searchCommunes(commune, 10) } : undefined,
        epci: epci ? { query: epci, results: searchPlaces('epci', epci, 10) } : undefined,
      };
      return reply.page(
        'Sectorisation',
        <SectorsPage
          organisation={organisation}
          communes={communes}
          search={search}
          csrfToken={reply.csrfToken()}
        />,
      );
    },
  );

  web.post(
    '/rendez-vous/parametres/secteur/communes',
    { schema: { querystring: organisationQuery } },
    async (request, reply) => {
      const { caller, organisation } = await settingsOrganisationOf(db, request, request.query.organisation);
      try {
        const { commune, added } = await addSectorCommune(
          db,
          caller,
          organisation,
          communeBody.parse(request.body ?? {}).communeCode,
        );
        reply.flash(
          added ? 'success' : 'info',
          added ? `${commune.name} ajoutée au secteur.` : `${commune.name} était déjà dans le secteur.`,
        );
      } catch (error) {
        const { form } = refusedForm(error, {});
        reply.flash('error', Object.values(form.errors)[0] ?? 'Commune refusée.');
      }
      return reply.redirect(settingsPath('secteur', organisation.slug), 303);
    },
  );

  web.post(
    '/rendez-vous/parametres/secteur/epci',
    { schema: { querystring: organisationQuery } },
    async (request, reply) => {
      const { caller, organisation } = await settingsOrganisationOf(db, request, request.query.organisation);
      try {
        const { epci, added, total } = await addSectorEpci(
          db,
          caller,
          organisation,
          epciBody.parse(request.body ?? {}).siren,
        );
        reply.flash(
          'success',
          `${epci.name} : ${added} commune${added > 1 ? 's' : ''} ajoutée${added > 1 ? 's' : ''} au secteur${added < total ? ` (${total - added} y étaient déjà)` : ''}.`,
        );
      } catch (error) {
        const { form } = refusedForm(error, {});
        reply.flash('error', Object.values(form.errors)[0] ?? 'EPCI refusé.');
      }
      return reply.redirect(settingsPath('secteur', organisation.slug), 303);
    },
  );

  web.post(
    '/rendez-vous/parametres/secteur/communes/:code/retrait',
    { schema: { querystring: organisationQuery, params: codeParams } },
    async (request, reply) => {
      const { caller, organisation } = await settingsOrganisationOf(db, request, request.query.organisation);
      const { name } = await removeSectorCommune(db, caller, organisation, request.params.code);
      reply.flash('success', `${name} retirée du secteur.`);
      return reply.redirect(settingsPath('secteur', organisation.slug), 303);
    },
  );

  web.get(
    '/rendez-vous/parametres/secteur/communes/:code',
    { schema: { querystring: organisationQuery, params: codeParams } },
    async (request, reply) => {
      const { organisation } = await settingsOrganisationOf(db, request, request.query.organisation);
      const { communes, agents } = await viewSectors(db, organisation);
      const commune = communes.find((c) => c.code === request.params.code);
      if (!commune) throw notFound();
      return reply.page(
        `Agents de ${commune.name}`,
        <SectorAgentsPage
          organisation={organisation}
          commune={commune}
          agents={agents}
          form={emptyForm({ agentIds: commune.agents.map((a) => a.id).join(',') })}
          csrfToken={reply.csrfToken()}
        />,
      );
    },
  );

  web.post(
    '/rendez-vous/parametres/secteur/communes/:code',
    { schema: { querystring: organisationQuery, params: codeParams } },
    async (request, reply) => {
      const { caller, organisation } = await settingsOrganisationOf(db, request, request.query.organisation);
      const parsed = parseSettingsForm(sectorAgentsForm, request.body, sectorAgentsArrayFields);
      const agentIds = parsed.ok ? parsed.data.agentIds : [];
      const { name } = await setSectorAgents(db, caller, organisation, request.params.code, agentIds);
      reply.flash(
        'success',
        agentIds.length === 0 ? `Tous les agents servent ${name}.` : `Agents de ${name} enregistrés.`,
      );
      return reply.redirect(settingsPath('secteur', organisation.slug), 303);
    },
  );
}
