import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { actorOf } from '../../audit/audit.ts';
import { AppError, invalid, notFound, unauthenticated } from '../../errors.ts';
import type { Platform } from '../../platform.ts';
import type { Caller } from '../../tenancy/caller.ts';
import { listOrganisationsFor } from '../../tenancy/organisation.service.ts';
import { emptyForm, type FormState } from '../../web/components.tsx';
import { parseForm } from '../../web/forms.ts';
import type { NextSlot } from '../booking.service.ts';
import { participationStatusLabels } from '../types.ts';
import type { ParticipationView } from './agenda.repository.ts';
import {
  type AgendaContext,
  agentOf,
  listDay,
  loadWeek,
  openAgenda,
  openParticipation,
  otherAgendaOf,
  placeOf,
  viewCitizen,
  viewParticipation,
} from './agenda.service.ts';
import {
  bookForPerson,
  bookingChoices,
  changeStatus,
  findPeople,
  moveParticipation,
  openSession,
  recordPerson,
  SLOT_DAYS,
  slotsForMove,
} from './agenda-actions.service.ts';
import {
  bookingChoice,
  bookingChoiceQuery,
  bookingQuery,
  citizenParams,
  dayQuery,
  moveChoice,
  moveChoiceQuery,
  moveQuery,
  organisationQuery,
  participantParams,
  personForm,
  searchQuery,
  sessionForm,
  statusForm,
  weekQuery,
} from './schemas.ts';
import { AppointmentPage } from './views/appointment.tsx';
import { BookConfirmPage, type BookingParams, BookPage } from './views/book.tsx';
import { AgendaChooserPage } from './views/chooser.tsx';
import { CitizenPage, CitizenSearchPage } from './views/citizens.tsx';
import { DayPage } from './views/day.tsx';
import { AgendaHomePage } from './views/home.tsx';
import { MoveConfirmPage, MovePage } from './views/move.tsx';
import { type Linker, linkerFor, participationPath } from './views/parts.tsx';
import { WeekPage, type WeekSubject } from './views/week.tsx';
import { formatDay, localDayOf, localInstant } from './week-grid.ts';

function callerOf(request: FastifyRequest): Caller {
  if (!request.auth) throw unauthenticated();
  return { actor: request.auth.actor, audit: actorOf(request) };
}

/** The page's own path and query, to come back to after a form. */
function here(request: FastifyRequest): string {
  return request.url;
}

/** The first day a slot list may show: the day asked for, unless it is missing or past. */
function fromToday(day: string | undefined, today: string): string {
  return day && day > today ? day : today;
}

const INVALID_SLOT = 'Ce créneau n’est pas valide : choisissez-en un dans la liste.';

const cancelledMessage = (p: { citizenFirstName: string; citizenLastName: string }) =>
  `Rendez-vous de ${p.citizenFirstName} ${p.citizenLastName} annulé ; la personne en est prévenue.`;

