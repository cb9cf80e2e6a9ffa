import {
  ErrorSummary,
  type FormState,
  Input,
  PostForm,
  Select,
  Table,
} from '../../../../platform/web/components.tsx';
import { type BeneficiaryStatus, beneficiaryStatuses, statusLabels } from '../../status.ts';
import type { ListRow, ListView } from '../list.service.ts';
import { type ListQuery, listLabels, listSearch, SORTS, sortLabels } from '../schemas.ts';
import { formatDay } from '../timeline.ts';
import {
  beneficiaryPath,
  LIST_PATH,
  personName,
  RsaBreadcrumb,
  roleLabels,
  StatusBadge,
  waitingText,
} from './parts.tsx';

export const channelChoices = [
  { value: 'auto', label: 'Le plus sûr : SMS, sinon courriel, sinon courrier' },
  { value: 'sms', label: 'SMS' },
  { value: 'email', label: 'Courriel' },
  { value: 'letter', label: 'Courrier postal' },
];

/** The query string of the list with these changes (page reset unless given). */
function linkTo(query: ListQuery, changes: Partial<ListQuery>): string {
  const next = { ...query, page: undefined, ...changes };
  return `${LIST_PATH}${listSearch(next)}`;
}

export function ListPage(props: {
  form: FormState;
  /** The filter in force, when the form is valid; null when it must be corrected first. */
  query: ListQuery | null;
  view: ListView | null;
  today: string;
  csrfToken: string;
  here: string;
}) {
  const { form, query, view } = props;
  return (
    <>
      <RsaBreadcrumb items={[]} />
      <h1>Bénéficiaires du RSA</h1>
      <p class="fr-text--lead">
        Les personnes entrées dans le RSA, de l’ouverture de leurs droits à leur orientation. Par défaut,
        celles qui attendent depuis le plus longtemps sont en haut de la liste.
      </p>
      <ul class="fr-btns-group fr-btns-group--inline-md fr-btns-group--sm fr-btns-group--icon-left">
        {view?.mayManage && (
          <li>
            <a class="fr-btn fr-btn--secondary fr-icon-upload-line" href="/rsa/import">
              Importer une liste
            </a>
          </li>
        )}
        <li>
          <a class="fr-btn fr-btn--tertiary fr-icon-line-chart-line" href="/rsa/statistiques">
            Statistiques
          </a>
        </li>
        {view?.mayConfigure && (
          <li>
            <a class="fr-btn fr-btn--tertiary fr-icon-settings-5-line" href="/rsa/parametres">
              Paramètres
            </a>
          </li>
        )}
      </ul>
      {query && view && <StatusSummary query={query} view={view} />}
      <ErrorSummary form={form} labels={listLabels} />
      <FilterForm form={form} view={view} query={query} />
      {query && view && <Results {...props} query={query} view={view} />}
    </>
  );
}

function StatusSummary({ query, view }: { query: ListQuery; view: ListView }) {
  const shown = beneficiaryStatuses.filter((s) => (view.counts[s] ?? 0) > 0 || s === query.statut);
  const tag = (label: string, count: number, status: BeneficiaryStatus | undefined) => {
    const current = query.statut === status;
    return (
      <li>
        <a
          class={`fr-tag${current ? ' fr-tag--icon-left fr-icon-check-line' : ''}`}
          href={linkTo(query, { statut: status })}
          aria-current={current ? 'true' : undefined}
        >
          {label} · {count.toLocaleString('fr-FR')}
        </a>
      </li>
    );
  };
  return (
    <nav aria-label="Statuts" class="fr-mb-3w">
      <ul class="fr-tags-group">
        {tag('Tous', view.totalAllStatuses, undefined)}
        {shown.map((s) => tag(statusLabels[s], view.counts[s] ?? 0, s))}
      </ul>
    </nav>
  );
}

/** The list as a file, with the same filters (every page). */
const EXPORTS = [
  { extension: 'csv', label: 'CSV' },
  { extension: 'xlsx', label: 'Excel' },
];

