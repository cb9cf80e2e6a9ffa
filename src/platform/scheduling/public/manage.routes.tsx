import type { FastifyInstance, FastifyReply } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import type { z } from 'zod';
import { bodyField } from '../../auth/web-session.ts';
import { AppError } from '../../errors.ts';
import type { Platform } from '../../platform.ts';
import { localDay } from './format.ts';
import { placesGiving, weekOfSlots } from './journey.service.ts';
import {
  calendarFileOf,
  cancelFromLink,
  changeStateOf,
  managePathOf,
  moveFromLink,
  type OpenedLink,
  openManageLink,
  searcherOfParticipation,
  typeOf,
} from './manage.service.ts';
import { PUBLIC_BOOKING_LIMIT } from './routes.tsx';
import { manageParams, manageQuery, parseSlotChoice } from './schemas.ts';
import { LinkProblemPage } from './views/link-problem.tsx';
import {
  CancelPage,
  ConfirmationPage,
  type LinkParams,
  linkHref,
  ManagePage,
  MoveConfirmPage,
  MovePage,
} from './views/manage.tsx';

type ManageRequest = { params: z.output<typeof manageParams>; query: z.output<typeof manageQuery> };

/**
 * The pages behind the signed link sent with every confirmation: /rdv/confirmation/:id right after
 * booking, /rdv/gerer/:id later. A bad signature answers 404, an expired link 410, each with a page
 * saying what to do. Cancelling and moving post, then redirect; both refuse once the type's change
 * limit has passed (booking checks it again in its transaction).
 */
