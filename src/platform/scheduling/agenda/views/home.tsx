import type { AgendaEntry } from '../agenda.repository.ts';
import type { AgendaContext } from '../agenda.service.ts';
import { formatDay } from '../week-grid.ts';
import { EntryList } from './day.tsx';
import type { Linker } from './parts.tsx';

/**
 * /rendez-vous: the agent's day at a glance and the way to everything else of the agenda. Today's
 * list is the agent's own; someone who takes no appointments here (an admin, a read-only member)
 * sees everyone's.
 */
export function AgendaHomePage(props: {
  context: AgendaContext;
  link: Linker;
  today: string;
  ownOnly: boolean;
  entries: AgendaEntry[];
  csrfToken: string;
  back: string;
}) {
  const { context, link, today } = props;
  const others = context.memberships.filter((m) => m.organisationId !== context.organisation.id);
  const weekParam = context.ownAgentId
    ? { agent: context.ownAgentId }
    : context.agents[0]
      ? { agent: context.agents[0].agentId }
      : { lieu: context.places[0]?.id };
  return (
    <>
      <h1>Rendez-vous</h1>
      <p class="fr-text--lead">{context.organisation.name}</p>
      {others.length > 0 && (
        <p class="fr-text--sm">
          Autres agendas :{' '}
          {others.map((m, i) => (
            <>
              {i > 0 && ', '}
              <a href={`/rendez-vous?organisation=${encodeURIComponent(m.organisationSlug)}`}>
                {m.organisationName}
              </a>
            </>
          ))}
        </p>
      )}
      <ul class="fr-btns-group fr-btns-group--inline-md fr-btns-group--icon-left fr-mb-4w">
        {context.mayBook && (
          <li>
            <a class="fr-btn fr-icon-add-line fr-btn--icon-left" href={link('/prendre')}>
              Prendre un rendez-vous
            </a>
          </li>
        )}
        <li>
          <a class="fr-btn fr-btn--secondary fr-icon-search-line fr-btn--icon-left" href={link('/usagers')}>
            Rechercher une personne
          </a>
        </li>
        <li>
          <a
            class="fr-btn fr-btn--secondary fr-icon-calendar-line fr-btn--icon-left"
            href={link('/semaine', weekParam)}
          >
            Semaine
          </a>
        </li>
      </ul>
      <section class="fr-mb-6w">
        <h2>
          Aujourd’hui, {formatDay(today)}
          {props.ownOnly ? '' : ' – tous les agents'}
        </h2>
        <EntryList
          entries={props.entries}
          link={link}
          csrfToken={props.csrfToken}
          mayBook={context.mayBook}
          back={props.back}
          showAgent={!props.ownOnly}
          empty="Aucun rendez-vous aujourd’hui."
        />
        <p>
          <a
            class="fr-link fr-icon-arrow-right-line fr-link--icon-right"
            href={link('/jour', {
              du: today,
              agent: props.ownOnly ? (context.ownAgentId ?? undefined) : undefined,
            })}
          >
            Journée détaillée et autres jours
          </a>
        </p>
      </section>
      <section class="fr-mb-6w">
        <h2 class="fr-h4">Semaines</h2>
        <div class="fr-grid-row fr-grid-row--gutters">
          <div class="fr-col-12 fr-col-md-6">
            <h3 class="fr-h6">Par agent</h3>
            {context.agents.length === 0 ? (
              <p>Aucun agent dans l’organisation.</p>
            ) : (
              <ul>
                {context.agents.map((a) => (
                  <li>
                    <a href={link('/semaine', { agent: a.agentId })}>
                      {a.firstName} {a.lastName}
                    </a>
                  </li>
                ))}
              </ul>
            )}
          </div>
          <div class="fr-col-12 fr-col-md-6">
            <h3 class="fr-h6">Par lieu</h3>
            {context.places.length === 0 ? (
              <p>Aucun lieu pour le moment.</p>
            ) : (
              <ul>
                {context.places.map((p) => (
                  <li>
                    <a href={link('/semaine', { lieu: p.id })}>{p.name}</a>
                  </li>
                ))}
              </ul>
            )}
          </div>
        </div>
      </section>
      <section>
        <h2 class="fr-h4">Organisation</h2>
        <ul>
          <li>
            <a href={link('/parametres')}>Paramètres : lieux, motifs, plages d’ouverture et absences</a>
          </li>
          <li>
            <a href={link('/statistiques')}>Statistiques</a>
          </li>
          <li>
            <a href={link('/agenda-prive')}>Mon agenda privé (abonnement depuis un logiciel d’agenda)</a>
          </li>
          <li>
            <a href={link('/webhooks')}>Webhooks</a>
          </li>
        </ul>
      </section>
    </>
  );
}