/** Agents' week views, day lists, booking for a person, statuses and person search (/rendez-vous). */
export async function registerAgenda(app: FastifyInstance, platform: Platform): Promise<void> {
  const { db } = platform.database;
  const web = app.withTypeProvider<ZodTypeProvider>();

  /** The caller, the agenda they opened (?organisation= or their current one) and its links. */
  const open = async (request: FastifyRequest, slug: string | undefined) => {
    const caller = callerOf(request);
    const current = request.auth?.currentOrganisation ?? null;
    const context = await openAgenda(db, caller, { slug, current });
    return { caller, context, link: linkerFor(context, current?.organisationSlug) };
  };
  const titled = (title: string, context: { organisation: { name: string } }) =>
    `${title} – ${context.organisation.name}`;
  /**
   * Where to send a page of an appointment or a person opened without ?organisation= from an agenda it
   * does not belong to: the same page in the caller's agenda that holds it (undefined: stay here).
   */
  const elsewhereUrl = async (
    request: { url: string; query: { organisation?: string } },
    caller: Caller,
    context: AgendaContext,
    record: { participantId: string } | { citizenId: string },
  ): Promise<string | undefined> => {
    if (request.query.organisation) return undefined;
    const elsewhere = await otherAgendaOf(db, caller, context, record);
    return elsewhere
      ? `${request.url.split('?')[0]}?organisation=${encodeURIComponent(elsewhere)}`
      : undefined;
  };

  web.get('/rendez-vous', { schema: { querystring: organisationQuery } }, async (request, reply) => {
    if (!request.query.organisation && !request.auth?.currentOrganisation) {
      const { actor } = callerOf(request);
      return reply.page(
        'Rendez-vous',
        <AgendaChooserPage organisations={await listOrganisationsFor(db, actor)} />,
      );
    }
    const { context, link } = await open(request, request.query.organisation);
    const today = localDayOf(new Date());
    const ownOnly = context.ownAgentId !== null;
    const entries = await listDay(db, context, { day: today, agentId: context.ownAgentId ?? undefined });
    return reply.page(
      titled('Rendez-vous', context),
      <AgendaHomePage
        context={context}
        link={link}
        today={today}
        ownOnly={ownOnly}
        entries={entries}
        csrfToken={reply.csrfToken()}
        back={here(request)}
      />,
    );
  });

  web.get('/rendez-vous/jour', { schema: { querystring: dayQuery } }, async (request, reply) => {
    const { context, link } = await open(request, request.query.organisation);
    const today = localDayOf(new Date());
    const day = request.query.du ?? today;
    const agent = agentOf(context, request.query.agent);
    const entries = await listDay(db, context, { day, agentId: agent?.agentId });
    return reply.page(
      titled(`Journée du ${day.split('-').reverse().join('/')}`, context),
      <DayPage
        context={context}
        link={link}
        day={day}
        today={today}
        agentId={agent?.agentId}
        entries={entries}
        csrfToken={reply.csrfToken()}
        back={here(request)}
      />,
    );
  });

  web.get('/rendez-vous/semaine', { schema: { querystring: weekQuery } }, async (request, reply) => {
    const { context, link } = await open(request, request.query.organisation);
    const today = localDayOf(new Date());
    const day = request.query.du ?? today;
    const place = request.query.agent ? undefined : placeOf(context, request.query.lieu);
    const agent = place
      ? undefined
      : (agentOf(context, request.query.agent ?? context.ownAgentId ?? context.agents[0]?.agentId) ??
        undefined);
    let subject: WeekSubject;
    if (place) subject = { kind: 'place', id: place.id, name: place.name };
    else if (agent)
      subject = { kind: 'agent', id: agent.agentId, name: `${agent.firstName} ${agent.lastName}` };
    else {
      reply.flash('info', 'Cette organisation n’a encore ni agent ni lieu : ajoutez-en dans les paramètres.');
      return reply.redirect(link(''), 303);
    }
    const week = await loadWeek(db, context, {
      day,
      agentId: subject.kind === 'agent' ? subject.id : undefined,
      placeId: subject.kind === 'place' ? subject.id : undefined,
    });
    return reply.page(
      titled(`Semaine – ${subject.name}`, context),
      <WeekPage context={context} link={link} subject={subject} week={week} today={today} />,
    );
  });

  web.get(
    '/rendez-vous/rdv/:participantId',
    { schema: { params: participantParams, querystring: organisationQuery } },
    async (request, reply) => {
      const { caller, context, link } = await open(request, request.query.organisation);
      const elsewhere = await elsewhereUrl(request, caller, context, request.params);
      if (elsewhere) return reply.redirect(elsewhere, 303);
      const view = await viewParticipation(db, caller, context, request.params.participantId);
      return reply.page(
        titled(
          `Rendez-vous de ${view.participation.citizenFirstName} ${view.participation.citizenLastName}`,
          context,
        ),
        <AppointmentPage
          context={context}
          link={link}
          view={view}
          csrfToken={reply.csrfToken()}
          now={new Date()}
        />,
      );
    },
  );

  /** A refusal of the booking rules (too early to mark « vu », already cancelled…) shown as a message. */
  const refusal = (error: unknown): string => {
    if (error instanceof AppError && (error.code === 'validation' || error.code === 'conflict')) {
      return Object.values(error.fields)[0] ?? error.message;
    }
    throw error;
  };

  // Statuses, cancelling and moving

  web.post(
    '/rendez-vous/rdv/:participantId/statut',
    { schema: { params: participantParams, querystring: organisationQuery } },
    async (request, reply) => {
      const { caller, context, link } = await open(request, request.query.organisation);
      const { participantId } = request.params;
      const parsed = parseForm(statusForm, request.body);
      const back = (parsed.ok && parsed.data.retour) || participationPath(link, participantId);
      if (!parsed.ok) {
        await openParticipation(db, caller, context, participantId);
        reply.flash('error', 'Choisissez un statut.');
        return reply.redirect(back, 303);
      }
      try {
        const p = await changeStatus(db, platform, caller, context, {
          participantId,
          status: parsed.data.statut,
        });
        reply.flash(
          'success',
          parsed.data.statut === 'annule'
            ? cancelledMessage(p)
            : `Statut du rendez-vous de ${p.citizenFirstName} ${p.citizenLastName} : ${participationStatusLabels[parsed.data.statut]}.`,
        );
      } catch (error) {
        reply.flash('error', refusal(error));
      }
      return reply.redirect(back, 303);
    },
  );

  web.post(
    '/rendez-vous/rdv/:participantId/annulation',
    { schema: { params: participantParams, querystring: organisationQuery } },
    async (request, reply) => {
      const { caller, context, link } = await open(request, request.query.organisation);
      const { participantId } = request.params;
      try {
        const p = await changeStatus(db, platform, caller, context, { participantId, status: 'annule' });
        reply.flash('success', cancelledMessage(p));
      } catch (error) {
        reply.flash('error', refusal(error));
      }
      return reply.redirect(participationPath(link, participantId), 303);
    },
  );

  web.get(
    '/rendez-vous/rdv/:participantId/deplacer',
    { schema: { params: participantParams, querystring: moveQuery } },
    async (request, reply) => {
      const { caller, context, link } = await open(request, request.query.organisation);
      const today = localDayOf(new Date());
      const day = fromToday(request.query.du, today);
      const { participation, result } = await slotsForMove(db, caller, context, {
        participantId: request.params.participantId,
        day,
        placeId: placeOf(context, request.query.lieu)?.id,
        agentId: agentOf(context, request.query.agent)?.agentId,
      });
      return reply.page(
        titled(
          `Déplacer le rendez-vous de ${participation.citizenFirstName} ${participation.citizenLastName}`,
          context,
        ),
        <MovePage
          context={context}
          link={link}
          participation={participation}
          result={result}
          day={day}
          today={today}
          days={SLOT_DAYS}
        />,
      );
    },
  );

  /** The move's confirmation; after a refusal (`taken`), with the next free slots and a 409. */
  const moveConfirm = (
    reply: FastifyReply,
    { context, link }: { context: AgendaContext; link: Linker },
    participation: ParticipationView,
    startsAt: Date,
    place: { id: string; name: string },
    taken: NextSlot[] | null,
  ) =>
    reply.page(
      titled(taken ? 'Ce créneau vient d’être pris' : 'Confirmer le déplacement', context),
      <MoveConfirmPage
        context={context}
        link={link}
        participation={participation}
        startsAt={startsAt}
        placeId={place.id}
        placeName={place.name}
        csrfToken={reply.csrfToken()}
        taken={taken}
      />,
      taken ? 409 : 200,
    );

  web.get(
    '/rendez-vous/rdv/:participantId/deplacer/confirmer',
    { schema: { params: participantParams, querystring: moveChoiceQuery } },
    async (request, reply) => {
      const { caller, context, link } = await open(request, request.query.organisation);
      const participation = await openParticipation(db, caller, context, request.params.participantId);
      const place = placeOf(context, request.query.lieu)!;
      return moveConfirm(reply, { context, link }, participation, request.query.debut, place, null);
    },
  );

  web.post(
    '/rendez-vous/rdv/:participantId/deplacer/confirmer',
    { schema: { params: participantParams, querystring: organisationQuery } },
    async (request, reply) => {
      const { caller, context, link } = await open(request, request.query.organisation);
      const { participantId } = request.params;
      const parsed = parseForm(moveChoice, request.body);
      if (!parsed.ok) throw invalid(parsed.form.errors, INVALID_SLOT);
      const place = placeOf(context, parsed.data.lieu)!;
      try {
        const result = await moveParticipation(db, platform, caller, context, {
          participantId,
          startsAt: parsed.data.debut,
          placeId: place.id,
          agentId: parsed.data.agent,
        });
        if (result.ok) {
          reply.flash(
            'success',
            `Rendez-vous déplacé au ${formatDay(localDayOf(parsed.data.debut))} ; la personne en est prévenue.`,
          );
          return reply.redirect(participationPath(link, result.participantId), 303);
        }
        const participation = await openParticipation(db, caller, context, participantId);
        return moveConfirm(reply, { context, link }, participation, parsed.data.debut, place, result.next);
      } catch (error) {
        reply.flash('error', refusal(error));
        return reply.redirect(link(`/rdv/${participantId}/deplacer`), 303);
      }
    },
  );

  // Booking for a person

  const renderBooking = async (
    request: FastifyRequest,
    reply: FastifyReply,
    query: BookingParams & { q?: string; organisation?: string },
    forms: { person?: FormState; session?: FormState } = {},
    status = 200,
  ) => {
    const { caller, context, link } = await open(request, query.organisation);
    const today = localDayOf(new Date());
    const params: BookingParams = {
      usager: query.usager,
      motif: query.motif,
      lieu: placeOf(context, query.lieu)?.id,
      agent: agentOf(context, query.agent)?.agentId,
      du: fromToday(query.du, today),
    };
    const choices = await bookingChoices(db, caller, context, {
      citizenId: params.usager,
      typeId: params.motif,
      placeId: params.lieu,
      agentId: params.agent,
      day: params.du,
    });
    const results = choices.citizen ? [] : await findPeople(db, caller, context, query.q);
    return reply.page(
      titled('Prendre un rendez-vous', context),
      <BookPage
        context={context}
        link={link}
        params={params}
        choices={choices}
        query={query.q}
        results={results}
        personForm={forms.person ?? emptyForm()}
        sessionForm={forms.session ?? emptyForm()}
        today={today}
        days={SLOT_DAYS}
        csrfToken={reply.csrfToken()}
      />,
      status,
    );
  };

  web.get('/rendez-vous/prendre', { schema: { querystring: bookingQuery } }, async (request, reply) =>
    renderBooking(request, reply, { ...request.query, du: request.query.du ?? '' }),
  );

  web.post(
    '/rendez-vous/prendre/usager',
    { schema: { querystring: organisationQuery } },
    async (request, reply) => {
      const { caller, context, link } = await open(request, request.query.organisation);
      const parsed = parseForm(personForm, request.body);
      const again = (form: FormState) =>
        renderBooking(
          request,
          reply,
          { organisation: request.query.organisation, du: '', motif: form.values.motif },
          { person: form },
          400,
        );
      if (!parsed.ok) return again(parsed.form);
      try {
        const { motif, ...input } = parsed.data;
        const citizen = await recordPerson(db, caller, context, input);
        return reply.redirect(link('/prendre', { usager: citizen.id, motif }), 303);
      } catch (error) {
        if (error instanceof AppError && error.code === 'validation') {
          return again({ values: parsed.data as Record<string, string | undefined>, errors: error.fields });
        }
        throw error;
      }
    },
  );

  web.post(
    '/rendez-vous/prendre/seance',
    { schema: { querystring: organisationQuery } },
    async (request, reply) => {
      const { caller, context, link } = await open(request, request.query.organisation);
      const parsed = parseForm(sessionForm, request.body);
      const values = parsed.ok ? undefined : parsed.form.values;
      const again = (form: FormState) =>
        renderBooking(
          request,
          reply,
          {
            organisation: request.query.organisation,
            du: '',
            usager: form.values.usager,
            motif: form.values.motif,
          },
          { session: form },
          400,
        );
      if (!parsed.ok) return again({ values: values!, errors: parsed.form.errors });
      const { usager, motif, agent, lieu, jour, heure, places } = parsed.data;
      const [hours, minutes] = heure.split(/[:h]/).map(Number) as [number, number];
      try {
        await openSession(db, platform, caller, context, {
          typeId: motif,
          agentId: agent,
          placeId: placeOf(context, lieu)!.id,
          startsAt: localInstant(jour, hours, minutes),
          capacity: places,
        });
        reply.flash('success', `Séance ouverte le ${formatDay(jour)} à ${heure.replace('h', ':')}.`);
        return reply.redirect(link('/prendre', { usager, motif, lieu, du: jour }), 303);
      } catch (error) {
        if (error instanceof AppError && (error.code === 'validation' || error.code === 'conflict')) {
          const fields: Record<string, string> = {};
          for (const [key, message] of Object.entries(error.fields)) {
            const name =
              { agentId: 'agent', placeId: 'lieu', capacity: 'places', appointmentTypeId: 'motif' }[key] ??
              key;
            fields[name] = message;
          }
          if (Object.keys(fields).length === 0) fields.heure = error.message;
          return again({
            values: { usager, motif, agent, lieu, jour, heure, places: places ? String(places) : '' },
            errors: fields,
          });
        }
        throw error;
      }
    },
  );

  const renderConfirm = async (
    request: FastifyRequest,
    reply: FastifyReply,
    input: {
      organisation?: string;
      usager: string;
      motif: string;
      debut: Date;
      lieu: string;
      agent?: string;
    },
    taken: NextSlot[] | null,
  ) => {
    const { caller, context, link } = await open(request, input.organisation);
    const choices = await bookingChoices(db, caller, context, {
      citizenId: input.usager,
      typeId: input.motif,
      day: localDayOf(new Date()),
    });
    const place = placeOf(context, input.lieu)!;
    const agent = agentOf(context, input.agent);
    if (!choices.citizen || !choices.type) throw notFound();
    return reply.page(
      titled(taken ? 'Ce créneau vient d’être pris' : 'Confirmer le rendez-vous', context),
      <BookConfirmPage
        context={context}
        link={link}
        citizen={choices.citizen}
        type={choices.type}
        startsAt={input.debut}
        placeId={place.id}
        placeName={place.name}
        agentId={agent?.agentId}
        csrfToken={reply.csrfToken()}
        taken={taken}
      />,
      taken ? 409 : 200,
    );
  };

  web.get(
    '/rendez-vous/prendre/confirmer',
    { schema: { querystring: bookingChoiceQuery } },
    async (request, reply) => renderConfirm(request, reply, request.query, null),
  );

  web.post(
    '/rendez-vous/prendre/confirmer',
    { schema: { querystring: organisationQuery } },
    async (request, reply) => {
      const { caller, context, link } = await open(request, request.query.organisation);
      const parsed = parseForm(bookingChoice, request.body);
      if (!parsed.ok) throw invalid(parsed.form.errors, INVALID_SLOT);
      const { usager, motif, debut, lieu, agent } = parsed.data;
      try {
        const result = await bookForPerson(db, platform, caller, context, {
          citizenId: usager,
          typeId: motif,
          startsAt: debut,
          placeId: placeOf(context, lieu)!.id,
          agentId: agentOf(context, agent)?.agentId,
        });
        if (result.ok) {
          reply.flash('success', `Rendez-vous pris le ${formatDay(localDayOf(debut))}.`);
          return reply.redirect(participationPath(link, result.participantId), 303);
        }
        return renderConfirm(
          request,
          reply,
          { ...parsed.data, organisation: request.query.organisation },
          result.next,
        );
      } catch (error) {
        reply.flash('error', refusal(error));
        return reply.redirect(link('/prendre', { usager, motif }), 303);
      }
    },
  );

  // People

  web.get('/rendez-vous/usagers', { schema: { querystring: searchQuery } }, async (request, reply) => {
    const { caller, context, link } = await open(request, request.query.organisation);
    const results = await findPeople(db, caller, context, request.query.q);
    return reply.page(
      titled('Rechercher une personne', context),
      <CitizenSearchPage context={context} link={link} query={request.query.q} results={results} />,
    );
  });

  web.get(
    '/rendez-vous/usagers/:citizenId',
    { schema: { params: citizenParams, querystring: organisationQuery } },
    async (request, reply) => {
      const { caller, context, link } = await open(request, request.query.organisation);
      const elsewhere = await elsewhereUrl(request, caller, context, request.params);
      if (elsewhere) return reply.redirect(elsewhere, 303);
      const view = await viewCitizen(db, caller, context, request.params.citizenId, new Date());
      return reply.page(
        titled(`${view.citizen.firstName} ${view.citizen.lastName}`, context),
        <CitizenPage context={context} link={link} view={view} />,
      );
    },
  );
}
