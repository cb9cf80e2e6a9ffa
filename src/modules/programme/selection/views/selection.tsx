import { PostForm, SubmitButton, Table } from '../../../../platform/web/components.tsx';
import { StatsFilters, StatsSelect } from '../../../../platform/web/stats.tsx';
import type { CallAccess } from '../access.ts';
import { conflictKindLabels } from '../conflicts.ts';
import type { SelectionView } from '../ranking.service.ts';
import { type RankingOrder, rankingOrderLabels, rankingOrders } from '../ranking.ts';
import {
  CallBreadcrumb,
  decisionPath,
  evaluationPath,
  formatNumber,
  SelectionNav,
  StatusBadge,
  selectionPath,
} from './parts.tsx';

function JurorProgress({ progress }: { progress: NonNullable<SelectionView['progress']> }) {
  return (
    <section class="fr-mb-6w">
      <h2>Mes évaluations</h2>
      <p class="fr-text--lead">
        Vous avez évalué {progress.reviewed} problème{progress.reviewed > 1 ? 's' : ''} sur {progress.total}.
      </p>
      {progress.items.length === 0 ? (
        <p>Aucun problème n’est encore soumis au jury.</p>
      ) : (
        <Table caption="Problèmes à évaluer" headers={['Problème', 'Territoire', 'État', 'Action']}>
          {progress.items.map(({ problem, conflict, reviewed }) => (
            <tr>
              <td>{problem.title}</td>
              <td>{problem.territoryName}</td>
              <td>
                {conflict
                  ? `Conflit d’intérêts (${conflictKindLabels[conflict]})`
                  : reviewed
                    ? 'Évalué'
                    : 'À évaluer'}
              </td>
              <td>
                <a href={evaluationPath(problem.id)}>
                  {conflict ? 'Voir' : reviewed ? 'Revoir' : 'Évaluer'}
                  <span class="fr-sr-only"> « {problem.title} »</span>
                </a>
              </td>
            </tr>
          ))}
        </Table>
      )}
    </section>
  );
}

function Ranking(props: { access: CallAccess; view: SelectionView; order: RankingOrder; csrfToken: string }) {
  const { view, access } = props;
  const ranking = view.ranking!;
  return (
    <section class="fr-mb-6w">
      <h2>Classement</h2>
      <p>
        {view.jurorCount} membre{view.jurorCount > 1 ? 's' : ''} du jury. Le score est la moyenne, sur 100,
        des avis des membres sans conflit d’intérêts sur le problème ; les moyennes par critère vont de 0 à 4.
      </p>
      <StatsFilters action={selectionPath(access.call.id)} legend="Ordre du classement">
        <StatsSelect
          id="tri"
          name="tri"
          label="Trier par"
          options={rankingOrders.map((o) => ({
            value: o,
            label: rankingOrderLabels[o],
            selected: o === props.order,
          }))}
        />
      </StatsFilters>
      {ranking.length === 0 ? (
        <p>Aucun problème recevable pour l’instant : la pré-sélection les rend recevables.</p>
      ) : (
        <Table
          caption={`Problèmes recevables (${ranking.length}), par ${rankingOrderLabels[props.order].toLowerCase()}`}
          headers={[
            'Rang',
            'Problème',
            'Territoire',
            'Avis',
            'Score sur 100',
            ...view.criteria.map((c) => `${c.label} (poids ${c.weight})`),
            '« Moi aussi »',
            'Décision',
          ]}
        >
          {ranking.map((row, index) => (
            <tr>
              <td>{index + 1}</td>
              <td>
                <a href={evaluationPath(row.id)}>{row.title}</a>
              </td>
              <td>{row.territoryName}</td>
              <td>
                {row.reviewCount}
                {row.excludedCount > 0 && (
                  <span class="fr-text--xs fr-display-block">{row.excludedCount} écarté(s)</span>
                )}
              </td>
              <td>{formatNumber(row.score)}</td>
              {view.criteria.map((c) => (
                <td>{formatNumber(row.criterionMeans[c.key])}</td>
              ))}
              <td>{row.meTooCount}</td>
              <td>
                <StatusBadge status={row.status} />
                {row.notifiedAt ? (
                  <span class="fr-text--xs fr-display-block">Notifiée</span>
                ) : (
                  <a href={decisionPath(row.id)} class="fr-text--sm">
                    {row.status === 'recevable' ? 'Décider' : 'Changer'}
                    <span class="fr-sr-only"> « {row.title} »</span>
                  </a>
                )}
              </td>
            </tr>
          ))}
        </Table>
      )}
      <div class="fr-callout fr-mt-4w">
        <h3 class="fr-callout__title fr-h5">Notifier les décisions</h3>
        <p class="fr-callout__text">
          {view.toNotify === 0
            ? 'Aucune décision à notifier.'
            : `${view.toNotify} décision${view.toNotify > 1 ? 's' : ''} pas encore notifiée${view.toNotify > 1 ? 's' : ''}. Chaque personne qui a proposé un problème décidé reçoit un courriel avec la décision et le message du jury ; pour un problème retenu, les agents qui ont dit « moi aussi » sont aussi prévenus. Une décision notifiée ne peut plus changer.`}
          {view.notified > 0 ? ` Déjà notifiées : ${view.notified}.` : ''}
        </p>
        {view.toNotify > 0 && (
          <PostForm action={`${selectionPath(access.call.id)}/notifier`} csrfToken={props.csrfToken}>
            <SubmitButton>Notifier les décisions</SubmitButton>
          </PostForm>
        )}
      </div>
    </section>
  );
}

export function SelectionPage(props: {
  access: CallAccess;
  view: SelectionView;
  order: RankingOrder;
  csrfToken: string;
}) {
  const { access, view } = props;
  const { call } = access;
  return (
    <>
      <CallBreadcrumb
        call={{ id: call.id, title: call.title, cohortName: call.cohortName, cohortSlug: call.cohortSlug }}
        current="Sélection"
      />
      <h1 class="fr-mb-1w">Sélection</h1>
      <p class="fr-text--lead">{call.title}</p>
      <SelectionNav callId={call.id} current="selection" staff={access.staff} />
      {view.progress && <JurorProgress progress={view.progress} />}
      {view.ranking && (
        <Ranking access={access} view={view} order={props.order} csrfToken={props.csrfToken} />
      )}
    </>
  );
}
