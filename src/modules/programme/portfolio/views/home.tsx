import type { CohortSummary, ProjectCard } from '../cohort.repository.ts';
import { countOf, formatPeriod } from '../format.ts';
import { portfolioPaths } from '../paths.ts';
import type { PortfolioHome } from '../portfolio.service.ts';
import { LinkCard, PhaseBadge } from './parts.tsx';

/** /programme: what the programme is, its seasons and the projects their teams published. */
export function PortfolioHomePage({ cohorts, projects }: PortfolioHome) {
  return (
    <>
      <div class="fr-grid-row fr-mb-4w">
        <div class="fr-col-12 fr-col-md-9">
          <h1>Le programme des startups de territoire</h1>
          <p class="fr-text--lead">
            Des agents de collectivités partent d’un problème qu’ils rencontrent dans leur travail et qui pèse
            sur les habitants. Pendant trois mois, détachés un jour par semaine et accompagnés par un coach,
            ils vérifient sur le terrain que le problème est réel et fréquent, puis testent une première
            solution.
          </p>
          <ol>
            <li>
              <strong>Appel à problèmes</strong> : les agents des collectivités partenaires décrivent un
              problème vécu, chiffres à l’appui.
            </li>
            <li>
              <strong>Sélection</strong> : un jury retient quelques problèmes, selon leur impact, leur
              fréquence et l’engagement d’un commanditaire.
            </li>
            <li>
              <strong>Investigation</strong> : chaque équipe d’agents interroge les personnes concernées, mène
              des enquêtes et construit un premier prototype.
            </li>
            <li>
              <strong>Comité</strong> : les projets qui ont fait leurs preuves continuent comme « startups de
              territoire » ; les autres s’arrêtent, et ce qu’ils ont appris reste public.
            </li>
          </ol>
        </div>
      </div>

      <section class="fr-mb-6w" aria-labelledby="saisons">
        <h2 id="saisons">Les saisons</h2>
        {cohorts.length === 0 ? (
          <p>Aucune saison n’a encore été lancée.</p>
        ) : (
          <div class="fr-grid-row fr-grid-row--gutters">
            {cohorts.map((cohort) => (
              <div class="fr-col-12 fr-col-md-6">
                <CohortCard cohort={cohort} />
              </div>
            ))}
          </div>
        )}
      </section>

      <section class="fr-mb-6w" aria-labelledby="projets">
        <h2 id="projets">Les projets</h2>
        {projects.length === 0 ? (
          <p>Aucun projet n’est encore publié.</p>
        ) : (
          <div class="fr-grid-row fr-grid-row--gutters">
            {projects.map((project) => (
              <div class="fr-col-12 fr-col-md-6 fr-col-lg-4">
                <ProjectCardView project={project} />
              </div>
            ))}
          </div>
        )}
      </section>
    </>
  );
}

function CohortCard({ cohort }: { cohort: CohortSummary }) {
  const partners = cohort.partners.map((p) => p.name).join(', ');
  return (
    <LinkCard href={portfolioPaths.cohort(cohort.slug)} title={cohort.name}>
      <p class="fr-card__desc">
        {formatPeriod(cohort.startsOn, cohort.endsOn).replace(/^du /, 'Du ')}.
        <br />
        {partners ? `Avec ${partners}.` : 'Collectivités partenaires à venir.'}
        <br />
        {countOf(cohort.projectCount, 'projet', 'projets')}. Porteur du programme : {cohort.incubator.name}.
      </p>
    </LinkCard>
  );
}

export function ProjectCardView({
  project,
  headingLevel,
}: {
  project: ProjectCard;
  headingLevel?: 'h2' | 'h3';
}) {
  return (
    <LinkCard
      href={portfolioPaths.project(project.slug)}
      title={project.title}
      headingLevel={headingLevel}
      start={
        <>
          <ul class="fr-badges-group">
            <li>
              <PhaseBadge phase={project.phase} />
            </li>
          </ul>
          <p class="fr-card__detail">
            {project.territoryName} · {project.cohortName}
          </p>
        </>
      }
    >
      {project.mission && <p class="fr-card__desc">{project.mission}</p>}
    </LinkCard>
  );
}
