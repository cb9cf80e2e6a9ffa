import { MessageHistory } from '../../../messaging/messages.view.tsx';
import type { Citizen } from '../../citizens.service.ts';
import type { AgendaEntry } from '../agenda.repository.ts';
import type { AgendaContext, CitizenView } from '../agenda.service.ts';
import { formatDay, localDayOf } from '../week-grid.ts';
import { PersonSearch } from './book.tsx';
import {
  AgendaBreadcrumb,
  agentName,
  displayPhone,
  entryStatus,
  type Linker,
  participationPath,
  StatusBadge,
  timeOf,
  whereOf,
} from './parts.tsx';

export function CitizenSearchPage(props: {
  context: AgendaContext;
  link: Linker;
  query: string | undefined;
  results: Citizen[];
}) {
  const { link } = props;
  return (
    <>
      <AgendaBreadcrumb link={link} items={[{ label: 'Personnes' }]} />
      <h1>Rechercher une personne</h1>
      <p>
        Par son nom, son prénom ou son numéro de téléphone, parmi les personnes connues de{' '}
        {props.context.organisation.name}.
      </p>
      <PersonSearch
        link={link}
        action="/rendez-vous/usagers"
        query={props.query}
        results={props.results}
        choose={(c) => link(`/usagers/${c.id}`)}
        chooseLabel=""
        headingLevel="h2"
      />
    </>
  );
}

function Appointments({ entries, link, caption }: { entries: AgendaEntry[]; link: Linker; caption: string }) {
  if (entries.length === 0) return <p>Aucun.</p>;
  return (
    <ul class="tp-agenda-list" aria-label={caption}>
      {entries.map((entry) => {
        const status = entryStatus(entry);
        return (
          <li class="tp-agenda-item">
            <a href={participationPath(link, entry.participantId!)}>
              {formatDay(localDayOf(entry.startsAt))}, {timeOf(entry)}
            </a>{' '}
            {status && <StatusBadge status={status} />}
            <br />
            <span class="fr-text--sm">
              {entry.typeName} · {whereOf(entry)} · {agentName(entry)}
            </span>
          </li>
        );
      })}
    </ul>
  );
}

export function CitizenPage(props: { context: AgendaContext; link: Linker; view: CitizenView }) {
  const { context, link, view } = props;
  const c = view.citizen;
  return (
    <>
      <AgendaBreadcrumb
        link={link}
        items={[{ label: 'Personnes', href: link('/usagers') }, { label: `${c.firstName} ${c.lastName}` }]}
      />
      <h1>
        {c.firstName} {c.lastName}
      </h1>
      <dl class="tp-details fr-mb-4w">
        <dt>Téléphone</dt>
        <dd>{c.phone ? <a href={`tel:${c.phone}`}>{displayPhone(c.phone)}</a> : 'non renseigné'}</dd>
        <dt>Courriel</dt>
        <dd>{c.email ? <a href={`mailto:${c.email}`}>{c.email}</a> : 'non renseigné'}</dd>
        {c.birthDate && (
          <>
            <dt>Date de naissance</dt>
            <dd>{c.birthDate.split('-').reverse().join('/')}</dd>
          </>
        )}
        {c.address && (
          <>
            <dt>Adresse</dt>
            <dd>{c.address}</dd>
          </>
        )}
      </dl>
      {context.mayBook && (
        <p>
          <a class="fr-btn fr-icon-add-line fr-btn--icon-left" href={link('/prendre', { usager: c.id })}>
            Prendre un rendez-vous pour cette personne
          </a>
        </p>
      )}
      <section class="fr-mb-6w">
        <h2 class="fr-h4">Rendez-vous à venir</h2>
        <Appointments entries={view.upcoming} link={link} caption="Rendez-vous à venir" />
      </section>
      <section class="fr-mb-6w">
        <h2 class="fr-h4">Rendez-vous passés</h2>
        <Appointments entries={view.past} link={link} caption="Rendez-vous passés" />
      </section>
      <section class="fr-mb-6w">
        <h2 class="fr-h4">Messages envoyés</h2>
        <MessageHistory messages={view.messages} caption="Derniers messages envoyés à la personne" />
      </section>
    </>
  );
}
