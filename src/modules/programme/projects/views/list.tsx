import { Table } from '../../../../platform/web/components.tsx';
import type { CohortProjects } from '../list.service.ts';
import { projectPath } from '../paths.ts';
import { days, PhaseBadge, ProjectBreadcrumb } from './parts.tsx';

/** GET /programme/espace/saisons/:cohortSlug/projets */
export function CohortProjectsPage({ cohort, staff, projects }: CohortProjects) {
  return (
    <>
      <ProjectBreadcrumb cohort={cohort} current="Projets" />
      <h1>Projets de la saison</h1>
      <p class="fr-text--lead">{cohort.name}</p>
      {!staff && (
        <p>Vous voyez les projets auxquels vous participez, ou dont vous encadrez un membre de l’équipe.</p>
      )}
      {projects.length === 0 ? (
        <p>Aucun projet pour le moment : les problèmes retenus par le jury deviennent des projets.</p>
      ) : (
        <Table
          caption="Projets de la saison"
          captionHidden
          headers={['Projet', 'Phase', 'Équipe', 'Coach', 'Jours prévus', 'Jours réalisés']}
        >
          {projects.map((p) => (
            <tr>
              <td>
                <a href={projectPath(p.slug)}>{p.title}</a>
              </td>
              <td>
                <PhaseBadge phase={p.phase} />
              </td>
              <td>{p.teamSize === 0 ? 'Aucun membre' : `${p.teamSize} agent${p.teamSize > 1 ? 's' : ''}`}</td>
              <td>{p.coachName ?? '—'}</td>
              <td>{days(p.total.planned)}</td>
              <td>
                {days(p.total.actual)}
                {p.total.missingWeeks > 0 && (
                  <span class="fr-hint-text">
                    {p.total.missingWeeks} semaine{p.total.missingWeeks > 1 ? 's' : ''} sans pointage
                  </span>
                )}
              </td>
            </tr>
          ))}
        </Table>
      )}
    </>
  );
}
