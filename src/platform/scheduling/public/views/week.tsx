import type { Slot } from '../../types.ts';
import { capitalise, formatDay, formatTime, formatWeek, formatWhen } from '../format.ts';
import type { Week } from '../journey.service.ts';
import type { BookableType, PublicPlace } from '../public.repository.ts';
import { BackLink, type JourneyContext, journeyHref, Stepper } from './parts.tsx';

/**
 * One week of free times: each day a heading and its times as links (no JavaScript, no form), the
 * weeks before and after, and a shortcut to the first free time when this week has none.
 * Shared by step 4 and by « déplacer le rendez-vous ».
 */
export function WeekSlots(props: {
  week: Week;
  weekHref: (monday: string) => string;
  timeHref: (slot: Slot) => string;
  headingLevel?: 2 | 3;
}) {
  const { week } = props;
  const Heading = props.headingLevel === 3 ? 'h3' : 'h2';
  const SubHeading = props.headingLevel === 3 ? 'h4' : 'h3';
  return (
    <section aria-labelledby="semaine-titre">
      <Heading class="fr-h5" id="semaine-titre">
        Semaine {formatWeek(week.monday)}
      </Heading>
      <WeekNavigation {...props} />
      {week.days.length === 0 ? (
        <div class="fr-alert fr-alert--info fr-alert--sm fr-mb-3w">
          <p>
            Aucun horaire libre cette semaine.
            {week.firstAvailable && (
              <>
                {' '}
                <a href={props.weekHref(week.firstAvailable.monday)}>
                  Voir le premier créneau libre ({formatWhen(week.firstAvailable.startsAt)})
                </a>
              </>
            )}
          </p>
        </div>
      ) : (
        week.days.map(({ day, slots }) => (
          <div class="fr-mb-3w">
            <SubHeading class="fr-text--lg fr-mb-1w">{capitalise(formatDay(day, false))}</SubHeading>
            <ul class="fr-btns-group fr-btns-group--inline fr-btns-group--sm">
              {slots.map((slot) => (
                <li>
                  <a
                    class="fr-btn fr-btn--secondary"
                    href={props.timeHref(slot)}
                    aria-label={`${capitalise(formatDay(day, false))} à ${formatTime(slot.startsAt)}${
                      slot.seatsLeft !== undefined ? `, ${slot.seatsLeft} places restantes` : ''
                    }`}
                  >
                    {formatTime(slot.startsAt)}
                    {slot.seatsLeft !== undefined ? ` (${slot.seatsLeft} pl.)` : ''}
                  </a>
                </li>
              ))}
            </ul>
          </div>
        ))
      )}
      {week.days.length > 2 && <WeekNavigation {...props} />}
    </section>
  );
}

function WeekNavigation(props: { week: Week; weekHref: (monday: string) => string }) {
  const { week } = props;
  if (!week.previous && !week.next && !week.firstAvailable) return null;
  return (
    <ul class="fr-btns-group fr-btns-group--inline fr-btns-group--sm fr-btns-group--icon-left fr-mb-2w">
      {week.previous && (
        <li>
          <a class="fr-btn fr-btn--tertiary fr-icon-arrow-left-s-line" href={props.weekHref(week.previous)}>
            Semaine précédente
          </a>
        </li>
      )}
      {week.next && (
        <li>
          <a class="fr-btn fr-btn--tertiary fr-icon-arrow-right-s-line" href={props.weekHref(week.next)}>
            Semaine suivante
          </a>
        </li>
      )}
      {week.firstAvailable && week.days.length > 0 && (
        <li>
          <a
            class="fr-btn fr-btn--tertiary fr-icon-calendar-line"
            href={props.weekHref(week.firstAvailable.monday)}
          >
            Premier créneau libre
          </a>
        </li>
      )}
    </ul>
  );
}

/** Step 4: the week at the chosen place. */
export function SlotsPage(props: {
  context: JourneyContext;
  type: BookableType;
  place: PublicPlace;
  week: Week;
}) {
  const { context, type, place } = props;
  const base = { ...context, motif: type.id, lieu: place.id };
  return (
    <div class="fr-grid-row">
      <div class="fr-col-12 fr-col-md-8">
        <BackLink href={journeyHref('/rdv/lieux', { ...context, motif: type.id })}>Changer de lieu</BackLink>
        <Stepper step={4} title="Choisissez la date et l’heure" />
        <p>
          <strong>{type.name}</strong>
          <br />
          {place.name}, {place.address}
        </p>
        <WeekSlots
          week={props.week}
          weekHref={(monday) => journeyHref('/rdv/creneaux', { ...base, du: monday })}
          timeHref={(slot) => journeyHref('/rdv/coordonnees', { ...base, debut: slot.startsAt })}
        />
      </div>
    </div>
  );
}
