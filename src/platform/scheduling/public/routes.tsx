import type { FastifyInstance, FastifyReply } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { findCommune } from '../../geo/administrative.ts';
import type { Platform } from '../../platform.ts';
import { emptyForm, type FormState } from '../../web/components.tsx';
import { parseForm } from '../../web/forms.ts';
import type { RateLimit } from '../../web/rate-limit.ts';
import {
  bookForVisitor,
  contactErrors,
  findCommunes,
  isProblem,
  type LinkProblem,
  offeredPlace,
  offeredType,
  placesWithFirstSlot,
  resolveVisitor,
  searcherOf,
  typesOffered,
  type Visitor,
  weekOfSlots,
} from './journey.service.ts';
import { registerManageRoutes } from './manage.routes.tsx';
import { confirmationPath } from './manage.service.ts';
import { communeQuery, contactForm, invitationParams, journeyQuery } from './schemas.ts';
import { CommunePage } from './views/commune.tsx';
import { ContactPage } from './views/contact.tsx';
import { LinkProblemPage } from './views/link-problem.tsx';
import { journeyHref } from './views/parts.tsx';
import { PlacesPage } from './views/places.tsx';
import { TypesPage } from './views/types.tsx';
import { SlotsPage } from './views/week.tsx';

/**
 * Booking and changing an appointment: each person may send a few forms a minute from one address
 * (a family, a reception desk sharing a connection), not hundreds.
 */
export const PUBLIC_BOOKING_LIMIT: RateLimit = { max: 30, windowSeconds: 600 };

/**
 * The person-facing booking journey (/rdv), without account and without JavaScript: every step is
 * a page reached by a link or a GET form; only booking, cancelling and moving post (with the CSRF
 * token, rate-limited), then redirect. The signed links to confirm, cancel or move are in
 * manage.routes.tsx.
 */
