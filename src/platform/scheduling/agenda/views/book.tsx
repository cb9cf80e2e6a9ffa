import { ErrorSummary, type FormState, Input, PostForm, Select } from '../../../web/components.tsx';
import type { NextSlot } from '../../booking.service.ts';
import type { Citizen } from '../../citizens.service.ts';
import type { TypeChoice } from '../agenda.repository.ts';
import type { AgendaContext } from '../agenda.service.ts';
import type { BookingChoices } from '../agenda-actions.service.ts';
import { formatDay, formatTime, localDayOf } from '../week-grid.ts';
import { agentNamer, TakenAlert } from './move.tsx';
import { AgendaBreadcrumb, citizenPath, displayPhone, type Linker, OrganisationField } from './parts.tsx';
import { SlotChooser, SlotPager } from './slots.tsx';

export const personLabels: Record<string, string> = {
  firstName: 'Prénom',
  lastName: 'Nom',
  phone: 'Téléphone mobile',
  email: 'Adresse électronique',
  birthDate: 'Date de naissance',
  communeCode: 'Code INSEE de la commune',
};

export type BookingParams = {
  usager?: string;
  motif?: string;
  lieu?: string;
  agent?: string;
  du: string;
};

function contactOf(citizen: Citizen): string {
  return (
    [citizen.phone && displayPhone(citizen.phone), citizen.email].filter(Boolean).join(' · ') ||
    'sans coordonnées'
  );
}

/** The person search form and its results, shared by the booking page and /rendez-vous/usagers. */
export function PersonSearch(props: {
  link: Linker;
  action: string;
  query: string | undefined;
  results: Citizen[];
  choose: (citizen: Citizen) => string;
  chooseLabel: string;
  headingLevel: 'h2' | 'h3';
}) {
  const Heading = props.headingLevel;
  return (
    <>
      <form method="get" action={props.action} class="fr-mb-3w">
        <OrganisationField link={props.link} />
        <p class="fr-mb-1w" aria-hidden="true">
          Nom, prénom ou numéro de téléphone
        </p>
        <div class="fr-search-bar fr-search-bar--lg" id="recherche-usager">
          <label class="fr-label" for="champ-q">
            Nom, prénom ou numéro de téléphone
          </label>
          <input
            class="fr-input"
            type="search"
            id="champ-q"
            name="q"
            value={props.query ?? ''}
            autocomplete="off"
          />
          <button type="submit" class="fr-btn">
            Rechercher
          </button>
        </div>
      </form>
      {props.query !== undefined && props.query.trim().length > 0 && (
        <section aria-live="polite">
          <Heading class="fr-h5">
            {props.query.trim().length < 2
              ? 'Saisissez au moins deux caractères.'
              : props.results.length === 0
                ? `Personne ne correspond à « ${props.query} ».`
                : `${props.results.length} personne${props.results.length > 1 ? 's' : ''} pour « ${props.query} »`}
          </Heading>
          {props.results.length > 0 && (
            <ul class="tp-agenda-list">
              {props.results.map((citizen) => (
                <li class="tp-agenda-item">
                  <a href={props.choose(citizen)}>
                    {props.chooseLabel} {citizen.lastName} {citizen.firstName}
                  </a>
                  <br />
                  <span class="fr-text--sm">
                    {contactOf(citizen)}
                    {citizen.birthDate
                      ? ` · née ou né le ${citizen.birthDate.split('-').reverse().join('/')}`
                      : ''}
                  </span>
                </li>
              ))}
            </ul>
          )}
        </section>
      )}
    </>
  );
}

/**
 * « Prendre un rendez-vous » for a person, in steps that are each a page (no JavaScript): the person
 * (found or recorded), then the type with an optional place and agent, then a free slot (or a session
 * of a collective type, or a new session), then the confirmation.
 */
export function BookPage(props: {
  context: AgendaContext;
  link: Linker;
  params: BookingParams;
  choices: BookingChoices;
  query: string | undefined;
  results: Citizen[];
  personForm: FormState;
  sessionForm: FormState;
  today: string;
  days: number;
  csrfToken: string;
}) {
  const { context, link, params, choices } = props;
  const { citizen, type } = choices;
  return (
    <>
      <AgendaBreadcrumb link={link} items={[{ label: 'Prendre un rendez-vous' }]} />
      <h1>Prendre un rendez-vous</h1>
      <section class="fr-mb-6w">
        <h2 class="fr-h4">1. La personne</h2>
        {citizen ? (
          <p>
            <strong>
              <a href={citizenPath(link, citizen.id)}>
                {citizen.firstName} {citizen.lastName}
              </a>
            </strong>{' '}
            ({contactOf(citizen)}) ·{' '}
            <a href={link('/prendre', { motif: params.motif })}>Changer de personne</a>
          </p>
        ) : (
          <>
            <PersonSearch
              link={link}
              action="/rendez-vous/prendre"
              query={props.query}
              results={props.results}
              choose={(c) => link('/prendre', { usager: c.id, motif: params.motif })}
              chooseLabel="Choisir"
              headingLevel="h3"
            />
            <NewPersonForm
              link={link}
              form={props.personForm}
              csrfToken={props.csrfToken}
              motif={params.motif}
            />
          </>
        )}
      </section>
      {citizen && (
        <section class="fr-mb-6w">
          <h2 class="fr-h4">2. Le motif</h2>
          <TypeForm context={context} link={link} params={params} types={choices.types} />
        </section>
      )}
      {citizen && type && choices.result && (
        <section class="fr-mb-6w">
          <h2 class="fr-h4">3. {type.collective ? 'La séance' : 'Le créneau'}</h2>
          <SlotPager
            link={link}
            path="/prendre"
            params={{ usager: params.usager, motif: params.motif, lieu: params.lieu, agent: params.agent }}
            day={params.du}
            today={props.today}
            days={props.days}
          />
          <SlotChooser
            link={link}
            action="/rendez-vous/prendre/confirmer"
            hidden={{ usager: citizen.id, motif: type.id, agent: params.agent }}
            result={choices.result}
            collective={type.collective}
            agentName={agentNamer(context)}
          />
          {type.collective && (
            <SessionForm
              context={context}
              link={link}
              params={params}
              type={type}
              form={props.sessionForm}
              csrfToken={props.csrfToken}
            />
          )}
        </section>
      )}
    </>
  );
}

