import { ErrorSummary, type FormState, Input, PostForm } from '../../../web/components.tsx';
import type { Slot } from '../../types.ts';
import { capitalise, formatWhen, localDay } from '../format.ts';
import type { BookableType, PublicPlace } from '../public.repository.ts';
import { contactLabels, slotChoice } from '../schemas.ts';
import {
  AppointmentRecap,
  BackLink,
  type JourneyContext,
  journeyHref,
  RadioGroup,
  Stepper,
} from './parts.tsx';

export type TakenSlot = { next: { slot: Slot; place: { id: string; name: string } }[] };

/**
 * Step 5: the person's name and how to reach them, then « Confirmer le rendez-vous ». When the
 * time was taken meanwhile, the page comes back with what was typed and the next free times as a
 * choice. No field asks about needs or health: the person calls the place for that.
 */
export function ContactPage(props: {
  context: JourneyContext;
  type: BookableType;
  place: PublicPlace;
  startsAt: Date;
  form: FormState;
  csrfToken: string;
  taken?: TakenSlot;
  invited?: boolean;
}) {
  const { context, type, place, startsAt, form, taken } = props;
  const action = journeyHref('/rdv/coordonnees', {
    ...context,
    motif: type.id,
    lieu: place.id,
    debut: startsAt,
  });
  const weekHref = journeyHref('/rdv/creneaux', {
    ...context,
    motif: type.id,
    lieu: place.id,
    du: localDay(startsAt),
  });
  return (
    <div class="fr-grid-row">
      <div class="fr-col-12 fr-col-md-8">
        <BackLink href={weekHref}>Changer d’horaire</BackLink>
        <Stepper step={5} title="Vos coordonnées" />
        <ErrorSummary form={form} labels={contactLabels} />
        {taken && (
          <div class="fr-alert fr-alert--warning fr-mb-4w" role="alert">
            <h2 class="fr-alert__title">Ce créneau vient d’être pris</h2>
            <p>
              Quelqu’un a réservé le {formatWhen(startsAt)} juste avant vous.{' '}
              {taken.next.length > 0
                ? 'Choisissez un autre horaire ci-dessous : vos coordonnées sont conservées.'
                : 'Aucun autre horaire n’est libre pour le moment.'}
            </p>
          </div>
        )}
        {!taken && (
          <AppointmentRecap
            typeName={type.name}
            organisationName={type.organisationName}
            location={type.location}
            durationMinutes={type.durationMinutes}
            startsAt={startsAt}
            place={place}
            instructions={type.instructions}
          />
        )}
        <PostForm action={action} csrfToken={props.csrfToken}>
          {taken && taken.next.length > 0 && (
            <RadioGroup
              name="creneau"
              id={'champ-creneau'}
              legend="Autres horaires libres"
              choices={taken.next.map(({ slot, place: p }) => ({
                value: slotChoice(p.id, slot.startsAt),
                label: capitalise(formatWhen(slot.startsAt)),
                hint: p.id === place.id ? undefined : p.name,
              }))}
              checked={
                form.values.creneau ?? slotChoice(taken.next[0]!.place.id, taken.next[0]!.slot.startsAt)
              }
              error={form.errors.creneau}
            />
          )}
          <fieldset class="fr-fieldset" aria-labelledby="identite-legende">
            <legend class="fr-fieldset__legend" id="identite-legende">
              Vous
            </legend>
            <div class="fr-fieldset__element">
              <Input form={form} name="prenom" label="Prénom" autocomplete="given-name" required />
            </div>
            <div class="fr-fieldset__element">
              <Input form={form} name="nom" label="Nom" autocomplete="family-name" required />
            </div>
          </fieldset>
          <fieldset class="fr-fieldset" aria-labelledby="contact-legende">
            <legend class="fr-fieldset__legend" id="contact-legende">
              Pour recevoir la confirmation et le rappel
              <span class="fr-hint-text">
                Indiquez au moins l’un des deux. Nous ne les utilisons que pour ce rendez-vous.
              </span>
            </legend>
            <div class="fr-fieldset__element">
              <Input
                form={form}
                name="telephone"
                type="tel"
                label="Téléphone portable"
                hint="Pour recevoir un SMS, par exemple 06 12 34 56 78."
                autocomplete="tel"
                inputMode="tel"
              />
            </div>
            <div class="fr-fieldset__element">
              <Input
                form={form}
                name="email"
                type="email"
                label="Adresse électronique"
                hint="Par exemple prenom.nom@exemple.fr."
                autocomplete="email"
                spellcheck={false}
              />
            </div>
          </fieldset>
          <div class="fr-callout fr-callout--blue-ecume fr-mb-4w">
            <p class="fr-callout__text fr-text--sm">
              Besoin d’un aménagement (accès en fauteuil, interprète, accompagnement…) ? Ne l’écrivez pas ici
              :
              {place.phone ? (
                <>
                  {' '}
                  appelez {place.name} au <a href={`tel:${place.phone.replace(/\s/g, '')}`}>{place.phone}</a>.
                </>
              ) : (
                ' dites-le à l’agent au début du rendez-vous.'
              )}
            </p>
          </div>
          <button type="submit" class="fr-btn">
            Confirmer le rendez-vous
          </button>
          {props.invited && (
            <p class="fr-hint-text fr-mt-2w">
              Vos coordonnées ont été transmises par le service qui vous invite.
            </p>
          )}
        </PostForm>
      </div>
    </div>
  );
}