export async function registerManageRoutes(app: FastifyInstance, platform: Platform): Promise<void> {
  const { db } = platform.database;
  const { secretKey } = platform.config;
  const web = app.withTypeProvider<ZodTypeProvider>();
  const schema = { params: manageParams, querystring: manageQuery };

  /** The opened link, or the page explaining why it does not open (then null). */
  async function open(request: ManageRequest, reply: FastifyReply, now: Date): Promise<OpenedLink | null> {
    const opened = await openManageLink(
      db,
      secretKey,
      { participantId: request.params.participantId, exp: request.query.exp, sig: request.query.sig },
      now,
    );
    if ('problem' in opened) {
      reply.page(
        opened.problem === 'expired' ? 'Lien expiré' : 'Lien invalide',
        <LinkProblemPage kind="manage" problem={opened.problem} />,
        opened.problem === 'expired' ? 410 : 404,
      );
      return null;
    }
    return opened;
  }

  const paramsOf = (link: OpenedLink): LinkParams => ({
    participantId: link.details.participant.id,
    exp: link.exp,
    sig: link.sig,
  });

  /** Cancelling and moving are only offered while the change limit allows; otherwise back to the page. */
  function refuseUnlessOpen(link: OpenedLink, reply: FastifyReply, now: Date): boolean {
    if (changeStateOf(link.details, now) === 'open') return false;
    reply.redirect(linkHref(paramsOf(link)), 303);
    return true;
  }

  web.get('/rdv/confirmation/:participantId', { schema }, async (request, reply) => {
    const now = new Date();
    const link = await open(request, reply, now);
    if (!link) return reply;
    return reply.page(
      'Rendez-vous confirmé',
      <ConfirmationPage details={link.details} link={paramsOf(link)} now={now} />,
    );
  });

  web.get('/rdv/gerer/:participantId', { schema }, async (request, reply) => {
    const now = new Date();
    const link = await open(request, reply, now);
    if (!link) return reply;
    return reply.page(
      'Votre rendez-vous',
      <ManagePage details={link.details} link={paramsOf(link)} state={changeStateOf(link.details, now)} />,
    );
  });

  web.get('/rdv/gerer/:participantId/rendez-vous.ics', { schema }, async (request, reply) => {
    const now = new Date();
    const link = await open(request, reply, now);
    if (!link) return reply;
    return reply
      .header('content-type', 'text/calendar; charset=utf-8')
      .header('content-disposition', 'attachment; filename="rendez-vous.ics"')
      .header('cache-control', 'no-store')
      .send(await calendarFileOf(db, platform, link, now));
  });

  web.get('/rdv/gerer/:participantId/annuler', { schema }, async (request, reply) => {
    const now = new Date();
    const link = await open(request, reply, now);
    if (!link || refuseUnlessOpen(link, reply, now)) return reply;
    return reply.page(
      'Annuler le rendez-vous',
      <CancelPage details={link.details} link={paramsOf(link)} csrfToken={reply.csrfToken()} />,
    );
  });

  web.post(
    '/rdv/gerer/:participantId/annuler',
    { schema, config: { rateLimit: PUBLIC_BOOKING_LIMIT } },
    async (request, reply) => {
      const now = new Date();
      const link = await open(request, reply, now);
      if (!link || refuseUnlessOpen(link, reply, now)) return reply;
      await changeOrExplain(reply, link, () => cancelFromLink(db, platform, link, now));
      if (reply.sent) return reply;
      return reply.flash('success', 'Votre rendez-vous est annulé.').redirect(linkHref(paramsOf(link)), 303);
    },
  );

  web.get('/rdv/gerer/:participantId/deplacer', { schema }, async (request, reply) => {
    const now = new Date();
    const link = await open(request, reply, now);
    if (!link || refuseUnlessOpen(link, reply, now)) return reply;
    const type = await typeOf(db, link.details);
    const searcher = searcherOfParticipation(link.details);
    const places = await placesGiving(db, searcher, type, now);
    const place =
      places.find((p) => p.id === request.query.lieu) ??
      places.find((p) => p.id === link.details.place?.id) ??
      places[0];
    if (!place) {
      return reply
        .flash('info', 'Aucun autre horaire n’est proposé pour ce rendez-vous.')
        .redirect(linkHref(paramsOf(link)), 303);
    }
    // The week of the current appointment first: a person moving it usually wants a time near it.
    const du = request.query.du ?? localDay(link.details.appointment.startsAt);
    const week = await weekOfSlots(db, searcher, type, place.id, du, now);
    return reply.page(
      'Déplacer le rendez-vous',
      <MovePage details={link.details} link={paramsOf(link)} places={places} place={place} week={week} />,
    );
  });

  web.get('/rdv/gerer/:participantId/deplacer/confirmer', { schema }, async (request, reply) => {
    const now = new Date();
    const link = await open(request, reply, now);
    if (!link || refuseUnlessOpen(link, reply, now)) return reply;
    const target = await moveTarget(link, request.query.lieu, request.query.debut, now);
    if (!target) return reply.redirect(linkHref(paramsOf(link), '/deplacer'), 303);
    return reply.page(
      'Confirmer le nouvel horaire',
      <MoveConfirmPage
        details={link.details}
        link={paramsOf(link)}
        place={target.place}
        startsAt={target.startsAt}
        csrfToken={reply.csrfToken()}
      />,
    );
  });

  web.post(
    '/rdv/gerer/:participantId/deplacer',
    { schema, config: { rateLimit: PUBLIC_BOOKING_LIMIT } },
    async (request, reply) => {
      const now = new Date();
      const link = await open(request, reply, now);
      if (!link || refuseUnlessOpen(link, reply, now)) return reply;
      // After « ce créneau vient d’être pris », the time chosen among the next ones.
      const chosen = parseSlotChoice(bodyField(request, 'creneau'));
      const target = await moveTarget(
        link,
        chosen?.placeId ?? request.query.lieu,
        chosen?.startsAt ?? request.query.debut,
        now,
      );
      if (!target) return reply.redirect(linkHref(paramsOf(link), '/deplacer'), 303);
      let result: Awaited<ReturnType<typeof moveFromLink>> | undefined;
      await changeOrExplain(reply, link, async () => {
        result = await moveFromLink(db, platform, link, {
          placeId: target.place.id,
          startsAt: target.startsAt,
          now,
        });
      });
      if (reply.sent || !result) return reply;
      if (!result.ok) {
        return reply.page(
          'Confirmer le nouvel horaire',
          <MoveConfirmPage
            details={link.details}
            link={paramsOf(link)}
            place={target.place}
            startsAt={target.startsAt}
            csrfToken={reply.csrfToken()}
            taken={{ next: result.next }}
          />,
          409,
        );
      }
      // The link's expiry follows the appointment's end: after a move, the new link is the one to keep.
      return reply
        .flash('success', 'Votre rendez-vous est déplacé. Une confirmation vous est envoyée.')
        .redirect(await managePathOf(db, secretKey, link.details.participant.id), 303);
    },
  );

  /** A place giving the type and a future time; anything else sends the person back to the week. */
  async function moveTarget(
    link: OpenedLink,
    placeId: string | undefined,
    startsAt: Date | undefined,
    now: Date,
  ) {
    if (!placeId || !startsAt || startsAt <= now) return null;
    const type = await typeOf(db, link.details);
    const places = await placesGiving(db, searcherOfParticipation(link.details), type, now);
    const place = places.find((p) => p.id === placeId);
    return place ? { place, startsAt } : null;
  }

  /**
   * Booking refuses a change past the limit (or of a cancelled appointment) with 'validation' or
   * 'conflict': the person sees their appointment again with the reason, not an error page.
   */
  async function changeOrExplain(reply: FastifyReply, link: OpenedLink, change: () => Promise<void>) {
    try {
      await change();
    } catch (error) {
      if (!(error instanceof AppError) || !['validation', 'conflict', 'forbidden'].includes(error.code))
        throw error;
      reply.flash('error', error.message).redirect(linkHref(paramsOf(link)), 303);
    }
  }
}
