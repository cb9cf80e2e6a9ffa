import { Breadcrumb, Table } from '../../../../platform/web/components.tsx';
import { StatCard } from '../../../../platform/web/stats.tsx';
import { committeeDecisionLabels } from '../../labels.ts';
import {
  countOf,
  formatDay,
  formatNumber,
  formatPeriod,
  formatShare,
  publicName,
  sentence,
} from '../format.ts';
import { portfolioPaths } from '../paths.ts';
import type { CohortPage } from '../portfolio.service.ts';
import { FunnelChart } from './funnel-chart.tsx';
import { Paragraphs, PhaseBadge } from './parts.tsx';

/** /programme/saisons/:cohortSlug: the season's facts, funnel, effort and projects. */
export function CohortPortfolioPage({ cohort, funnel, effort, projects }: CohortPage) {
  const partners = cohort.partners.map((p) => p.name);
  const coaches = cohort.coaches.map((c) => publicName(c.firstName, c.lastName));
  const hidden = cohort.projectCount - cohort.publicProjectCount;
  const { submitted, selected, go } = funnel.total;
  return (
    <>
      <Breadcrumb items={[{ label: 'Programme', href: portfolioPaths.home }, { label: cohort.name }]} />
      <h1>{cohort.name}</h1>
      {cohort.description && <Paragraphs text={cohort.description} class="fr-text--lead" />}
      <ul class="fr-mb-4w">
        <li>Dates : {formatPeriod(cohort.startsOn, cohort.endsOn)}.</li>
        <li>Porteur du programme : {cohort.incubator.name}.</li>
        <li>
          Collectivités partenaires : {partners.length > 0 ? partners.join(', ') : 'aucune pour l’instant'}.
        </li>
        <li>
          {coaches.length === 0
            ? 'Coachs : à venir.'
            : sentence(`${coaches.length >= 2 ? 'Coachs' : 'Coach'} : ${coaches.join(', ')}`)}
        </li>
      </ul>

      <div class="fr-grid-row fr-grid-row--gutters fr-mb-6w">
        <StatCard
          label="Problèmes soumis"
          value={formatNumber(submitted)}
          detail={`par les agents des collectivités partenaires ; ${countOf(selected, 'retenu', 'retenus')} par le jury.`}
        />
        <StatCard
          label="Agents mobilisés"
          value={formatNumber(effort.agents)}
          detail={`dans les équipes des projets, avec ${countOf(coaches.length, 'coach', 'coachs')}.`}
        />
        <StatCard
          label="Jours investis"
          value={formatNumber(effort.daysInvested)}
          detail={
            effort.daysPlanned > 0
              ? `sur ${countOf(effort.daysPlanned, 'jour prévu', 'jours prévus')} (${formatShare(effort.daysInvested, effort.daysPlanned)}), d’après les pointages hebdomadaires des agents.`
              : 'd’après les pointages hebdomadaires des agents ; aucun jour prévu pour l’instant.'
          }
        />
      </div>

      <section class="fr-mb-6w" aria-labelledby="entonnoir">
        <h2 id="entonnoir">De l’appel à problèmes aux startups de territoire</h2>
        <p>
          Un problème compte une fois, même s’il a été proposé par plusieurs agents (les doublons sont
          fusionnés) ; les brouillons jamais envoyés ne comptent pas. « Go » : projets qu’un comité a décidé
          de poursuivre.
        </p>
        <div class="fr-grid-row">
          <div class="fr-col-12 fr-col-md-8 fr-col-lg-6">
            <FunnelChart
              id="graphique-entonnoir"
              title="Entonnoir de la saison"
              description={`${countOf(submitted, 'problème soumis', 'problèmes soumis')}, ${countOf(selected, 'retenu', 'retenus')}, ${countOf(go, 'projet poursuivi', 'projets poursuivis')} après un comité. Les valeurs sont dans le tableau qui suit.`}
              steps={funnel.steps}
            />
          </div>
        </div>
        <Table
          id="tableau-entonnoir"
          caption="Entonnoir de la saison, en tout et par collectivité"
          headers={[
            'Étape',
            'En tout',
            'Part des problèmes soumis',
            ...funnel.byTerritory.map((t) => t.name),
          ]}
        >
          {funnel.steps.map((step) => (
            <tr>
              <th scope="row">{step.label}</th>
              <td>{formatNumber(step.count)}</td>
              <td>{formatShare(step.count, submitted)}</td>
              {funnel.byTerritory.map((t) => (
                <td>{formatNumber(t[step.key])}</td>
              ))}
            </tr>
          ))}
        </Table>
      </section>

      <section class="fr-mb-6w" aria-labelledby="projets-saison">
        <h2 id="projets-saison">Les projets de la saison</h2>
        {projects.length === 0 ? (
          <p>Aucun projet de cette saison n’est publié pour l’instant.</p>
        ) : (
          <Table
            id="tableau-projets"
            caption="Les projets de la saison et leur issue"
            headers={['Projet', 'Collectivité', 'Phase actuelle', 'Dernière décision de comité']}
          >
            {projects.map((project) => (
              <tr>
                <th scope="row">
                  <a href={portfolioPaths.project(project.slug)}>{project.title}</a>
                </th>
                <td>{project.territoryName}</td>
                <td>
                  <PhaseBadge phase={project.phase} />
                </td>
                <td>
                  {project.decision
                    ? `${committeeDecisionLabels[project.decision]}${project.decidedOn ? ` (${formatDay(project.decidedOn)})` : ''}`
                    : 'Pas encore passé en comité'}
                </td>
              </tr>
            ))}
          </Table>
        )}
        {hidden > 0 && (
          <p class="fr-text--sm">
            {hidden >= 2
              ? `${hidden} autres projets de la saison ne sont pas publiés par leur équipe.`
              : 'Un autre projet de la saison n’est pas publié par son équipe.'}
          </p>
        )}
      </section>
    </>
  );
}
