import type { FastifyInstance, FastifyReply } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import type { Db } from '../../db/client.ts';
import type { Caller } from '../../tenancy/caller.ts';
import { emptyForm, type FormState } from '../../web/components.tsx';
import type { AbsenceRow } from './absences.repository.ts';
import {
  absenceFormChoices,
  appointmentsDuringAbsence,
  createAbsence,
  editAbsence,
  listAbsencesOf,
  openAbsence,
  removeAbsence,
} from './absences.service.ts';
import { mayManageTimeOf } from './agent-time.ts';
import { listActiveAppointmentTypes } from './appointment-types.repository.ts';
import type { OpeningSlotRow } from './opening-slots.repository.ts';
import {
  createOpeningSlot,
  editOpeningSlot,
  listOpeningSlotsOf,
  openingSlotFormChoices,
  openOpeningSlot,
  removeOpeningSlot,
} from './opening-slots.service.ts';
import type { SettingsOrganisation } from './organisation-context.service.ts';
import {
  callerOf,
  idParams,
  organisationQuery,
  saveOrShowAgain,
  settingsOrganisationOf,
} from './route-parts.ts';
import {
  absenceArrayFields,
  absenceForm,
  openingSlotArrayFields,
  openingSlotForm,
  parseSettingsForm,
} from './schemas.ts';
import { AbsenceFormPage, AbsencesPage, absenceFormValues, absencePath } from './views/absences.tsx';
import {
  OpeningSlotFormPage,
  OpeningSlotsPage,
  openingSlotFormValues,
  openingSlotPath,
} from './views/opening-slots.tsx';
import { settingsPath } from './views/parts.tsx';

const slotListQuery = organisationQuery.extend({
  agent: organisationQuery.shape.organisation,
  lieu: organisationQuery.shape.organisation,
});

function outsideWarning(outside: number, what: string): string | null {
  if (outside === 0) return null;
  return `${outside} rendez-vous à venir ${outside > 1 ? 'sont' : 'est'} désormais en dehors de ${what}. ${outside > 1 ? 'Ils restent maintenus' : 'Il reste maintenu'} : déplacez-${outside > 1 ? 'les' : 'le'} depuis l’agenda si besoin.`;
}

function insideWarning(inside: number): string | null {
  if (inside === 0) return null;
  return `${inside} rendez-vous à venir ${inside > 1 ? 'tombent' : 'tombe'} pendant cette absence. ${inside > 1 ? 'Ils restent maintenus' : 'Il reste maintenu'} : déplacez-${inside > 1 ? 'les' : 'le'} depuis l’agenda ou ${inside > 1 ? 'confiez-les' : 'confiez-le'} à un collègue.`;
}

/** The agents whose opening slots and absences the caller may change. */
function manageableAgents(caller: Caller, organisation: SettingsOrganisation, agents: { id: string }[]) {
  return new Set(agents.filter((a) => mayManageTimeOf(caller, organisation.id, a.id)).map((a) => a.id));
}

/** The agent a new slot or absence starts with: the one asked for, else the caller unless an admin. */
function newAgentId(caller: Caller, organisation: SettingsOrganisation, asked: string | undefined) {
  return asked ?? (organisation.mayConfigure ? undefined : caller.actor.agentId);
}

function flashWarning(reply: FastifyReply, warning: string | null): void {
  if (warning) reply.flash('warning', warning);
}

