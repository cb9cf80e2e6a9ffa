import {
  Breadcrumb,
  ErrorSummary,
  type FormState,
  formatDateTime,
  Input,
  Select,
  Table,
} from '../../web/components.tsx';
import type { AuditAction } from '../audit.ts';
import type { AuditEventRow } from '../journal.repository.ts';
import {
  actionLabels,
  auditActions,
  type JournalFilter,
  journalFilterLabels,
  journalQuery,
} from '../journal-filter.ts';

export const JOURNAL_PATH = '/admin/journal';

const actorTypeLabels: Record<string, string> = {
  agent: 'Agent',
  api_token: 'Jeton d’API',
  system: 'Système',
  anonymous: 'Anonyme',
};

function Actor({ event }: { event: AuditEventRow }) {
  const type = actorTypeLabels[event.actorType] ?? event.actorType;
  const label = event.actorLabel ?? event.agentEmail;
  if (!label || label.toLowerCase() === type.toLowerCase()) return <>{type}</>;
  return (
    <>
      {label}
      <br />
      <span class="fr-text--xs">{type}</span>
    </>
  );
}

/** One "key : value" line per detail; nested values as compact JSON. */
function Details({ details }: { details: Record<string, unknown> | null }) {
  const entries = Object.entries(details ?? {});
  if (entries.length === 0) return <>—</>;
  return (
    <>
      {entries.map(([key, value], index) => (
        <>
          {index > 0 && <br />}
          {key} : {typeof value === 'string' ? value : JSON.stringify(value)}
        </>
      ))}
    </>
  );
}

export function JournalPage(props: {
  form: FormState;
  /** The filter in force, when the form is valid; null when it must be corrected first. */
  filter: JournalFilter | null;
  events: AuditEventRow[];
  nextBeforeId: number | null;
  isFirstPage: boolean;
}) {
  const { form, filter } = props;
  return (
    <>
      <Breadcrumb
        items={[{ label: 'Tableau de bord', href: '/tableau-de-bord' }, { label: 'Journal d’audit' }]}
      />
      <h1>Journal d’audit</h1>
      <p class="fr-text--lead">
        Qui a consulté, modifié ou tenté d’atteindre quelle donnée, du plus récent au plus ancien. Le journal
        ne peut être ni modifié ni effacé ; sa consultation y est elle-même inscrite.
      </p>
      <ErrorSummary form={form} labels={journalFilterLabels} />
      <form method="get" action={JOURNAL_PATH} class="fr-mb-4w">
        <fieldset class="fr-fieldset">
          <legend class="fr-fieldset__legend">Filtrer les évènements</legend>
          <div class="fr-fieldset__element fr-col-12 fr-col-md-6">
            <Input
              form={form}
              name="acteur"
              label={journalFilterLabels.acteur}
              hint="Tout ou partie de l’adresse électronique de l’agent, ou « jeton 1a2b3c4d »."
              spellcheck={false}
            />
          </div>
          <div class="fr-fieldset__element fr-col-12 fr-col-md-6">
            <Select
              form={form}
              name="action"
              label={journalFilterLabels.action}
              placeholder="Toutes les actions"
              options={auditActions.map((a) => ({ value: a, label: actionLabels[a] }))}
            />
          </div>
          <div class="fr-fieldset__element fr-col-12 fr-col-md-6">
            <Input
              form={form}
              name="ressource"
              label={journalFilterLabels.ressource}
              hint="Par exemple agent, api_token, session, audit_events."
              spellcheck={false}
            />
          </div>
          <div class="fr-fieldset__element fr-col-12 fr-col-md-6">
            <Input
              form={form}
              name="identifiant"
              label={journalFilterLabels.identifiant}
              spellcheck={false}
            />
          </div>
          <div class="fr-fieldset__element fr-col-12 fr-col-md-6">
            <Input
              form={form}
              name="du"
              type="date"
              label={journalFilterLabels.du}
              hint="Format attendu : jj/mm/aaaa. Jour inclus, heure de Paris."
            />
          </div>
          <div class="fr-fieldset__element fr-col-12 fr-col-md-6">
            <Input
              form={form}
              name="au"
              type="date"
              label={journalFilterLabels.au}
              hint="Format attendu : jj/mm/aaaa. Jour inclus, heure de Paris."
            />
          </div>
        </fieldset>
        <ul class="fr-btns-group fr-btns-group--inline-md">
          <li>
            <button type="submit" class="fr-btn">
              Filtrer
            </button>
          </li>
          <li>
            <a class="fr-btn fr-btn--tertiary" href={JOURNAL_PATH}>
              Effacer les filtres
            </a>
          </li>
          {filter && (
            <li>
              <a class="fr-btn fr-btn--secondary" href={`${JOURNAL_PATH}/export.csv${journalQuery(filter)}`}>
                Exporter ces évènements (CSV)
              </a>
            </li>
          )}
        </ul>
      </form>
      {filter && <Events {...props} filter={filter} />}
    </>
  );
}

function Events(props: {
  filter: JournalFilter;
  events: AuditEventRow[];
  nextBeforeId: number | null;
  isFirstPage: boolean;
}) {
  const { filter, events } = props;
  if (events.length === 0) {
    return <p>Aucun évènement ne correspond à ces filtres.</p>;
  }
  return (
    <>
      <Table
        caption={`${props.isFirstPage ? 'Évènements les plus récents' : 'Évènements plus anciens'} (${events.length})`}
        bordered
        headers={[
          'Date et heure (Paris)',
          'Acteur',
          'Action',
          'Ressource',
          'Organisation',
          'Adresse IP',
          'Détails',
        ]}
      >
        {events.map((event) => (
          <tr id={`evenement-${event.id}`}>
            <td>{formatDateTime(event.occurredAt)}</td>
            <td>
              <Actor event={event} />
            </td>
            <td>{actionLabels[event.action as AuditAction] ?? event.action}</td>
            <td>
              {event.resourceType}
              {event.resourceId && (
                <>
                  <br />
                  <a
                    class="fr-link fr-text--xs"
                    href={`${JOURNAL_PATH}${journalQuery({ resourceType: event.resourceType, resourceId: event.resourceId })}`}
                    title={`Historique de ${event.resourceType} ${event.resourceId}`}
                  >
                    {event.resourceId}
                  </a>
                </>
              )}
            </td>
            <td>{event.organisationName ?? (event.organisationId ? event.organisationId : '—')}</td>
            <td>{event.ip ?? '—'}</td>
            <td class="fr-text--xs">
              <Details details={event.details} />
            </td>
          </tr>
        ))}
      </Table>
      {(props.nextBeforeId !== null || !props.isFirstPage) && (
        <nav class="fr-pagination" aria-label="Pagination du journal">
          <ul class="fr-pagination__list">
            {!props.isFirstPage && (
              <li>
                <a
                  class="fr-pagination__link fr-pagination__link--first"
                  href={`${JOURNAL_PATH}${journalQuery(filter)}`}
                >
                  Plus récents
                </a>
              </li>
            )}
            {props.nextBeforeId !== null && (
              <li>
                <a
                  class="fr-pagination__link fr-pagination__link--next fr-pagination__link--lg-label"
                  href={`${JOURNAL_PATH}${journalQuery(filter, { avant: props.nextBeforeId })}`}
                >
                  Évènements plus anciens
                </a>
              </li>
            )}
          </ul>
        </nav>
      )}
    </>
  );
}
