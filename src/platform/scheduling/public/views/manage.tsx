import { PostForm } from '../../../web/components.tsx';
import type { ParticipationDetails } from '../../appointments.repository.ts';
import type { Slot } from '../../types.ts';
import { capitalise, formatWhen } from '../format.ts';
import type { Week } from '../journey.service.ts';
import type { ChangeState } from '../manage.service.ts';
import type { PublicPlace } from '../public.repository.ts';
import { slotChoice } from '../schemas.ts';
import { AppointmentRecap, BackLink, RadioGroup, Stepper } from './parts.tsx';
import { WeekSlots } from './week.tsx';

/** The signed link's parameters, carried by every page and form of the manage pages. */
export type LinkParams = { participantId: string; exp: string; sig: string };

export function linkHref(
  link: LinkParams,
  suffix = '',
  extra: Record<string, string | undefined> = {},
): string {
  const query = new URLSearchParams({ exp: link.exp, sig: link.sig });
  for (const [key, value] of Object.entries(extra)) if (value) query.set(key, value);
  return `/rdv/gerer/${link.participantId}${suffix}?${query}`;
}

function Recap({ details }: { details: ParticipationDetails }) {
  const cancelled = details.participant.status === 'annule' || details.appointment.cancelledAt !== null;
  return (
    <AppointmentRecap
      typeName={details.type.name}
      organisationName={details.organisation.name}
      location={details.type.location}
      durationMinutes={details.type.durationMinutes}
      startsAt={details.appointment.startsAt}
      place={details.place}
      instructions={cancelled ? null : details.type.instructions}
    />
  );
}

/** Step 6: booked. The recap, what to bring, the calendar file and the link to change it later. */
export function ConfirmationPage(props: { details: ParticipationDetails; link: LinkParams; now: Date }) {
  const { details, link } = props;
  const contact = [details.citizen.email, details.citizen.phone && 'SMS'].filter(Boolean);
  // The reminder goes 48 hours before: not announced for an appointment sooner than that.
  const reminded = details.appointment.startsAt.getTime() - props.now.getTime() > 48 * 3_600_000;
  return (
    <div class="fr-grid-row">
      <div class="fr-col-12 fr-col-md-8">
        <Stepper step={6} title="Votre rendez-vous est confirmé" />
        <div class="fr-alert fr-alert--success fr-mb-4w">
          <p>
            {details.citizen.firstName}, votre rendez-vous est enregistré.
            {contact.length > 0 &&
              ` Une confirmation vous est envoyée${details.citizen.email ? ` à ${details.citizen.email}` : ''}${
                details.citizen.email && details.citizen.phone ? ' et' : ''
              }${details.citizen.phone ? ' par SMS' : ''}${reminded ? ', puis un rappel deux jours avant' : ''}.`}
          </p>
        </div>
        <Recap details={details} />
        <ul class="fr-btns-group fr-btns-group--inline-md fr-btns-group--icon-left">
          <li>
            <a
              class="fr-btn fr-icon-calendar-line"
              href={linkHref(link, '/rendez-vous.ics')}
              download="rendez-vous.ics"
            >
              Ajouter à mon agenda
            </a>
          </li>
          <li>
            <a class="fr-btn fr-btn--secondary fr-icon-edit-line" href={linkHref(link)}>
              Gérer mon rendez-vous
            </a>
          </li>
        </ul>
        <p class="fr-text--sm">
          Gardez le message de confirmation : son lien permet d’annuler ou de déplacer le rendez-vous
          {details.type.changeLimitHours > 0 ? ` jusqu’à ${details.type.changeLimitHours} heures avant` : ''}.
        </p>
      </div>
    </div>
  );
}