export async function registerPublicBooking(app: FastifyInstance, platform: Platform): Promise<void> {
  const { db } = platform.database;
  const { secretKey } = platform.config;
  const web = app.withTypeProvider<ZodTypeProvider>();

  /** The visitor, or the page explaining why the link or the commune does not work. */
  async function visitorOr(
    reply: FastifyReply,
    query: { commune?: string; invitation?: string },
    now: Date,
  ): Promise<Visitor | null> {
    const visitor = await resolveVisitor(
      db,
      secretKey,
      { commune: query.commune, invitation: query.invitation },
      now,
    );
    if (!isProblem(visitor)) return visitor;
    await answerProblem(reply, visitor);
    return null;
  }

  async function answerProblem(reply: FastifyReply, { problem }: LinkProblem) {
    if (problem === 'no_commune') {
      return reply.flash('info', 'Indiquez d’abord votre commune.').redirect('/rdv', 303);
    }
    return reply.page(
      problem === 'expired' ? 'Invitation expirée' : 'Lien invalide',
      <LinkProblemPage kind="invitation" problem={problem} />,
      problem === 'expired' ? 410 : 404,
    );
  }

  // Step 1: the commune (a GET form: the search needs no token and can be bookmarked).
  web.get('/rdv', { schema: { querystring: communeQuery } }, async (request, reply) => {
    const text = request.query.recherche?.trim() ?? '';
    if (!text) return reply.page('Prendre rendez-vous', <CommunePage search={null} form={emptyForm()} />);
    const matches = findCommunes(text);
    if (matches.length === 1)
      return reply.redirect(journeyHref('/rdv/motifs', { commune: matches[0]!.code }), 303);
    const form: FormState = {
      values: { recherche: text },
      errors:
        matches.length === 0
          ? {
              recherche: `Aucune commune ne correspond à « ${text} ». Vérifiez l’orthographe ou saisissez le code postal.`,
            }
          : {},
    };
    return reply.page(
      'Prendre rendez-vous',
      <CommunePage search={{ text, matches }} form={form} />,
      matches.length === 0 ? 400 : 200,
    );
  });

  // Step 2: the types offered in the commune.
  web.get('/rdv/motifs', { schema: { querystring: journeyQuery } }, async (request, reply) => {
    const visitor = await visitorOr(reply, request.query, new Date());
    if (!visitor) return reply;
    const { groups, contacts } = await typesOffered(db, visitor);
    return reply.page(
      'Choisir le motif',
      <TypesPage
        context={visitor.context}
        communeName={visitor.audience === 'public' ? visitor.commune.name : undefined}
        groups={groups}
        contacts={contacts}
      />,
    );
  });

  // Invitation: the types the inviting organisation offers the person (step 2, step 1 done for them).
  // A wildcard, not a :param: the signed token is longer than the router's 100-character parameters.
  web.get('/rdv/invitation/*', { schema: { params: invitationParams } }, async (request, reply) => {
    const visitor = await visitorOr(reply, { invitation: request.params['*'] }, new Date());
    if (visitor?.audience !== 'invited') return reply;
    const { groups, contacts } = await typesOffered(db, visitor);
    const only = groups.length === 1 && groups[0]!.types.length === 1 ? groups[0]!.types[0]! : null;
    if (only) return reply.redirect(journeyHref('/rdv/lieux', { ...visitor.context, motif: only.id }), 303);
    return reply.page(
      'Choisir le motif',
      <TypesPage
        context={visitor.context}
        groups={groups}
        contacts={contacts}
        greeting={{
          firstName: visitor.citizen.firstName,
          organisationName: groups[0]?.types[0]?.organisationName ?? '',
        }}
        communeName={visitor.communeCode ? findCommune(visitor.communeCode)?.name : undefined}
      />,
    );
  });

  // Step 3: the places, nearest first, with their first free time.
  web.get('/rdv/lieux', { schema: { querystring: journeyQuery } }, async (request, reply) => {
    const now = new Date();
    const visitor = await visitorOr(reply, request.query, now);
    if (!visitor) return reply;
    const type = await offeredType(db, visitor, request.query.motif);
    const choices = await placesWithFirstSlot(db, searcherOf(visitor), type, now);
    return reply.page(
      'Choisir le lieu',
      <PlacesPage
        context={visitor.context}
        type={type}
        choices={choices}
        typesHref={
          visitor.audience === 'public'
            ? journeyHref('/rdv/motifs', visitor.context)
            : visitor.invitation.appointmentTypeId
              ? null
              : `/rdv/invitation/${visitor.context.invitation}`
        }
      />,
    );
  });

  // Step 4: one week of free times at the place.
  web.get('/rdv/creneaux', { schema: { querystring: journeyQuery } }, async (request, reply) => {
    const now = new Date();
    const visitor = await visitorOr(reply, request.query, now);
    if (!visitor) return reply;
    const type = await offeredType(db, visitor, request.query.motif);
    const place = await offeredPlace(db, type, request.query.lieu, now);
    const week = await weekOfSlots(db, searcherOf(visitor), type, place.id, request.query.du, now);
    return reply.page(
      'Choisir la date et l’heure',
      <SlotsPage context={visitor.context} type={type} place={place} week={week} />,
    );
  });

  // Step 5: contact details, then the booking.
  web.get('/rdv/coordonnees', { schema: { querystring: journeyQuery } }, async (request, reply) => {
    const now = new Date();
    const visitor = await visitorOr(reply, request.query, now);
    if (!visitor) return reply;
    const type = await offeredType(db, visitor, request.query.motif);
    const place = await offeredPlace(db, type, request.query.lieu, now);
    const startsAt = request.query.debut;
    if (!startsAt || startsAt <= now) {
      return reply
        .flash('info', 'Choisissez un horaire.')
        .redirect(journeyHref('/rdv/creneaux', { ...visitor.context, motif: type.id, lieu: place.id }), 303);
    }
    const values =
      visitor.audience === 'invited'
        ? {
            prenom: visitor.citizen.firstName,
            nom: visitor.citizen.lastName,
            telephone: visitor.citizen.phone ?? undefined,
            email: visitor.citizen.email ?? undefined,
          }
        : {};
    return reply.page(
      'Vos coordonnées',
      <ContactPage
        context={visitor.context}
        type={type}
        place={place}
        startsAt={startsAt}
        form={emptyForm(values)}
        csrfToken={reply.csrfToken()}
        invited={visitor.audience === 'invited'}
      />,
    );
  });

  web.post(
    '/rdv/coordonnees',
    { schema: { querystring: journeyQuery }, config: { rateLimit: PUBLIC_BOOKING_LIMIT } },
    async (request, reply) => {
      const now = new Date();
      const visitor = await visitorOr(reply, request.query, now);
      if (!visitor) return reply;
      const type = await offeredType(db, visitor, request.query.motif);
      let place = await offeredPlace(db, type, request.query.lieu, now);
      let startsAt = request.query.debut;
      const parsed = parseForm(contactForm, request.body);
      const show = (form: FormState, status: number, taken?: Parameters<typeof ContactPage>[0]['taken']) =>
        reply.page(
          'Vos coordonnées',
          <ContactPage
            context={visitor.context}
            type={type}
            place={place}
            startsAt={startsAt ?? now}
            form={form}
            csrfToken={reply.csrfToken()}
            taken={taken}
            invited={visitor.audience === 'invited'}
          />,
          status,
        );
      if (!parsed.ok) return show(parsed.form, 400);
      // After « ce créneau vient d’être pris », the time chosen among the next ones replaces the first.
      if (parsed.data.slot) {
        place = await offeredPlace(db, type, parsed.data.slot.placeId, now);
        startsAt = parsed.data.slot.startsAt;
      }
      if (!startsAt) {
        return reply.redirect(
          journeyHref('/rdv/creneaux', { ...visitor.context, motif: type.id, lieu: place.id }),
          303,
        );
      }
      const values = { ...(parsed.ok ? formValues(request.body) : {}), creneau: undefined };
      let result: Awaited<ReturnType<typeof bookForVisitor>>;
      try {
        result = await bookForVisitor(db, platform, visitor, type, {
          placeId: place.id,
          startsAt,
          contact: parsed.data,
          now,
        });
      } catch (error) {
        const errors = contactErrors(error);
        if (!errors) throw error;
        return show({ values, errors }, 400);
      }
      if (!result.ok) return show({ values, errors: {} }, 409, { next: result.next });
      return reply.redirect(await confirmationPath(db, secretKey, result.participantId), 303);
    },
  );

  await registerManageRoutes(app, platform);
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
