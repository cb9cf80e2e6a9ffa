import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { actorOf } from '../../audit/audit.ts';
import { unauthenticated } from '../../errors.ts';
import type { Platform } from '../../platform.ts';
import type { Caller } from '../../tenancy/caller.ts';
import { agentOf, listDay, loadWeek, openAgenda, placeOf, viewParticipation } from './agenda.service.ts';
import { dayQuery, organisationQuery, participantParams, weekQuery } from './schemas.ts';
import { AppointmentPage } from './views/appointment.tsx';
import { DayPage } from './views/day.tsx';
import { AgendaHomePage } from './views/home.tsx';
import { linkerFor } from './views/parts.tsx';
import { WeekPage, type WeekSubject } from './views/week.tsx';
import { localDayOf } from './week-grid.ts';

function callerOf(request: FastifyRequest): Caller {
  if (!request.auth) throw unauthenticated();
  return { actor: request.auth.actor, audit: actorOf(request) };
}

/** The page's own path and query, to come back to after a form. */
function here(request: FastifyRequest): string {
  return request.url;
}

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

  web.get('/rendez-vous', { schema: { querystring: organisationQuery } }, async (request, reply) => {
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
}
