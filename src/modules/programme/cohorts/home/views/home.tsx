import { Table } from '../../../../../platform/web/components.tsx';
import {
  CallStateBadge,
  formatDay,
  formatInstant,
  ProblemStatusBadge,
  ProgrammeBreadcrumb,
} from '../../parts.tsx';
import { paths } from '../../paths.ts';
import type { HomePage as Page } from '../home.service.ts';

/** The agent's home in the programme, one section per way they take part; each says plainly when it is empty. */
export function HomePage({ page }: { page: Page }) {
  return (
    <>
      <ProgrammeBreadcrumb items={[]} />
      <h1>Programme d’incubation</h1>
      <p class="fr-text--lead">
        Les problèmes que vous rencontrez sur le terrain peuvent devenir des services publics numériques.
        Proposez-les, soutenez ceux de vos collègues, suivez vos projets.
      </p>
      <p>
        <a class="fr-link fr-icon-arrow-right-line fr-link--icon-right" href="/programme">
          Les projets du programme et leur impact (page publique)
        </a>
      </p>
      {page.mayCreateSeason && (
        <p>
          <a class="fr-btn fr-icon-add-line fr-btn--icon-left" href={paths.newSeason}>
            Nouvelle saison
          </a>
        </p>
      )}

      <h2>Appels à problèmes ouverts</h2>
      {page.openCalls.length === 0 ? (
        <p>Aucun appel à problèmes n’est ouvert pour vous en ce moment.</p>
      ) : (
        <div class="fr-grid-row fr-grid-row--gutters fr-mb-4w">
          {page.openCalls.map((call) => (
            <div class="fr-col-12 fr-col-md-6">
              <div class="fr-card fr-card--no-arrow">
                <div class="fr-card__body">
                  <div class="fr-card__content">
                    <h3 class="fr-card__title">
                      <a href={paths.call(call.id)}>{call.title}</a>
                    </h3>
                    <p class="fr-card__desc">
                      {call.cohortName}. Ouvert jusqu’au {formatInstant(call.closesAt)}.
                    </p>
                  </div>
                  <div class="fr-card__footer">
                    <a class="fr-btn" href={paths.newProblem(call.id)}>
                      Proposer un problème
                    </a>
                  </div>
                </div>
              </div>
            </div>
          ))}
        </div>
      )}

      <h2>Mes problèmes</h2>
      {page.problems.length === 0 ? (
        <p>Vous n’avez proposé aucun problème pour l’instant.</p>
      ) : (
        <Table caption="Mes problèmes" captionHidden headers={['Problème', 'Appel', 'Statut']}>
          {page.problems.map((p) => (
            <tr>
              <td>
                <a href={paths.problem(p.id)}>{p.title || 'Brouillon sans titre'}</a>
              </td>
              <td>{p.callTitle}</td>
              <td>
                <ProblemStatusBadge status={p.status} />
              </td>
            </tr>
          ))}
        </Table>
      )}

      <h2>Saisons</h2>
      {page.seasons.length === 0 ? (
        <p>Votre collectivité ne participe à aucune saison du programme pour l’instant.</p>
      ) : (
        <ul>
          {page.seasons.map((s) => (
            <li>
              <a href={paths.season(s.slug)}>{s.name}</a>, du {formatDay(s.startsOn)} au {formatDay(s.endsOn)}
            </li>
          ))}
        </ul>
      )}

      <h2>Mes jurys</h2>
      {page.juries.length === 0 ? (
        <p>Vous ne faites partie d’aucun jury.</p>
      ) : (
        <ul>
          {page.juries.map((call) => (
            <li>
              <a href={paths.selection(call.id)}>Sélection : {call.title}</a> ({call.cohortName}){' '}
              <CallStateBadge state={call.state} />
            </li>
          ))}
        </ul>
      )}

      <h2>Mes projets</h2>
      {page.projects.length === 0 ? (
        <p>Vous ne faites partie d’aucune équipe projet.</p>
      ) : (
        <ul>
          {page.projects.map((p) => (
            <li>
              <a href={paths.project(p.slug)}>{p.title}</a> ({p.cohortName})
            </li>
          ))}
        </ul>
      )}

      <h2>Mes comités</h2>
      {page.committees.length === 0 ? (
        <p>Vous ne siégez dans aucun comité.</p>
      ) : (
        <ul>
          {page.committees.map((c) => (
            <li>
              <a href={paths.committee(c.id)}>{c.title}</a>, le {formatInstant(c.meetsAt)} ({c.cohortName})
            </li>
          ))}
        </ul>
      )}

      {(page.checkins.member || page.checkins.manager) && (
        <>
          <h2>Mon pointage hebdomadaire</h2>
          <p>
            {page.checkins.member
              ? 'Chaque semaine, dites si vous avez eu votre journée consacrée au projet.'
              : 'Validez les pointages des agents que vous encadrez.'}
          </p>
          <p>
            <a class="fr-btn fr-btn--secondary" href={paths.checkins}>
              Mon pointage hebdomadaire
            </a>
          </p>
        </>
      )}
    </>
  );
}