/** The manage page: the appointment, and what the person may still do with it. */
export function ManagePage(props: { details: ParticipationDetails; link: LinkParams; state: ChangeState }) {
  const { details, link, state } = props;
  return (
    <div class="fr-grid-row">
      <div class="fr-col-12 fr-col-md-8">
        <h1>Votre rendez-vous</h1>
        {state === 'cancelled' && (
          <div class="fr-alert fr-alert--info fr-mb-4w">
            <h2 class="fr-alert__title">Ce rendez-vous est annulé</h2>
            <p>
              <a href="/rdv">Prendre un nouveau rendez-vous</a>
            </p>
          </div>
        )}
        <Recap details={details} />
        {state === 'open' && (
          <>
            <h2 class="fr-h5">Un empêchement ?</h2>
            <p>
              Vous pouvez déplacer ou annuler ce rendez-vous jusqu’à {details.type.changeLimitHours} heures
              avant, pour que quelqu’un d’autre puisse prendre l’horaire.
            </p>
            <ul class="fr-btns-group fr-btns-group--inline-md">
              <li>
                <a class="fr-btn fr-btn--secondary" href={linkHref(link, '/deplacer')}>
                  Déplacer le rendez-vous
                </a>
              </li>
              <li>
                <a class="fr-btn fr-btn--tertiary" href={linkHref(link, '/annuler')}>
                  Annuler le rendez-vous
                </a>
              </li>
            </ul>
            <p>
              <a
                class="fr-link fr-icon-calendar-line fr-link--icon-left"
                href={linkHref(link, '/rendez-vous.ics')}
              >
                Ajouter à mon agenda
              </a>
            </p>
          </>
        )}
        {state === 'too_late' && <TooLate details={details} />}
        {state === 'past' && <p>Ce rendez-vous a commencé ; il ne peut plus être modifié en ligne.</p>}
        {state === 'closed' && <p>Ce rendez-vous a eu lieu ; il ne peut plus être modifié.</p>}
      </div>
    </div>
  );
}

function TooLate({ details }: { details: ParticipationDetails }) {
  const phone = details.place?.phone;
  return (
    <div class="fr-alert fr-alert--warning fr-mb-4w">
      <h2 class="fr-alert__title">Il est trop tard pour le modifier en ligne</h2>
      <p>
        Ce rendez-vous ne peut plus être annulé ni déplacé ici moins de {details.type.changeLimitHours} heures
        avant.{' '}
        {phone ? (
          <>
            En cas d’empêchement, appelez {details.place!.name} au{' '}
            <a href={`tel:${phone.replace(/\s/g, '')}`}>{phone}</a>.
          </>
        ) : (
          `En cas d’empêchement, prévenez ${details.organisation.name}.`
        )}
      </p>
    </div>
  );
}

/** « Annuler » asks once more, with a POST button: a link alone must never cancel. */
export function CancelPage(props: { details: ParticipationDetails; link: LinkParams; csrfToken: string }) {
  const { details, link } = props;
  return (
    <div class="fr-grid-row">
      <div class="fr-col-12 fr-col-md-8">
        <BackLink href={linkHref(link)}>Revenir à mon rendez-vous</BackLink>
        <h1>Annuler le rendez-vous ?</h1>
        <Recap details={details} />
        <p>L’horaire sera libéré pour quelqu’un d’autre. Vous recevrez une confirmation de l’annulation.</p>
        <PostForm action={linkHref(link, '/annuler')} csrfToken={props.csrfToken}>
          <ul class="fr-btns-group fr-btns-group--inline-md">
            <li>
              <button type="submit" class="fr-btn">
                Oui, annuler le rendez-vous
              </button>
            </li>
            <li>
              <a class="fr-btn fr-btn--secondary" href={linkHref(link)}>
                Non, le garder
              </a>
            </li>
          </ul>
        </PostForm>
      </div>
    </div>
  );
}