function FilterForm({
  form,
  view,
  query,
}: {
  form: FormState;
  view: ListView | null;
  query: ListQuery | null;
}) {
  return (
    <form method="get" action={LIST_PATH} class="fr-mb-4w">
      <fieldset class="fr-fieldset">
        <legend class="fr-fieldset__legend fr-h6">Filtrer la liste</legend>
        <div class="fr-fieldset__element fr-col-12 fr-col-md-4">
          <Select
            form={form}
            name="statut"
            label={listLabels.statut!}
            hint="Où en est la personne."
            placeholder="Tous les statuts"
            options={beneficiaryStatuses.map((s) => ({ value: s, label: statusLabels[s] }))}
          />
        </div>
        <div class="fr-fieldset__element fr-col-12 fr-col-md-4">
          <Input form={form} name="commune" label={listLabels.commune!} hint="Son nom ou son code INSEE." />
        </div>
        <div class="fr-fieldset__element fr-col-12 fr-col-md-4">
          <Input
            form={form}
            name="mois"
            label={listLabels.mois!}
            hint="AAAA-MM, par exemple 2025-03."
            inputMode="numeric"
          />
        </div>
        <div class="fr-fieldset__element fr-col-12 fr-col-md-4">
          <Select
            form={form}
            name="referent"
            label={listLabels.referent!}
            hint="L’agent qui suit la personne."
            placeholder="Tous"
            options={[
              { value: 'aucun', label: 'Sans référent' },
              ...(view?.referentChoices ?? []).map((a) => ({
                value: a.agentId,
                label: `${a.lastName} ${a.firstName}`,
              })),
            ]}
          />
        </div>
        <div class="fr-fieldset__element fr-col-12 fr-col-md-4">
          <Input
            form={form}
            name="q"
            label={listLabels.q!}
            hint="Tout ou partie du nom, ou le numéro complet."
          />
        </div>
        <div class="fr-fieldset__element fr-col-12 fr-col-md-4">
          <Select
            form={form}
            name="tri"
            label={listLabels.tri!}
            hint="L’ordre de la liste."
            options={SORTS.map((s) => ({ value: s, label: sortLabels[s] }))}
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
          <a class="fr-btn fr-btn--tertiary" href={LIST_PATH}>
            Effacer les filtres
          </a>
        </li>
        {query &&
          EXPORTS.map((e) => (
            <li>
              <a
                class="fr-btn fr-btn--secondary"
                href={`/rsa/export.${e.extension}${listSearch({ ...query, page: undefined })}`}
              >
                Exporter ({e.label})
              </a>
            </li>
          ))}
      </ul>
    </form>
  );
}

/** A row's checkbox; its label is read by screen readers (DSFR hides it in a table's fixed cell). */
function Checkbox({ row, prefix, hiddenLabel }: { row: ListRow; prefix: string; hiddenLabel?: boolean }) {
  if (!row.mayManage) return null;
  const id = `${prefix}-${row.id}`;
  const label = `Sélectionner ${personName(row)}`;
  return (
    <div class="fr-checkbox-group fr-checkbox-group--sm">
      <input type="checkbox" id={id} name="ids" value={row.id} />
      <label class="fr-label" for={id}>
        {hiddenLabel ? <span class="fr-sr-only">{label}</span> : label}
      </label>
    </div>
  );
}

