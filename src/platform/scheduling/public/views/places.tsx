import { formatWhen, localDay } from '../format.ts';
import type { PlaceChoice } from '../journey.service.ts';
import type { BookableType } from '../public.repository.ts';
import { BackLink, howText, type JourneyContext, journeyHref, Stepper } from './parts.tsx';

/**
 * Step 3: the places giving the type, nearest first, each with its address, its accessibility notes
 * and its first free time. A place with nothing free says so and offers no link.
 */
/** `typesHref`: back to the types, or null when the invitation names this type alone. */
export function PlacesPage(props: {
  context: JourneyContext;
  type: BookableType;
  choices: PlaceChoice[];
  typesHref: string | null;
}) {
  const { context, type } = props;
  const open = props.choices.filter((c) => c.first);
  return (
    <div class="fr-grid-row">
      <div class="fr-col-12 fr-col-md-8">
        {props.typesHref && <BackLink href={props.typesHref}>Changer de motif</BackLink>}
        <Stepper step={3} title="Choisissez le lieu" />
        <p>
          Motif : <strong>{type.name}</strong>
          {type.location !== 'sur_place' && (
            <>
              <br />
              {howText(type.location)}
            </>
          )}
        </p>
        {open.length === 0 && (
          <div class="fr-alert fr-alert--info fr-mb-4w">
            <h2 class="fr-alert__title">Aucun créneau libre pour le moment</h2>
            <p>
              {type.followUpOnly
                ? `Ce rendez-vous se prend avec votre référent ou votre référente : aucun de ses horaires n’est libre dans les ${type.maxBookingDelayDays} prochains jours. Appelez le lieu pour convenir d’un rendez-vous.`
                : `Aucun horaire n’est libre dans les ${type.maxBookingDelayDays} prochains jours. Revenez dans quelques jours ou appelez le lieu le plus proche.`}
            </p>
          </div>
        )}
        <ul class="fr-raw-list">
          {props.choices.map(({ place, first }) => (
            <li class="fr-mb-3w">
              <div class={`fr-card${first ? ' fr-enlarge-link' : ''}`}>
                <div class="fr-card__body">
                  <div class="fr-card__content">
                    <h2 class="fr-card__title fr-h5">
                      {first ? (
                        <a
                          href={journeyHref('/rdv/creneaux', {
                            ...context,
                            motif: type.id,
                            lieu: place.id,
                            du: localDay(first.startsAt),
                          })}
                        >
                          {place.name}
                        </a>
                      ) : (
                        place.name
                      )}
                    </h2>
                    <p class="fr-card__desc">
                      {place.address}
                      {place.accessibilityNotes && (
                        <>
                          <br />
                          <span class="fr-text--sm">Accessibilité : {place.accessibilityNotes}</span>
                        </>
                      )}
                      {place.phone && (
                        <>
                          <br />
                          <span class="fr-text--sm">Téléphone : {place.phone}</span>
                        </>
                      )}
                    </p>
                    <div class="fr-card__end">
                      <p
                        class={`fr-card__detail ${first ? 'fr-icon-calendar-line' : 'fr-icon-close-circle-line'}`}
                      >
                        {first
                          ? `Premier créneau : ${formatWhen(first.startsAt)}`
                          : `Aucun créneau libre dans les ${type.maxBookingDelayDays} prochains jours`}
                      </p>
                    </div>
                  </div>
                </div>
              </div>
            </li>
          ))}
        </ul>
        {props.choices.length === 0 && <p>Aucun lieu ne propose ce rendez-vous pour le moment.</p>}
      </div>
    </div>
  );
}
