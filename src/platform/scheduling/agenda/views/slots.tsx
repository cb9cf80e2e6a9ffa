import type { SlotSearchResult } from '../../types.ts';
import { addDays, formatDay, formatTime } from '../week-grid.ts';
import { type Linker, OrganisationField } from './parts.tsx';

/**
 * Free slots by place and day. Choosing one is a GET form (one per day) whose buttons carry the
 * start: it leads to a confirmation page, so nothing is booked or moved by a single click. Each
 * button's accessible name repeats the day and the place.
 */
export function SlotChooser(props: {
  link: Linker;
  action: string;
  hidden: Record<string, string | undefined>;
  result: SlotSearchResult;
  collective: boolean;
  agentName: (agentId: string) => string;
}) {
  const { result } = props;
  if (!result.searched) {
    return <p>Ce motif ne peut pas être réservé sur ces dates (délais de réservation du motif).</p>;
  }
  if (result.places.length === 0) {
    return (
      <p>
        {props.collective
          ? 'Aucune séance avec des places libres sur ces dates.'
          : 'Aucun créneau libre sur ces dates.'}
      </p>
    );
  }
  return (
    <>
      {result.places.map(({ place, days }) => (
        <section class="fr-mb-4w">
          <h3 class="fr-h5 fr-mb-1w">{place.name}</h3>
          <p class="fr-text--sm fr-mb-2w">{place.address}</p>
          {days.map(({ day, slots }) => (
            <form method="get" action={props.action} class="fr-mb-2w">
              <OrganisationField link={props.link} />
              {Object.entries({ ...props.hidden, lieu: place.id }).map(([name, value]) =>
                value ? <input type="hidden" name={name} value={value} /> : null,
              )}
              <fieldset class="fr-fieldset fr-mb-0">
                <legend class="fr-fieldset__legend fr-text--regular fr-pb-1w">{formatDay(day)}</legend>
                <ul class="fr-btns-group fr-btns-group--inline fr-btns-group--sm">
                  {slots.map((slot) => (
                    <li>
                      <button
                        type="submit"
                        name="debut"
                        value={slot.startsAt.toISOString()}
                        class="fr-btn fr-btn--sm fr-btn--secondary"
                      >
                        {formatTime(slot.startsAt)}
                        {slot.seatsLeft !== undefined &&
                          ` · ${slot.seatsLeft} place${slot.seatsLeft > 1 ? 's' : ''} libre${slot.seatsLeft > 1 ? 's' : ''}`}
                        <span class="fr-sr-only">
                          , {formatDay(day)}, {place.name}
                          {slot.agentIds.length === 1 ? `, avec ${props.agentName(slot.agentIds[0]!)}` : ''}
                        </span>
                      </button>
                    </li>
                  ))}
                </ul>
              </fieldset>
            </form>
          ))}
        </section>
      ))}
    </>
  );
}

/** « Deux semaines précédentes / suivantes » around the slots shown from `day`. */
export function SlotPager(props: {
  link: Linker;
  path: string;
  params: Record<string, string | undefined>;
  day: string;
  today: string;
  days: number;
}) {
  const previous = addDays(props.day, -props.days);
  return (
    <nav aria-label="Autres dates" class="fr-mb-4w">
      <p class="fr-mb-1w">
        Du {formatDay(props.day)} au {formatDay(addDays(props.day, props.days - 1))}
      </p>
      <ul class="fr-btns-group fr-btns-group--inline fr-btns-group--sm">
        {props.day > props.today && (
          <li>
            <a
              class="fr-btn fr-btn--sm fr-btn--tertiary"
              href={props.link(props.path, {
                ...props.params,
                du: [previous, props.today].sort()[1],
              })}
            >
              Dates précédentes
            </a>
          </li>
        )}
        <li>
          <a
            class="fr-btn fr-btn--sm fr-btn--tertiary"
            href={props.link(props.path, { ...props.params, du: addDays(props.day, props.days) })}
          >
            Dates suivantes
          </a>
        </li>
      </ul>
    </nav>
  );
}
