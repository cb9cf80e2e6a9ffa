import type { AgendaEntry } from '../agenda.repository.ts';
import type { AgendaContext } from '../agenda.service.ts';
import { addDays, formatDay } from '../week-grid.ts';
import {
  AgendaBreadcrumb,
  agentName,
  displayPhone,
  entryStatus,
  InlineSelect,
  InlineShowButton,
  type Linker,
  OrganisationField,
  participationPath,
  personName,
  StatusBadge,
  StatusButtons,
  timeOf,
  whereOf,
} from './parts.tsx';

/**
 * Appointments as a list, one item per person (a collective session lists its people under it): time,
 * person, type, place, status, and the quick status buttons for those who may change them. A list,
 * not a table: on a phone each appointment reads top to bottom without scrolling sideways.
 */
export function EntryList(props: {
  entries: AgendaEntry[];
  link: Linker;
  csrfToken: string;
  mayBook: boolean;
  back: string;
  showAgent: boolean;
  empty: string;
}) {
  if (props.entries.length === 0) return <p>{props.empty}</p>;
  return (
    <ul class="tp-agenda-list">
      {props.entries.map((entry) => {
        const status = entryStatus(entry);
        const who = personName(entry);
        const cancelled = entry.cancelledAt !== null || status === 'annule';
        return (
          <li class={`tp-agenda-item${cancelled ? ' tp-agenda-item--cancelled' : ''}`}>
            <p class="fr-text--bold fr-mb-1v">
              {timeOf(entry)}
              {' · '}
              {entry.participantId ? (
                <a href={participationPath(props.link, entry.participantId)}>{who}</a>
              ) : (
                <span>Séance sans participant</span>
              )}
            </p>
            <p class="fr-text--sm fr-mb-1v">
              {entry.typeName}
              {entry.collective ? ` (collectif, ${entry.capacity} places)` : ''} · {whereOf(entry)}
              {props.showAgent ? ` · ${agentName(entry)}` : ''}
              {entry.citizenPhone ? (
                <>
                  {' · '}
                  <a href={`tel:${entry.citizenPhone}`}>{displayPhone(entry.citizenPhone)}</a>
                </>
              ) : null}
            </p>
            {status && (
              <p class="fr-mb-1w">
                <StatusBadge status={status} />
              </p>
            )}
            {props.mayBook && entry.participantId && entry.status && !cancelled && (
              <StatusButtons
                link={props.link}
                participantId={entry.participantId}
                status={entry.status}
                who={`${who}, ${timeOf(entry)}`}
                back={props.back}
                csrfToken={props.csrfToken}
              />
            )}
          </li>
        );
      })}
    </ul>
  );
}

export function DayPage(props: {
  context: AgendaContext;
  link: Linker;
  day: string;
  today: string;
  agentId: string | undefined;
  entries: AgendaEntry[];
  csrfToken: string;
  back: string;
}) {
  const { context, link, day, agentId } = props;
  const agent = context.agents.find((a) => a.agentId === agentId);
  const title = `Rendez-vous du ${formatDay(day)}`;
  return (
    <>
      <AgendaBreadcrumb link={link} items={[{ label: 'Journée' }]} />
      <h1>{title}</h1>
      <p class="fr-text--lead">
        {agent ? `Agenda de ${agent.firstName} ${agent.lastName}` : 'Tous les agents'} –{' '}
        {context.organisation.name}
      </p>
      <form method="get" action="/rendez-vous/jour" class="fr-mb-4w">
        <OrganisationField link={link} />
        <fieldset class="fr-fieldset tp-inline-fields">
          <legend class="fr-fieldset__legend fr-text--regular">Choisir le jour et l’agent</legend>
          <div class="fr-fieldset__element fr-fieldset__element--inline">
            <div class="fr-input-group">
              <label class="fr-label" for="champ-du">
                Jour
              </label>
              <input class="fr-input" type="date" id="champ-du" name="du" value={day} />
            </div>
          </div>
          <InlineSelect
            id="champ-agent"
            name="agent"
            label="Agent"
            empty="Tous les agents"
            selected={agentId}
            options={context.agents.map((a) => ({ value: a.agentId, label: `${a.firstName} ${a.lastName}` }))}
          />
          <InlineShowButton />
        </fieldset>
      </form>
      <nav aria-label="Autres jours" class="fr-mb-4w">
        <ul class="fr-btns-group fr-btns-group--inline fr-btns-group--sm">
          <li>
            <a
              class="fr-btn fr-btn--sm fr-btn--tertiary"
              href={link('/jour', { du: addDays(day, -1), agent: agentId })}
            >
              Jour précédent
            </a>
          </li>
          {day !== props.today && (
            <li>
              <a
                class="fr-btn fr-btn--sm fr-btn--tertiary"
                href={link('/jour', { du: props.today, agent: agentId })}
              >
                Aujourd’hui
              </a>
            </li>
          )}
          <li>
            <a
              class="fr-btn fr-btn--sm fr-btn--tertiary"
              href={link('/jour', { du: addDays(day, 1), agent: agentId })}
            >
              Jour suivant
            </a>
          </li>
          <li>
            <a
              class="fr-btn fr-btn--sm fr-btn--tertiary"
              href={link('/semaine', {
                du: day,
                agent: agentId ?? context.ownAgentId ?? context.agents[0]?.agentId,
              })}
            >
              Semaine
            </a>
          </li>
        </ul>
      </nav>
      <h2 class="fr-h4">
        {props.entries.length === 0 ? 'Aucun rendez-vous' : `${props.entries.length} rendez-vous`}
      </h2>
      <EntryList
        entries={props.entries}
        link={link}
        csrfToken={props.csrfToken}
        mayBook={context.mayBook}
        back={props.back}
        showAgent={!agentId}
        empty="Aucun rendez-vous ce jour-là."
      />
    </>
  );
}