function Results(props: {
  query: ListQuery;
  view: ListView;
  today: string;
  csrfToken: string;
  here: string;
}) {
  const { query, view, today } = props;
  if (view.rows.length === 0) {
    return <p>Aucune personne ne correspond à ces filtres.</p>;
  }
  const first = (view.page - 1) * 50 + 1;
  const last = first + view.rows.length - 1;
  const caption = `${view.total.toLocaleString('fr-FR')} ${view.total > 1 ? 'personnes' : 'personne'}${
    query.statut ? ` au statut « ${statusLabels[query.statut]} »` : ''
  }${view.pageCount > 1 ? ` (de ${first} à ${last})` : ''}`;
  const nonInvited = view.counts.non_invite ?? 0;
  const selectable = view.rows.some((row) => row.mayManage);
  return (
    <PostForm action="/rsa/invitations" csrfToken={props.csrfToken}>
      <input type="hidden" name="retour" value={props.here} />
      <div class="fr-hidden fr-unhidden-md">
        <Table
          caption={caption}
          headers={[
            ...(selectable ? ['Sélection'] : []),
            'Personne',
            'Commune',
            'Droits ouverts le',
            'Attente',
            'Statut',
            'Référent',
          ]}
        >
          {view.rows.map((row) => (
            <tr>
              {selectable && (
                <td class="fr-cell--fixed">
                  <Checkbox row={row} prefix="choisir" />
                </td>
              )}
              <td>
                <a href={beneficiaryPath(row.id)}>{personName(row)}</a>
                <br />
                <span class="fr-text--xs">
                  {row.allocataireNumber ? `n° ${row.allocataireNumber} · ` : ''}
                  {roleLabels[row.role]}
                </span>
              </td>
              <td>{row.communeName ?? '—'}</td>
              <td>{formatDay(row.rightsOpenedOn)}</td>
              <td>{waitingText(row, today) ?? '—'}</td>
              <td>
                <StatusBadge status={row.status} small />
              </td>
              <td>
                {row.referentLastName ? `${row.referentFirstName} ${row.referentLastName}` : 'Sans référent'}
              </td>
            </tr>
          ))}
        </Table>
      </div>
      <div class="fr-hidden-md">
        <h2 class="fr-h6">{caption}</h2>
        <ul class="tp-agenda-list">
          {view.rows.map((row) => (
            <li class="tp-agenda-item">
              <div class="fr-grid-row fr-grid-row--gutters">
                {row.mayManage && (
                  <div class="fr-col-2">
                    <Checkbox row={row} prefix="choisir-m" hiddenLabel />
                  </div>
                )}
                <div class={row.mayManage ? 'fr-col-10' : 'fr-col-12'}>
                  <a href={beneficiaryPath(row.id)}>{personName(row)}</a>{' '}
                  <StatusBadge status={row.status} small />
                  <p class="fr-text--sm fr-mb-0">
                    {row.communeName ?? 'Commune inconnue'}
                    {row.rightsOpenedOn && (
                      <>
                        {' '}
                        · droits ouverts le {formatDay(row.rightsOpenedOn)} ({waitingText(row, today)})
                      </>
                    )}
                  </p>
                </div>
              </div>
            </li>
          ))}
        </ul>
      </div>
      <Pagination query={query} page={view.page} pageCount={view.pageCount} />
      {view.mayManage && (selectable || nonInvited > 0) && (
        <fieldset class="fr-fieldset fr-mt-4w">
          <legend class="fr-fieldset__legend fr-h6">Inviter les personnes sélectionnées</legend>
          {selectable && (
            <div class="fr-fieldset__element fr-col-12 fr-col-md-8">
              <Select
                form={{ values: { channel: 'auto' }, errors: {} }}
                name="channel"
                label="Par"
                options={channelChoices}
              />
            </div>
          )}
          <div class="fr-fieldset__element">
            <ul class="fr-btns-group fr-btns-group--inline-md fr-btns-group--icon-left">
              {selectable && (
                <li>
                  <button type="submit" class="fr-btn fr-icon-send-plane-line">
                    Inviter la sélection
                  </button>
                </li>
              )}
              {nonInvited > 0 && (
                <li>
                  <a
                    class="fr-btn fr-btn--secondary"
                    href={`/rsa/inviter-la-liste${listSearch({ ...query, page: undefined, statut: undefined })}`}
                  >
                    Inviter tous les non invités du filtre ({nonInvited.toLocaleString('fr-FR')})
                  </a>
                </li>
              )}
            </ul>
          </div>
        </fieldset>
      )}
    </PostForm>
  );
}

/** DSFR pagination: first, previous, a few pages around the current one, next, last. */
function Pagination({ query, page, pageCount }: { query: ListQuery; page: number; pageCount: number }) {
  if (pageCount <= 1) return null;
  const pages = [...new Set([1, page - 2, page - 1, page, page + 1, page + 2, pageCount])]
    .filter((p) => p >= 1 && p <= pageCount)
    .sort((a, b) => a - b);
  const link = (target: number, label: string, className: string, title?: string) =>
    target < 1 || target > pageCount || target === page ? (
      // biome-ignore lint/a11y/useValidAnchor: DSFR marks an unavailable page link as a disabled link without href
      <a class={`fr-pagination__link ${className}`} aria-disabled="true" role="link">
        {label}
      </a>
    ) : (
      <a class={`fr-pagination__link ${className}`} href={linkTo(query, { page: target })} title={title}>
        {label}
      </a>
    );
  return (
    <nav class="fr-pagination fr-mt-2w" aria-label="Pagination">
      <ul class="fr-pagination__list">
        <li>{link(1, 'Première page', 'fr-pagination__link--first')}</li>
        <li>
          {link(page - 1, 'Page précédente', 'fr-pagination__link--prev fr-pagination__link--lg-label')}
        </li>
        {pages.map((p, index) => (
          <>
            {index > 0 && p - pages[index - 1]! > 1 && (
              <li>
                <span class="fr-pagination__link fr-displayed-lg">…</span>
              </li>
            )}
            <li>
              {p === page ? (
                // biome-ignore lint/a11y/useValidAnchor: DSFR marks the current page as a link without href
                <a class="fr-pagination__link" aria-current="page" title={`Page ${p}`}>
                  {p}
                </a>
              ) : (
                <a class="fr-pagination__link" href={linkTo(query, { page: p })} title={`Page ${p}`}>
                  {p}
                </a>
              )}
            </li>
          </>
        ))}
        <li>{link(page + 1, 'Page suivante', 'fr-pagination__link--next fr-pagination__link--lg-label')}</li>
        <li>{link(pageCount, 'Dernière page', 'fr-pagination__link--last')}</li>
      </ul>
    </nav>
  );
}
