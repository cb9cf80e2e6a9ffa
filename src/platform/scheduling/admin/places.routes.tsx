import type { FastifyInstance, FastifyReply } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import type { Db } from '../../db/client.ts';
import type { Commune } from '../../geo/administrative.ts';
import { emptyForm, type FormState } from '../../web/components.tsx';
import { resolveCommune } from './communes.ts';
import type { SettingsOrganisation } from './organisation-context.service.ts';
import type { PlaceRow } from './places.repository.ts';
import { createPlace, editPlace, listPlacesOf, openPlace, setPlaceArchival } from './places.service.ts';
import {
  archivalRoutes,
  callerOf,
  idParams,
  organisationQuery,
  saveOrShowAgain,
  settingsOrganisationOf,
} from './route-parts.ts';
import { parseSettingsForm, placeForm } from './schemas.ts';
import { settingsPath } from './views/parts.tsx';
import { PlaceFormPage, PlacesPage, placeFormValues, placePath } from './views/places.tsx';

/** The communes to offer when what was typed matches several (or none). */
function communeChoicesFor(form: FormState): Commune[] {
  const typed = form.values.commune;
  if (!form.errors.commune || !typed) return [];
  const resolved = resolveCommune(typed);
  return resolved.ok ? [] : resolved.choices;
}

export function registerPlaceRoutes(app: FastifyInstance, db: Db): void {
  const web = app.withTypeProvider<ZodTypeProvider>();

  const renderForm = (
    reply: FastifyReply,
    organisation: SettingsOrganisation,
    form: FormState,
    action: string,
    place?: PlaceRow,
    status = 200,
  ) =>
    reply.page(
      place ? place.name : 'Ajouter un lieu',
      <PlaceFormPage
        organisation={organisation}
        form={form}
        csrfToken={reply.csrfToken()}
        action={action}
        place={place}
        communeChoices={communeChoicesFor(form)}
      />,
      status,
    );

  web.get(
    '/rendez-vous/parametres/lieux',
    { schema: { querystring: organisationQuery } },
    async (request, reply) => {
      const { organisation } = await settingsOrganisationOf(db, request, request.query.organisation);
      const places = await listPlacesOf(db, organisation);
      return reply.page('Lieux', <PlacesPage organisation={organisation} places={places} />);
    },
  );

  web.get(
    '/rendez-vous/parametres/lieux/nouveau',
    { schema: { querystring: organisationQuery } },
    async (request, reply) => {
      const { organisation } = await settingsOrganisationOf(db, request, request.query.organisation);
      return renderForm(reply, organisation, emptyForm(), settingsPath('lieux/nouveau', organisation.slug));
    },
  );

  web.post(
    '/rendez-vous/parametres/lieux/nouveau',
    { schema: { querystring: organisationQuery } },
    async (request, reply) => {
      const { caller, organisation } = await settingsOrganisationOf(db, request, request.query.organisation);
      const action = settingsPath('lieux/nouveau', organisation.slug);
      return saveOrShowAgain(
        parseSettingsForm(placeForm, request.body),
        request.body,
        async (data) => {
          const place = await createPlace(db, caller, organisation, data);
          reply.flash('success', `Lieu ajouté : ${place.name}.`);
          return reply.redirect(settingsPath('lieux', organisation.slug), 303);
        },
        (form, status) => renderForm(reply, organisation, form, action, undefined, status),
      );
    },
  );

  web.get('/rendez-vous/parametres/lieux/:id', { schema: { params: idParams } }, async (request, reply) => {
    const { place, organisation } = await openPlace(db, callerOf(request), request.params.id);
    return renderForm(reply, organisation, emptyForm(placeFormValues(place)), placePath(place.id), place);
  });

  web.post('/rendez-vous/parametres/lieux/:id', { schema: { params: idParams } }, async (request, reply) => {
    const caller = callerOf(request);
    return saveOrShowAgain(
      parseSettingsForm(placeForm, request.body),
      request.body,
      async (data) => {
        const { place, organisation } = await editPlace(db, caller, request.params.id, data);
        reply.flash('success', `Lieu modifié : ${place.name}.`);
        return reply.redirect(settingsPath('lieux', organisation.slug), 303);
      },
      async (form, status) => {
        const { place, organisation } = await openPlace(db, caller, request.params.id);
        return renderForm(reply, organisation, form, placePath(place.id), place, status);
      },
    );
  });

  for (const [path, archived] of archivalRoutes) {
    web.post(
      `/rendez-vous/parametres/lieux/:id/${path}`,
      { schema: { params: idParams } },
      async (request, reply) => {
        const { place, organisation } = await setPlaceArchival(
          db,
          callerOf(request),
          request.params.id,
          archived,
        );
        reply.flash('success', archived ? `Lieu archivé : ${place.name}.` : `Lieu réactivé : ${place.name}.`);
        return reply.redirect(settingsPath('lieux', organisation.slug), 303);
      },
    );
  }
}
