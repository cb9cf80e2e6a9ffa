import type { ComponentChildren } from 'preact';
import { type LocationKind, locationLabels } from '../../types.ts';
import { capitalise, formatTime, formatWhen } from '../format.ts';

/** What every step of the journey carries along: the person's commune, or their invitation. */
export type JourneyContext = { commune?: string; invitation?: string };

export type JourneyParams = JourneyContext & { motif?: string; lieu?: string; du?: string; debut?: Date };

/** A journey address with its parameters in a stable order; empty ones left out. */
export function journeyHref(path: string, params: JourneyParams): string {
  const query = new URLSearchParams();
  const entries: [string, string | undefined][] = [
    ['invitation', params.invitation],
    ['commune', params.commune],
    ['motif', params.motif],
    ['lieu', params.lieu],
    ['du', params.du],
    ['debut', params.debut?.toISOString()],
  ];
  for (const [key, value] of entries) if (value) query.set(key, value);
  const text = query.toString();
  return text ? `${path}?${text}` : path;
}

export const STEPS = [
  'Votre commune',
  'Le motif',
  'Le lieu',
  'La date et l’heure',
  'Vos coordonnées',
  'Confirmation',
];

/**
 * The DSFR stepper, as the page's only h1: the step's name and « Étape n sur 6 ». The journey has
 * six steps whether or not the person came with an invitation (which fills the first one for them).
 */
export function Stepper({ step, title }: { step: number; title?: string }) {
  const next = STEPS[step];
  return (
    <div class="fr-stepper">
      <h1 class="fr-stepper__title">
        {title ?? STEPS[step - 1]}
        <span class="fr-stepper__state">
          Étape {step} sur {STEPS.length}
        </span>
      </h1>
      <div
        class="fr-stepper__steps"
        data-fr-current-step={String(step)}
        data-fr-steps={String(STEPS.length)}
      />
      {next && (
        <p class="fr-stepper__details">
          <span class="fr-text--bold">Étape suivante :</span> {next}
        </p>
      )}
    </div>
  );
}

/** A link back to the previous step, above the content (DSFR « retour » link). */
export function BackLink({ href, children }: { href: string; children: ComponentChildren }) {
  return (
    <p class="fr-mb-3w">
      <a class="fr-link fr-icon-arrow-left-line fr-link--icon-left" href={href}>
        {children}
      </a>
    </p>
  );
}

export function LocationBadge({ location }: { location: LocationKind }) {
  return <p class="fr-badge fr-badge--sm fr-badge--blue-cumulus fr-mb-0">{locationLabels[location]}</p>;
}

export function formatDuration(minutes: number): string {
  if (minutes < 60) return `${minutes} minutes`;
  const rest = minutes % 60;
  return rest ? `${Math.floor(minutes / 60)} h ${String(rest).padStart(2, '0')}` : `${minutes / 60} h`;
}

/** The person's telephone number as written on a page: +33612345678 → 06 12 34 56 78. */
export function formatPhone(phone: string): string {
  const national = phone.startsWith('+33') ? `0${phone.slice(3)}` : phone;
  return /^0\d{9}$/.test(national) ? national.replace(/(\d{2})(?=\d)/g, '$1 ') : phone;
}

export type RecapPlace = {
  name: string;
  address: string;
  accessibilityNotes: string | null;
  phone: string | null;
};

/**
 * What, when, where or how: the summary shown from step 5 on, on the confirmation and on the
 * manage page. A description list keeps each label with its value for screen readers.
 */
export function AppointmentRecap(props: {
  typeName: string;
  organisationName: string;
  location: LocationKind;
  durationMinutes: number;
  startsAt: Date;
  place: RecapPlace | null;
  instructions?: string | null;
}) {
  const { place } = props;
  return (
    <div class="fr-callout fr-mb-4w">
      <dl>
        <dt class="fr-text--bold fr-mb-0">Motif</dt>
        <dd class="fr-ml-0 fr-mb-2w">
          {props.typeName}
          <br />
          <span class="fr-text--sm">{props.organisationName}</span>
        </dd>
        <dt class="fr-text--bold fr-mb-0">Date et heure</dt>
        <dd class="fr-ml-0 fr-mb-2w">
          {capitalise(formatWhen(props.startsAt))}
          <br />
          <span class="fr-text--sm">Durée : {formatDuration(props.durationMinutes)}</span>
        </dd>
        <dt class="fr-text--bold fr-mb-0">{props.location === 'sur_place' ? 'Lieu' : 'Comment'}</dt>
        <dd class="fr-ml-0 fr-mb-0">
          {props.location === 'sur_place' ? (
            place ? (
              <>
                {place.name}
                <br />
                {place.address}
                {place.accessibilityNotes && (
                  <>
                    <br />
                    <span class="fr-text--sm">Accessibilité : {place.accessibilityNotes}</span>
                  </>
                )}
              </>
            ) : (
              'Le lieu vous sera précisé par le service.'
            )
          ) : (
            <>
              {howText(props.location)}
              {place && (
                <>
                  <br />
                  <span class="fr-text--sm">Service : {place.name}</span>
                </>
              )}
            </>
          )}
        </dd>
        {props.instructions && (
          <>
            <dt class="fr-text--bold fr-mb-0 fr-mt-2w">À savoir</dt>
            <dd class="fr-ml-0 fr-mb-0">{props.instructions}</dd>
          </>
        )}
      </dl>
    </div>
  );
}

export function howText(location: LocationKind): string {
  switch (location) {
    case 'sur_place':
      return 'Sur place';
    case 'telephone':
      return 'Par téléphone : un agent vous appelle au numéro que vous avez donné.';
    case 'visio':
      return 'En visioconférence : le lien vous est envoyé avant le rendez-vous.';
    case 'domicile':
      return 'À votre domicile : un agent vient chez vous.';
  }
}

export function timeLabel(startsAt: Date): string {
  return formatTime(startsAt);
}

/**
 * A DSFR radio group: a fieldset whose legend names the question, one radio per choice, and the
 * error under the legend. `id` anchors the error summary's link.
 */
export function RadioGroup(props: {
  name: string;
  id: string;
  legend: ComponentChildren;
  choices: { value: string; label: ComponentChildren; hint?: string }[];
  checked?: string;
  error?: string;
}) {
  const legendId = `${props.id}-legende`;
  const messagesId = `${props.id}-messages`;
  return (
    <fieldset
      class={`fr-fieldset${props.error ? ' fr-fieldset--error' : ''}`}
      id={props.id}
      aria-labelledby={`${legendId} ${messagesId}`}
    >
      <legend class="fr-fieldset__legend fr-fieldset__legend--regular" id={legendId}>
        {props.legend}
      </legend>
      {props.choices.map((choice, index) => {
        const id = `${props.id}-${index}`;
        return (
          <div class="fr-fieldset__element">
            <div class="fr-radio-group">
              <input
                type="radio"
                id={id}
                name={props.name}
                value={choice.value}
                checked={props.checked === choice.value}
              />
              <label class="fr-label" for={id}>
                {choice.label}
                {choice.hint && <span class="fr-hint-text">{choice.hint}</span>}
              </label>
            </div>
          </div>
        );
      })}
      <div class="fr-messages-group" id={messagesId} aria-live="polite">
        {props.error && <p class="fr-message fr-message--error">{props.error}</p>}
      </div>
    </fieldset>
  );
}
