import type { FastifyInstance, FastifyReply } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import type { Db } from '../../db/client.ts';
import { emptyForm, type FormState } from '../../web/components.tsx';
import type { AppointmentTypeRow } from './appointment-types.repository.ts';
import {
  createAppointmentType,
  editAppointmentType,
  listAppointmentTypesOf,
  openAppointmentType,
  setAppointmentTypeArchival,
} from './appointment-types.service.ts';
import type { SettingsOrganisation } from './organisation-context.service.ts';
import {
  archivalRoutes,
  callerOf,
  idParams,
  organisationQuery,
  saveOrShowAgain,
  settingsOrganisationOf,
} from './route-parts.ts';
import { appointmentTypeForm, parseSettingsForm } from './schemas.ts';
import {
  AppointmentTypeFormPage,
  AppointmentTypesPage,
  appointmentTypeFormValues,
  appointmentTypePath,
  newAppointmentTypeValues,
} from './views/appointment-types.tsx';
import { settingsPath } from './views/parts.tsx';

export function registerAppointmentTypeRoutes(app: FastifyInstance, db: Db): void {
  const web = app.withTypeProvider<ZodTypeProvider>();

  const renderForm = (
    reply: FastifyReply,
    organisation: SettingsOrganisation,
    form: FormState,
    action: string,
    appointmentType?: AppointmentTypeRow,
    status = 200,
  ) =>
    reply.page(
      appointmentType ? appointmentType.name : 'Ajouter un motif',
      <AppointmentTypeFormPage
        organisation={organisation}
        form={form}
        csrfToken={reply.csrfToken()}
        action={action}
        appointmentType={appointmentType}
      />,
      status,
    );

  web.get(
    '/rendez-vous/parametres/motifs',
    { schema: { querystring: organisationQuery } },
    async (request, reply) => {
      const { organisation } = await settingsOrganisationOf(db, request, request.query.organisation);
      const types = await listAppointmentTypesOf(db, organisation);
      return reply.page(
        'Motifs de rendez-vous',
        <AppointmentTypesPage organisation={organisation} types={types} />,
      );
    },
  );

  web.get(
    '/rendez-vous/parametres/motifs/nouveau',
    { schema: { querystring: organisationQuery } },
    async (request, reply) => {
      const { organisation } = await settingsOrganisationOf(db, request, request.query.organisation);
      return renderForm(
        reply,
        organisation,
        emptyForm(newAppointmentTypeValues),
        settingsPath('motifs/nouveau', organisation.slug),
      );
    },
  );

  web.post(
    '/rendez-vous/parametres/motifs/nouveau',
    { schema: { querystring: organisationQuery } },
    async (request, reply) => {
      const { caller, organisation } = await settingsOrganisationOf(db, request, request.query.organisation);
      const action = settingsPath('motifs/nouveau', organisation.slug);
      return saveOrShowAgain(
        parseSettingsForm(appointmentTypeForm, request.body),
        request.body,
        async (data) => {
          const created = await createAppointmentType(db, caller, organisation, data);
          reply.flash('success', `Motif ajouté : ${created.name}.`);
          return reply.redirect(settingsPath('motifs', organisation.slug), 303);
        },
        (form, status) => renderForm(reply, organisation, form, action, undefined, status),
      );
    },
  );

  web.get('/rendez-vous/parametres/motifs/:id', { schema: { params: idParams } }, async (request, reply) => {
    const { appointmentType, organisation } = await openAppointmentType(
      db,
      callerOf(request),
      request.params.id,
    );
    return renderForm(
      reply,
      organisation,
      emptyForm(appointmentTypeFormValues(appointmentType)),
      appointmentTypePath(appointmentType.id),
      appointmentType,
    );
  });

  web.post('/rendez-vous/parametres/motifs/:id', { schema: { params: idParams } }, async (request, reply) => {
    const caller = callerOf(request);
    return saveOrShowAgain(
      parseSettingsForm(appointmentTypeForm, request.body),
      request.body,
      async (data) => {
        const { organisation } = await editAppointmentType(db, caller, request.params.id, data);
        reply.flash('success', `Motif modifié : ${data.name}.`);
        return reply.redirect(settingsPath('motifs', organisation.slug), 303);
      },
      async (form, status) => {
        const { appointmentType, organisation } = await openAppointmentType(db, caller, request.params.id);
        return renderForm(
          reply,
          organisation,
          form,
          appointmentTypePath(appointmentType.id),
          appointmentType,
          status,
        );
      },
    );
  });

  for (const [path, archived] of archivalRoutes) {
    web.post(
      `/rendez-vous/parametres/motifs/:id/${path}`,
      { schema: { params: idParams } },
      async (request, reply) => {
        const { appointmentType, organisation } = await setAppointmentTypeArchival(
          db,
          callerOf(request),
          request.params.id,
          archived,
        );
        reply.flash(
          'success',
          archived ? `Motif archivé : ${appointmentType.name}.` : `Motif réactivé : ${appointmentType.name}.`,
        );
        return reply.redirect(settingsPath('motifs', organisation.slug), 303);
      },
    );
  }
}
