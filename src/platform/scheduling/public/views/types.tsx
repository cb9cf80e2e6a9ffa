import type { TypeGroup } from '../journey.service.ts';
import type { OrganisationContact } from '../public.repository.ts';
import {
  BackLink,
  formatDuration,
  type JourneyContext,
  journeyHref,
  LocationBadge,
  Stepper,
} from './parts.tsx';

/**
 * Step 2: the appointment types the person may book, grouped by category, each a tile leading to
 * the places. For an invitation, the greeting names the person and the organisation.
 */
export function TypesPage(props: {
  context: JourneyContext;
  communeName?: string;
  groups: TypeGroup[];
  contacts: OrganisationContact[];
  greeting?: { firstName: string; organisationName: string };
}) {
  const count = props.groups.reduce((n, g) => n + g.types.length, 0);
  return (
    <div class="fr-grid-row">
      <div class="fr-col-12 fr-col-md-8">
        {!props.context.invitation && <BackLink href="/rdv">Changer de commune</BackLink>}
        <Stepper step={2} title="Choisissez le motif du rendez-vous" />
        {props.greeting && (
          <p class="fr-text--lead">
            Bonjour {props.greeting.firstName}, {props.greeting.organisationName} vous invite à prendre
            rendez-vous.
          </p>
        )}
        {props.communeName && (
          <p>
            Commune : <strong>{props.communeName}</strong>
          </p>
        )}
        {count === 0 ? (
          <NoTypes contacts={props.contacts} invited={Boolean(props.context.invitation)} />
        ) : (
          props.groups.map((group) => (
            <section class="fr-mb-4w">
              <h2 class="fr-h4">{group.category ?? 'Autres rendez-vous'}</h2>
              <ul class="fr-grid-row fr-grid-row--gutters fr-raw-list">
                {group.types.map((type) => (
                  <li class="fr-col-12">
                    <div class="fr-tile fr-tile--horizontal fr-enlarge-link">
                      <div class="fr-tile__body">
                        <div class="fr-tile__content">
                          <h3 class="fr-tile__title">
                            <a href={journeyHref('/rdv/lieux', { ...props.context, motif: type.id })}>
                              {type.name}
                            </a>
                          </h3>
                          <p class="fr-tile__desc">
                            {type.organisationName} · {formatDuration(type.durationMinutes)}
                            {type.collective ? ' · en groupe' : ''}
                          </p>
                          <div class="fr-tile__start">
                            <LocationBadge location={type.location} />
                          </div>
                        </div>
                      </div>
                    </div>
                  </li>
                ))}
              </ul>
            </section>
          ))
        )}
      </div>
    </div>
  );
}

function NoTypes({ contacts, invited }: { contacts: OrganisationContact[]; invited: boolean }) {
  const reachable = contacts.filter((c) => c.places.length > 0);
  return (
    <div class="fr-alert fr-alert--info fr-mb-4w">
      <h2 class="fr-alert__title">Aucun rendez-vous ne peut être pris en ligne</h2>
      {contacts.length === 0 ? (
        <p>
          Aucun service utilisant Tremplin ne couvre votre commune pour le moment. Adressez-vous à la mairie
          ou au conseil départemental.
        </p>
      ) : (
        <>
          <p>
            {invited
              ? 'Les rendez-vous de cette invitation ne sont plus proposés en ligne.'
              : 'Les services de votre commune ne proposent pas de rendez-vous en ligne pour le moment.'}{' '}
            {reachable.length > 0
              ? 'Vous pouvez les appeler :'
              : `Adressez-vous à ${contacts.map((c) => c.name).join(', ')}.`}
          </p>
          {reachable.length > 0 && (
            <ul>
              {reachable.map((contact) =>
                contact.places.map((place) => (
                  <li>
                    {contact.name}, {place.name} :{' '}
                    <a href={`tel:${place.phone.replace(/\s/g, '')}`}>{place.phone}</a>
                  </li>
                )),
              )}
            </ul>
          )}
        </>
      )}
    </div>
  );
}