/** Opening slots and absences: an admin manages everyone's, an agent their own. */
export function registerAgentTimeRoutes(app: FastifyInstance, db: Db): void {
  const web = app.withTypeProvider<ZodTypeProvider>();

  // Opening slots

  const renderSlotForm = async (
    reply: FastifyReply,
    caller: Caller,
    organisation: SettingsOrganisation,
    form: FormState,
    action: string,
    slot?: OpeningSlotRow,
    status = 200,
  ) => {
    const choices = await openingSlotFormChoices(db, caller, organisation);
    // An existing slot's own agent, place and types stay listed even if no longer offered (archived).
    if (slot && !choices.agents.some((a) => a.id === slot.agentId)) {
      choices.agents.push({ id: slot.agentId, name: slot.agentName });
    }
    if (slot && !choices.places.some((p) => p.id === slot.placeId)) {
      choices.places.push({ id: slot.placeId, name: `${slot.placeName} (archivé)` });
    }
    return reply.page(
      slot ? 'Plage d’ouverture' : 'Ajouter une plage d’ouverture',
      <OpeningSlotFormPage
        organisation={organisation}
        form={form}
        csrfToken={reply.csrfToken()}
        action={action}
        {...choices}
        slot={slot}
        mayEdit={!slot || mayManageTimeOf(caller, organisation.id, slot.agentId)}
      />,
      status,
    );
  };

  web.get(
    '/rendez-vous/parametres/plages',
    { schema: { querystring: slotListQuery } },
    async (request, reply) => {
      const { caller, organisation } = await settingsOrganisationOf(db, request, request.query.organisation);
      const filter = { agentId: request.query.agent, placeId: request.query.lieu };
      const [{ slots, agents, places }, types] = await Promise.all([
        listOpeningSlotsOf(db, organisation, filter),
        listActiveAppointmentTypes(db, organisation.id),
      ]);
      const manageable = manageableAgents(caller, organisation, agents);
      return reply.page(
        'Plages d’ouverture',
        <OpeningSlotsPage
          organisation={organisation}
          slots={slots}
          agents={agents}
          places={places}
          filter={filter}
          typeNames={new Map(types.map((t) => [t.id, t.name]))}
          manageable={manageable}
        />,
      );
    },
  );

  web.get(
    '/rendez-vous/parametres/plages/nouvelle',
    { schema: { querystring: slotListQuery } },
    async (request, reply) => {
      const { caller, organisation } = await settingsOrganisationOf(db, request, request.query.organisation);
      const agentId = newAgentId(caller, organisation, request.query.agent);
      return renderSlotForm(
        reply,
        caller,
        organisation,
        emptyForm({ agentId, everyWeeks: '1' }),
        settingsPath('plages/nouvelle', organisation.slug),
      );
    },
  );

  web.post(
    '/rendez-vous/parametres/plages/nouvelle',
    { schema: { querystring: organisationQuery } },
    async (request, reply) => {
      const { caller, organisation } = await settingsOrganisationOf(db, request, request.query.organisation);
      const action = settingsPath('plages/nouvelle', organisation.slug);
      return saveOrShowAgain(
        parseSettingsForm(openingSlotForm, request.body, openingSlotArrayFields),
        request.body,
        async (data) => {
          await createOpeningSlot(db, caller, organisation, data);
          reply.flash('success', 'Plage d’ouverture ajoutée.');
          return reply.redirect(settingsPath('plages', organisation.slug, { agent: data.agentId }), 303);
        },
        (form, status) => renderSlotForm(reply, caller, organisation, form, action, undefined, status),
      );
    },
  );

  web.get('/rendez-vous/parametres/plages/:id', { schema: { params: idParams } }, async (request, reply) => {
    const caller = callerOf(request);
    const { slot, organisation } = await openOpeningSlot(db, caller, request.params.id);
    return renderSlotForm(
      reply,
      caller,
      organisation,
      emptyForm(openingSlotFormValues(slot)),
      openingSlotPath(slot.id),
      slot,
    );
  });

  web.post('/rendez-vous/parametres/plages/:id', { schema: { params: idParams } }, async (request, reply) => {
    const caller = callerOf(request);
    return saveOrShowAgain(
      parseSettingsForm(openingSlotForm, request.body, openingSlotArrayFields),
      request.body,
      async (data) => {
        const { organisation, outside } = await editOpeningSlot(db, caller, request.params.id, data);
        reply.flash('success', 'Plage d’ouverture modifiée.');
        flashWarning(reply, outsideWarning(outside, 'cette plage'));
        return reply.redirect(settingsPath('plages', organisation.slug, { agent: data.agentId }), 303);
      },
      async (form, status) => {
        const { slot, organisation } = await openOpeningSlot(db, caller, request.params.id);
        return renderSlotForm(reply, caller, organisation, form, openingSlotPath(slot.id), slot, status);
      },
    );
  });

  web.post(
    '/rendez-vous/parametres/plages/:id/suppression',
    { schema: { params: idParams } },
    async (request, reply) => {
      const { slot, organisation, outside } = await removeOpeningSlot(
        db,
        callerOf(request),
        request.params.id,
      );
      reply.flash('success', 'Plage d’ouverture supprimée.');
      flashWarning(reply, outsideWarning(outside, 'toute plage d’ouverture'));
      return reply.redirect(settingsPath('plages', organisation.slug, { agent: slot.agentId }), 303);
    },
  );

  // Absences

  const renderAbsenceForm = async (
    reply: FastifyReply,
    caller: Caller,
    organisation: SettingsOrganisation,
    form: FormState,
    action: string,
    absence?: AbsenceRow,
    status = 200,
  ) => {
    const agents = await absenceFormChoices(db, caller, organisation);
    if (absence && !agents.some((a) => a.id === absence.agentId)) {
      agents.push({ id: absence.agentId, name: absence.agentName });
    }
    const inside = absence ? await appointmentsDuringAbsence(db, absence, new Date()) : undefined;
    return reply.page(
      absence ? absence.title : 'Ajouter une absence',
      <AbsenceFormPage
        organisation={organisation}
        form={form}
        csrfToken={reply.csrfToken()}
        action={action}
        agents={agents}
        absence={absence}
        inside={inside}
        mayEdit={!absence || mayManageTimeOf(caller, organisation.id, absence.agentId)}
      />,
      status,
    );
  };

  web.get(
    '/rendez-vous/parametres/absences',
    { schema: { querystring: slotListQuery } },
    async (request, reply) => {
      const { caller, organisation } = await settingsOrganisationOf(db, request, request.query.organisation);
      const { absences, agents } = await listAbsencesOf(db, organisation, request.query.agent);
      const manageable = manageableAgents(caller, organisation, agents);
      return reply.page(
        'Absences',
        <AbsencesPage
          organisation={organisation}
          absences={absences}
          agents={agents}
          agentId={request.query.agent}
          manageable={manageable}
        />,
      );
    },
  );

  web.get(
    '/rendez-vous/parametres/absences/nouvelle',
    { schema: { querystring: slotListQuery } },
    async (request, reply) => {
      const { caller, organisation } = await settingsOrganisationOf(db, request, request.query.organisation);
      const agentId = newAgentId(caller, organisation, request.query.agent);
      return renderAbsenceForm(
        reply,
        caller,
        organisation,
        emptyForm({ agentId, repetition: 'ponctuelle', everyWeeks: '1' }),
        settingsPath('absences/nouvelle', organisation.slug),
      );
    },
  );

  web.post(
    '/rendez-vous/parametres/absences/nouvelle',
    { schema: { querystring: organisationQuery } },
    async (request, reply) => {
      const { caller, organisation } = await settingsOrganisationOf(db, request, request.query.organisation);
      const action = settingsPath('absences/nouvelle', organisation.slug);
      return saveOrShowAgain(
        parseSettingsForm(absenceForm, request.body, absenceArrayFields),
        request.body,
        async (data) => {
          const { inside } = await createAbsence(db, caller, organisation, data);
          reply.flash('success', `Absence ajoutée : ${data.title}.`);
          flashWarning(reply, insideWarning(inside));
          return reply.redirect(settingsPath('absences', organisation.slug, { agent: data.agentId }), 303);
        },
        (form, status) => renderAbsenceForm(reply, caller, organisation, form, action, undefined, status),
      );
    },
  );

  web.get(
    '/rendez-vous/parametres/absences/:id',
    { schema: { params: idParams } },
    async (request, reply) => {
      const caller = callerOf(request);
      const { absence, organisation } = await openAbsence(db, caller, request.params.id);
      return renderAbsenceForm(
        reply,
        caller,
        organisation,
        emptyForm(absenceFormValues(absence)),
        absencePath(absence.id),
        absence,
      );
    },
  );

  web.post(
    '/rendez-vous/parametres/absences/:id',
    { schema: { params: idParams } },
    async (request, reply) => {
      const caller = callerOf(request);
      return saveOrShowAgain(
        parseSettingsForm(absenceForm, request.body, absenceArrayFields),
        request.body,
        async (data) => {
          const { organisation, inside } = await editAbsence(db, caller, request.params.id, data);
          reply.flash('success', `Absence modifiée : ${data.title}.`);
          flashWarning(reply, insideWarning(inside));
          return reply.redirect(settingsPath('absences', organisation.slug, { agent: data.agentId }), 303);
        },
        async (form, status) => {
          const { absence, organisation } = await openAbsence(db, caller, request.params.id);
          return renderAbsenceForm(
            reply,
            caller,
            organisation,
            form,
            absencePath(absence.id),
            absence,
            status,
          );
        },
      );
    },
  );

  web.post(
    '/rendez-vous/parametres/absences/:id/suppression',
    { schema: { params: idParams } },
    async (request, reply) => {
      const { absence, organisation } = await removeAbsence(db, callerOf(request), request.params.id);
      reply.flash('success', `Absence supprimée : ${absence.title}.`);
      return reply.redirect(settingsPath('absences', organisation.slug, { agent: absence.agentId }), 303);
    },
  );
}