function NewPersonForm(props: {
  link: Linker;
  form: FormState;
  csrfToken: string;
  motif: string | undefined;
}) {
  return (
    <details class="fr-mt-4w" open={Object.keys(props.form.errors).length > 0}>
      <summary class="fr-text--bold">Nouvelle personne</summary>
      <PostForm action={props.link('/prendre/usager')} csrfToken={props.csrfToken} class="fr-mt-2w">
        <ErrorSummary form={props.form} labels={personLabels} />
        {props.motif && <input type="hidden" name="motif" value={props.motif} />}
        <fieldset class="fr-fieldset">
          <legend class="fr-fieldset__legend">Coordonnées de la personne</legend>
          <div class="fr-fieldset__element">
            <Input form={props.form} name="lastName" label="Nom" required autocomplete="off" />
          </div>
          <div class="fr-fieldset__element">
            <Input form={props.form} name="firstName" label="Prénom" required autocomplete="off" />
          </div>
          <div class="fr-fieldset__element">
            <Input
              form={props.form}
              name="phone"
              label="Téléphone mobile"
              type="tel"
              hint="Pour la confirmation et le rappel par SMS, par exemple 06 12 34 56 78."
              autocomplete="off"
            />
          </div>
          <div class="fr-fieldset__element">
            <Input
              form={props.form}
              name="email"
              label="Adresse électronique"
              type="email"
              autocomplete="off"
            />
          </div>
          <div class="fr-fieldset__element">
            <Input
              form={props.form}
              name="communeCode"
              label="Code INSEE de la commune"
              hint="Facultatif : oriente vers les lieux et agents du secteur, par exemple 83126."
              inputMode="numeric"
              autocomplete="off"
            />
          </div>
        </fieldset>
        <button type="submit" class="fr-btn">
          Enregistrer la personne
        </button>
      </PostForm>
    </details>
  );
}

function TypeForm(props: {
  context: AgendaContext;
  link: Linker;
  params: BookingParams;
  types: TypeChoice[];
}) {
  const { context, params } = props;
  if (props.types.length === 0) {
    return <p>L’organisation n’a encore aucun motif : ajoutez-en dans les paramètres.</p>;
  }
  const form = { values: { motif: params.motif, lieu: params.lieu, agent: params.agent }, errors: {} };
  return (
    <form method="get" action="/rendez-vous/prendre">
      <OrganisationField link={props.link} />
      <input type="hidden" name="usager" value={params.usager} />
      <div class="fr-grid-row fr-grid-row--gutters">
        <div class="fr-col-12 fr-col-md-4">
          <Select
            form={form}
            name="motif"
            label="Motif"
            required
            placeholder="Choisir un motif"
            options={props.types.map((t) => ({
              value: t.id,
              label: `${t.name} (${t.durationMinutes} min${t.collective ? ', collectif' : ''})`,
            }))}
          />
        </div>
        <div class="fr-col-12 fr-col-md-4">
          <Select
            form={form}
            name="lieu"
            label="Lieu (facultatif)"
            placeholder="Tous les lieux"
            options={context.places.map((p) => ({ value: p.id, label: p.name }))}
          />
        </div>
        <div class="fr-col-12 fr-col-md-4">
          <Select
            form={form}
            name="agent"
            label="Agent (facultatif)"
            placeholder="Tous les agents"
            options={context.agents.map((a) => ({ value: a.agentId, label: `${a.firstName} ${a.lastName}` }))}
          />
        </div>
      </div>
      <button type="submit" class="fr-btn fr-btn--secondary fr-mt-2w">
        Voir les créneaux libres
      </button>
    </form>
  );
}

