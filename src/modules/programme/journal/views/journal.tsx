import type { JournalOverview } from '../overview.service.ts';
import { Hypotheses } from './overview-hypotheses.tsx';
import { Ledger } from './overview-ledger.tsx';
import { Interviews, KeyFigures, Milestones } from './overview-lists.tsx';
import { JournalBreadcrumb } from './parts.tsx';

/** The journal's overview: a summary of contents, then each section. */

type Props = { page: JournalOverview; today: string; csrfToken: string };

export function JournalPage(props: Props) {
  const { project } = props.page;
  return (
    <>
      <JournalBreadcrumb project={project} />
      <h1 class="fr-mb-1w">Journal d’investigation</h1>
      <p class="fr-text--lead">
        {project.title} · {project.cohort.name}
      </p>
      {!project.mayWrite && (
        <div class="fr-alert fr-alert--info fr-alert--sm fr-mb-4w">
          <p>
            Vous consultez ce journal en lecture seule : il est tenu par l’équipe du projet, son coach et
            l’incubateur.
          </p>
        </div>
      )}
      <nav class="fr-summary fr-mb-4w" aria-labelledby="sommaire-titre">
        <p class="fr-summary__title" id="sommaire-titre">
          Sommaire
        </p>
        <ol class="fr-summary__list">
          {[
            ['hypotheses', 'Hypothèses'],
            ['preuves', 'Registre des preuves'],
            ['chiffres', 'Chiffres clés'],
            ['jalons', 'Jalons'],
            ['entretiens', 'Entretiens'],
          ].map(([id, label]) => (
            <li>
              <a class="fr-summary__link" href={`#${id}`}>
                {label}
              </a>
            </li>
          ))}
        </ol>
      </nav>
      <Hypotheses page={props.page} csrfToken={props.csrfToken} />
      <Ledger page={props.page} />
      <KeyFigures page={props.page} csrfToken={props.csrfToken} />
      <Milestones {...props} />
      <Interviews page={props.page} />
    </>
  );
}
