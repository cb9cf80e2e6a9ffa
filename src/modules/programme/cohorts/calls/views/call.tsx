import { Select, Table } from '../../../../../platform/web/components.tsx';
import { problemStatusLabels } from '../../../labels.ts';
import {
  CallStateBadge,
  formatInstant,
  Paragraphs,
  ProblemStatusBadge,
  ProgrammeBreadcrumb,
} from '../../parts.tsx';
import { paths } from '../../paths.ts';
import type { CallPage as Page } from '../calls.service.ts';

/** A call: what it asks, when, the problems submitted so far; the staff's counts and filters. */
export function CallPage({ page }: { page: Page }) {
  const { call, cohort, roles, state } = page;
  return (
    <>
      <ProgrammeBreadcrumb
        items={[{ label: cohort.name, href: paths.season(cohort.slug) }, { label: call.title }]}
      />
      <h1>{call.title}</h1>
      <CallStateBadge state={state} />
      <p class="fr-mt-2w">
        {state === 'a_venir' &&
          `Ouvre le ${formatInstant(call.opensAt)}, clôture le ${formatInstant(call.closesAt)}.`}
        {state === 'ouvert' &&
          `Ouvert depuis le ${formatInstant(call.opensAt)}, jusqu’au ${formatInstant(call.closesAt)}.`}
        {state === 'clos' && `Clos depuis le ${formatInstant(call.closesAt)}.`}
      </p>
      <Paragraphs text={call.intro} />
      <ul class="fr-btns-group fr-btns-group--inline-md fr-mb-4w">
        {page.mayPropose && (
          <li>
            <a class="fr-btn" href={paths.newProblem(call.id)}>
              Proposer un problème
            </a>
          </li>
        )}
        {roles.configure && (
          <li>
            <a class="fr-btn fr-btn--secondary" href={paths.editCall(call.id)}>
              Modifier l’appel
            </a>
          </li>
        )}
        {(roles.staff || page.juror) && (
          <li>
            <a class="fr-btn fr-btn--secondary" href={paths.selection(call.id)}>
              Sélection
            </a>
          </li>
        )}
        {roles.staff && (
          <li>
            <a class="fr-btn fr-btn--tertiary" href={paths.jury(call.id)}>
              Jury et grille
            </a>
          </li>
        )}
      </ul>

      {page.mine.length > 0 && (
        <>
          <h2>Mes problèmes dans cet appel</h2>
          <ul>
            {page.mine.map((p) => (
              <li>
                <a href={paths.problem(p.id)}>{p.title || 'Brouillon sans titre'}</a> —{' '}
                {problemStatusLabels[p.status]}
              </li>
            ))}
          </ul>
        </>
      )}

      {roles.staff && <StaffOverview page={page} />}

      <h2>Problèmes soumis</h2>
      {page.problems.length === 0 ? (
        <p>
          {Object.values(page.filters).some(Boolean)
            ? 'Aucun problème ne correspond à ces filtres.'
            : 'Aucun problème soumis pour l’instant.'}
        </p>
      ) : (
        <Table
          caption={`Problèmes soumis (${page.problems.length})`}
          headers={['Problème', 'Qui en souffre', 'Service', 'Collectivité', '« Moi aussi »', 'Statut']}
        >
          {page.problems.map((p) => (
            <tr>
              <td>
                <a href={paths.problem(p.id)}>{p.title}</a>
              </td>
              <td>{p.whoSuffers}</td>
              <td>{p.service || p.organisationName}</td>
              <td>{p.territoryName}</td>
              <td>{p.meToos}</td>
              <td>
                <ProblemStatusBadge status={p.status} />
              </td>
            </tr>
          ))}
        </Table>
      )}
    </>
  );
}

function StaffOverview({ page }: { page: Page }) {
  const total = page.byStatus.reduce((sum, row) => sum + row.n, 0);
  const form = {
    values: { statut: page.filters.statut ?? '', territoire: page.filters.territoire ?? '' },
    errors: {},
  };
  return (
    <section class="fr-mb-4w">
      <h2>Suivi de l’appel</h2>
      <div class="fr-grid-row fr-grid-row--gutters">
        <div class="fr-col-12 fr-col-md-6">
          <Table caption={`Par statut (${total} au total)`} headers={['Statut', 'Problèmes']}>
            {page.byStatus.map((row) => (
              <tr>
                <td>{problemStatusLabels[row.status]}</td>
                <td>{row.n}</td>
              </tr>
            ))}
          </Table>
        </div>
        <div class="fr-col-12 fr-col-md-6">
          <Table caption="Par collectivité (hors doublons fusionnés)" headers={['Collectivité', 'Problèmes']}>
            {page.byTerritory.map((row) => (
              <tr>
                <td>{row.name}</td>
                <td>{row.n}</td>
              </tr>
            ))}
          </Table>
        </div>
      </div>
      <form method="get" action={paths.call(page.call.id)}>
        <div class="fr-grid-row fr-grid-row--gutters fr-grid-row--bottom">
          <div class="fr-col-12 fr-col-md-4">
            <Select
              form={form}
              name="statut"
              label="Statut"
              placeholder="Tous (sauf fusionnés)"
              options={Object.entries(problemStatusLabels)
                .filter(([value]) => value !== 'brouillon')
                .map(([value, label]) => ({ value, label }))}
            />
          </div>
          <div class="fr-col-12 fr-col-md-4">
            <Select
              form={form}
              name="territoire"
              label="Collectivité"
              placeholder="Toutes"
              options={page.byTerritory.map((t) => ({ value: t.territoryId, label: t.name }))}
            />
          </div>
          <div class="fr-col-12 fr-col-md-4">
            <button type="submit" class="fr-btn fr-btn--secondary fr-mb-3w">
              Filtrer
            </button>
          </div>
        </div>
      </form>
    </section>
  );
}