function SessionForm(props: {
  context: AgendaContext;
  link: Linker;
  params: BookingParams;
  type: TypeChoice;
  form: FormState;
  csrfToken: string;
}) {
  const { context, params, form } = props;
  const values = {
    agent: form.values.agent ?? context.ownAgentId ?? undefined,
    lieu: form.values.lieu ?? params.lieu,
    ...form.values,
  };
  const state = { values, errors: form.errors };
  return (
    <details class="fr-mt-4w" open={Object.keys(form.errors).length > 0}>
      <summary class="fr-text--bold">Ouvrir une séance</summary>
      <PostForm action={props.link('/prendre/seance')} csrfToken={props.csrfToken} class="fr-mt-2w">
        <ErrorSummary
          form={state}
          labels={{ agent: 'Agent', lieu: 'Lieu', jour: 'Jour', heure: 'Heure', places: 'Nombre de places' }}
        />
        <input type="hidden" name="usager" value={params.usager} />
        <input type="hidden" name="motif" value={props.type.id} />
        <fieldset class="fr-fieldset">
          <legend class="fr-fieldset__legend">Nouvelle séance de « {props.type.name} »</legend>
          <div class="fr-fieldset__element">
            <Select
              form={state}
              name="agent"
              label="Agent"
              required
              options={context.agents.map((a) => ({
                value: a.agentId,
                label: `${a.firstName} ${a.lastName}`,
              }))}
            />
          </div>
          <div class="fr-fieldset__element">
            <Select
              form={state}
              name="lieu"
              label="Lieu"
              required
              placeholder="Choisir un lieu"
              options={context.places.map((p) => ({ value: p.id, label: p.name }))}
            />
          </div>
          <div class="fr-fieldset__element">
            <Input form={state} name="jour" label="Jour" type="date" required />
          </div>
          <div class="fr-fieldset__element">
            <Input
              form={state}
              name="heure"
              label="Heure de début"
              hint="Par exemple 14:00."
              required
              inputMode="numeric"
            />
          </div>
          <div class="fr-fieldset__element">
            <Input
              form={state}
              name="places"
              label="Nombre de places"
              hint={`Par défaut ${props.type.capacity ?? ''}.`}
              type="number"
              inputMode="numeric"
            />
          </div>
        </fieldset>
        <button type="submit" class="fr-btn fr-btn--secondary">
          Ouvrir la séance
        </button>
      </PostForm>
    </details>
  );
}

/** The booking's confirmation; after a refusal (« pris »), the message and the next free slots. */
export function BookConfirmPage(props: {
  context: AgendaContext;
  link: Linker;
  citizen: Citizen;
  type: TypeChoice;
  startsAt: Date;
  placeId: string;
  placeName: string;
  agentId: string | undefined;
  csrfToken: string;
  taken: NextSlot[] | null;
}) {
  const { link, citizen, type } = props;
  const agent = props.agentId ? agentNamer(props.context)(props.agentId) : null;
  const back = link('/prendre', { usager: citizen.id, motif: type.id, agent: props.agentId });
  return (
    <>
      <AgendaBreadcrumb
        link={link}
        items={[{ label: 'Prendre un rendez-vous', href: back }, { label: 'Confirmation' }]}
      />
      <h1>Confirmer le rendez-vous</h1>
      {props.taken ? (
        <>
          <TakenAlert
            link={link}
            path="/prendre/confirmer"
            params={{ usager: citizen.id, motif: type.id, agent: props.agentId }}
            next={props.taken}
          />
          <p>
            <a href={back}>Voir tous les créneaux libres</a>
          </p>
        </>
      ) : (
        <>
          <ul class="fr-mb-4w">
            <li>
              Personne :{' '}
              <strong>
                {citizen.firstName} {citizen.lastName}
              </strong>
            </li>
            <li>
              Motif : <strong>{type.name}</strong>
            </li>
            <li>
              Quand :{' '}
              <strong>
                {formatDay(localDayOf(props.startsAt))} à {formatTime(props.startsAt)}
              </strong>
            </li>
            <li>
              Où : <strong>{props.placeName}</strong>
            </li>
            {agent && (
              <li>
                Avec : <strong>{agent}</strong>
              </li>
            )}
          </ul>
          <p>
            {citizen.phone || citizen.email
              ? 'La confirmation est envoyée à la personne par courriel ou SMS.'
              : 'La personne n’a ni téléphone ni courriel : remettez-lui la date et l’heure.'}
          </p>
          <PostForm action={link('/prendre/confirmer')} csrfToken={props.csrfToken}>
            <input type="hidden" name="usager" value={citizen.id} />
            <input type="hidden" name="motif" value={type.id} />
            <input type="hidden" name="debut" value={props.startsAt.toISOString()} />
            <input type="hidden" name="lieu" value={props.placeId} />
            {props.agentId && <input type="hidden" name="agent" value={props.agentId} />}
            <ul class="fr-btns-group fr-btns-group--inline-md">
              <li>
                <button type="submit" class="fr-btn">
                  Confirmer le rendez-vous
                </button>
              </li>
              <li>
                <a class="fr-btn fr-btn--secondary" href={back}>
                  Choisir un autre créneau
                </a>
              </li>
            </ul>
          </PostForm>
        </>
      )}
    </>
  );
}