/** « Déplacer »: another week of free times, at the same place or another one giving the type. */
export function MovePage(props: {
  details: ParticipationDetails;
  link: LinkParams;
  places: PublicPlace[];
  place: PublicPlace;
  week: Week;
}) {
  const { details, link, place } = props;
  return (
    <div class="fr-grid-row">
      <div class="fr-col-12 fr-col-md-8">
        <BackLink href={linkHref(link)}>Revenir à mon rendez-vous</BackLink>
        <h1>Déplacer le rendez-vous</h1>
        <p>
          Actuellement : <strong>{capitalise(formatWhen(details.appointment.startsAt))}</strong>
          {details.place ? `, ${details.place.name}` : ''}.
        </p>
        {props.places.length > 1 && (
          <form method="get" action={`/rdv/gerer/${link.participantId}/deplacer`} class="fr-mb-4w">
            <input type="hidden" name="exp" value={link.exp} />
            <input type="hidden" name="sig" value={link.sig} />
            <div class="fr-select-group">
              <label class="fr-label" for="champ-lieu">
                Lieu
              </label>
              <select class="fr-select" id="champ-lieu" name="lieu">
                {props.places.map((p) => (
                  <option value={p.id} selected={p.id === place.id}>
                    {p.name}
                  </option>
                ))}
              </select>
            </div>
            <button type="submit" class="fr-btn fr-btn--secondary fr-btn--sm">
              Afficher ce lieu
            </button>
          </form>
        )}
        <p>
          {place.name}, {place.address}
        </p>
        <WeekSlots
          week={props.week}
          weekHref={(monday) => linkHref(link, '/deplacer', { lieu: place.id, du: monday })}
          timeHref={(slot: Slot) =>
            linkHref(link, '/deplacer/confirmer', { lieu: place.id, debut: slot.startsAt.toISOString() })
          }
        />
      </div>
    </div>
  );
}

/** The new time, to confirm with a POST; after « ce créneau vient d’être pris », the next times. */
export function MoveConfirmPage(props: {
  details: ParticipationDetails;
  link: LinkParams;
  place: PublicPlace;
  startsAt: Date;
  csrfToken: string;
  taken?: { next: { slot: Slot; place: { id: string; name: string } }[] };
}) {
  const { details, link, place, startsAt, taken } = props;
  return (
    <div class="fr-grid-row">
      <div class="fr-col-12 fr-col-md-8">
        <BackLink href={linkHref(link, '/deplacer', { lieu: place.id })}>Choisir un autre horaire</BackLink>
        <h1>Confirmer le nouvel horaire</h1>
        {taken ? (
          <div class="fr-alert fr-alert--warning fr-mb-4w" role="alert">
            <h2 class="fr-alert__title">Ce créneau vient d’être pris</h2>
            <p>
              {taken.next.length > 0
                ? 'Choisissez un autre horaire ci-dessous. Votre rendez-vous actuel est conservé.'
                : 'Aucun autre horaire n’est libre pour le moment. Votre rendez-vous actuel est conservé.'}
            </p>
          </div>
        ) : (
          <div class="fr-callout fr-mb-4w">
            <p class="fr-callout__text">
              Ancien horaire : {capitalise(formatWhen(details.appointment.startsAt))}
              {details.place ? `, ${details.place.name}` : ''}
              <br />
              <strong>
                Nouvel horaire : {capitalise(formatWhen(startsAt))}, {place.name}
              </strong>
            </p>
          </div>
        )}
        <PostForm
          action={linkHref(link, '/deplacer', { lieu: place.id, debut: startsAt.toISOString() })}
          csrfToken={props.csrfToken}
        >
          {taken && taken.next.length > 0 && (
            <RadioGroup
              name="creneau"
              id="champ-creneau"
              legend="Autres horaires libres"
              choices={taken.next.map(({ slot, place: p }) => ({
                value: slotChoice(p.id, slot.startsAt),
                label: capitalise(formatWhen(slot.startsAt)),
                hint: p.id === place.id ? undefined : p.name,
              }))}
              checked={slotChoice(taken.next[0]!.place.id, taken.next[0]!.slot.startsAt)}
            />
          )}
          {(!taken || taken.next.length > 0) && (
            <button type="submit" class="fr-btn">
              Déplacer mon rendez-vous
            </button>
          )}
        </PostForm>
      </div>
    </div>
  );
}
