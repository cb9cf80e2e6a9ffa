import type { IndicatorReading } from '../../../../platform/indicators/indicators.ts';
import { Breadcrumb } from '../../../../platform/web/components.tsx';
import { phaseLabels } from '../../labels.ts';
import { formatDay, formatInstant, formatPeriod, formatQuantity, publicName } from '../format.ts';
import { baselineComparison, indicatorValueText, sampleText } from '../impact.ts';
import { portfolioPaths } from '../paths.ts';
import { chronological, currentPhase } from '../phases.ts';
import type { ProjectImpact, ProjectPage } from '../project.service.ts';
import { Paragraphs, PhaseBadge } from './parts.tsx';

/** /programme/projets/:projectSlug: what the project is, who made it, where it stands, its impact. */
export function ProjectPortfolioPage({ project, team, phases, keyFigures, impact }: ProjectPage) {
  const current = currentPhase(phases);
  const timeline = chronological(phases);
  return (
    <>
      <Breadcrumb
        items={[
          { label: 'Programme', href: portfolioPaths.home },
          { label: project.cohort.name, href: portfolioPaths.cohort(project.cohort.slug) },
          { label: project.title },
        ]}
      />
      <h1>{project.title}</h1>
      <ul class="fr-badges-group fr-mb-2w">
        <li>
          <PhaseBadge phase={current?.phase ?? null} />
        </li>
      </ul>
      <p class="fr-text--sm">
        {project.territory.name} · saison « {project.cohort.name} »
      </p>
      {project.mission && <p class="fr-text--lead">{project.mission}</p>}
      <p>
        <a
          class="fr-link fr-icon-download-line fr-link--icon-left"
          href={portfolioPaths.betagouv(project.slug)}
          download={`${project.slug}.md`}
        >
          Exporter pour beta.gouv.fr
          <span class="fr-sr-only"> (fiche startup au format Markdown)</span>
        </a>
      </p>

      {project.problem.trim() && (
        <section class="fr-mb-4w" aria-labelledby="probleme">
          <h2 id="probleme">Le problème</h2>
          <Paragraphs text={project.problem} />
        </section>
      )}
      {project.solution.trim() && (
        <section class="fr-mb-4w" aria-labelledby="solution">
          <h2 id="solution">La solution</h2>
          <Paragraphs text={project.solution} />
        </section>
      )}

      {keyFigures.length > 0 && (
        <section class="fr-mb-6w" aria-labelledby="chiffres">
          <h2 id="chiffres">Chiffres clés</h2>
          <div class="fr-grid-row fr-grid-row--gutters">
            {keyFigures.map((figure) => (
              <div class="fr-col-12 fr-col-md-4">
                <div class="fr-card fr-card--no-arrow">
                  <div class="fr-card__body">
                    <div class="fr-card__content">
                      <p class="fr-h2 fr-mb-1w">{figure.value}</p>
                      <p class="fr-mb-1w">{figure.label}</p>
                      {figure.source && <p class="fr-text--xs fr-mb-0">Source : {figure.source}</p>}
                    </div>
                  </div>
                </div>
              </div>
            ))}
          </div>
        </section>
      )}

      <ImpactSection impact={impact} territoryName={project.territory.name} />

      <section class="fr-mb-6w" aria-labelledby="equipe">
        <h2 id="equipe">L’équipe</h2>
        {team.length === 0 ? (
          <p>L’équipe n’est pas encore constituée.</p>
        ) : (
          <ul>
            {team.map((member) => (
              <li>
                {publicName(member.firstName, member.lastName)}
                {member.organisation ? `, ${member.organisation}` : ''}
                {member.leftOn ? ` (jusqu’au ${formatDay(member.leftOn)})` : ''}
              </li>
            ))}
          </ul>
        )}
        {project.coach && (
          <p>
            L’équipe est accompagnée par {publicName(project.coach.firstName, project.coach.lastName)}, coach
            ({project.cohort.incubatorName}).
          </p>
        )}
      </section>

      <section class="fr-mb-6w" aria-labelledby="etapes">
        <h2 id="etapes">Les étapes</h2>
        {timeline.length === 0 ? (
          <p>Aucune étape enregistrée pour l’instant.</p>
        ) : (
          <ol>
            {timeline.map((step) => (
              <li>
                <strong>{phaseLabels[step.phase]}</strong> : {formatPeriod(step.startsOn, step.endsOn)}
                {step === current && step.endsOn === null ? ' (en cours)' : ''}
              </li>
            ))}
          </ol>
        )}
      </section>
    </>
  );
}

function ImpactSection({ impact, territoryName }: { impact: ProjectImpact; territoryName: string }) {
  if (impact.kind === 'none') return null;
  return (
    <section class="fr-mb-6w" aria-labelledby="impact">
      <h2 id="impact">L’impact, en direct</h2>
      {impact.kind === 'off' ? (
        <div class="fr-alert fr-alert--info fr-alert--sm">
          <p>
            Ce projet est devenu le service « {impact.moduleName} » de Tremplin, mais ce service n’est pas
            activé sur cette instance : ses indicateurs d’impact ne peuvent pas être affichés ici.
          </p>
        </div>
      ) : impact.readings.length === 0 ? (
        <p>Le service « {impact.moduleName} » ne publie pas encore d’indicateur pour ce projet.</p>
      ) : (
        <>
          <p>
            Calculés à l’instant à partir du service « {impact.moduleName} » de Tremplin, pour {territoryName}
            . Un chiffre calculé sur moins de 5 personnes n’est pas publié.
          </p>
          <div class="fr-grid-row fr-grid-row--gutters">
            {impact.readings.map((reading) => (
              <div class="fr-col-12 fr-col-md-6">
                <IndicatorCard reading={reading} />
              </div>
            ))}
          </div>
        </>
      )}
    </section>
  );
}

function IndicatorCard({ reading }: { reading: IndicatorReading }) {
  const comparison = baselineComparison(reading);
  return (
    <div class="fr-card fr-card--no-arrow" id={`indicateur-${reading.key.replace('.', '-')}`}>
      <div class="fr-card__body">
        <div class="fr-card__content">
          <h3 class="fr-card__title">{reading.title}</h3>
          <p class="fr-h2 fr-mb-1w">{indicatorValueText(reading)}</p>
          <p class="fr-text--sm fr-mb-1w">
            Au {formatInstant(reading.asOf)}. {sampleText(reading)}
          </p>
          {reading.baseline && (
            <p class="fr-text--sm fr-mb-1w">
              <strong>Avant : {formatQuantity(reading.baseline.value, reading.unit)}.</strong>{' '}
              {reading.baseline.label} (source : {reading.baseline.source}).
              {comparison ? ` ${comparison}` : ''}
            </p>
          )}
          <p class="fr-card__desc fr-text--xs">{reading.description}</p>
        </div>
      </div>
    </div>
  );
}
