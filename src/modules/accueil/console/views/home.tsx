import { displayPhone } from '../../../../platform/scheduling/agenda/views/parts.tsx';
import type { LineCard } from '../home.service.ts';
import { linePath } from './parts.tsx';

const plural = (count: number, one: string, many: string) =>
  `${count.toLocaleString('fr-FR')} ${count > 1 ? many : one}`;

/** /accueil: the lines of the agent's organisations with what waits on each, and where to go. */
export function HomePage({ lines }: { lines: LineCard[] }) {
  return (
    <>
      <h1>Accueil téléphonique</h1>
      {lines.length === 0 ? (
        <p>
          Aucune ligne d’accueil téléphonique n’est configurée pour vos organisations. Un administrateur de la
          plateforme peut en ouvrir une pour votre service.
        </p>
      ) : (
        <>
          <p>
            Les rappels à faire, les messages vocaux et les appels du jour de chaque ligne de vos
            organisations.
          </p>
          <div class="fr-grid-row fr-grid-row--gutters">
            {lines.map((line) => (
              <div class="fr-col-12 fr-col-md-6">
                <LineSection line={line} />
              </div>
            ))}
          </div>
        </>
      )}
    </>
  );
}

function LineSection({ line }: { line: LineCard }) {
  const { counts } = line;
  const base = linePath(line.id);
  return (
    <section class="fr-card fr-card--no-arrow fr-p-3w" aria-labelledby={`ligne-${line.id}`}>
      <h2 class="fr-h4 fr-mb-1w" id={`ligne-${line.id}`}>
        {line.name}
      </h2>
      <p class="fr-text--sm">
        {displayPhone(line.number)} · {line.organisationName}
      </p>
      <ul>
        <li>
          {plural(counts.toCall, 'rappel à faire', 'rappels à faire')}
          {counts.overdue > 0 && <strong>, dont {plural(counts.overdue, 'en retard', 'en retard')}</strong>}
        </li>
        <li>{plural(counts.voicemails, 'message vocal non traité', 'messages vocaux non traités')}</li>
        <li>
          {plural(counts.callsToday, 'appel aujourd’hui', 'appels aujourd’hui')}
          {counts.lostToday > 0 && <strong>, dont {plural(counts.lostToday, 'perdu', 'perdus')}</strong>}
        </li>
      </ul>
      <ul class="fr-btns-group fr-btns-group--inline-md fr-btns-group--sm fr-mt-2w">
        {line.mayConsole && (
          <li>
            <a class="fr-btn" href={base}>
              Console
              <span class="fr-sr-only"> de la ligne {line.name}</span>
            </a>
          </li>
        )}
        {line.mayStats && (
          <li>
            <a class="fr-btn fr-btn--secondary" href={`${base}/statistiques`}>
              Statistiques
              <span class="fr-sr-only"> de la ligne {line.name}</span>
            </a>
          </li>
        )}
        {line.mayConfigure && (
          <li>
            <a class="fr-btn fr-btn--secondary" href={`${base}/configuration`}>
              Configuration
              <span class="fr-sr-only"> de la ligne {line.name}</span>
            </a>
          </li>
        )}
        {line.mayConfigure && (
          <li>
            <a class="fr-btn fr-btn--secondary" href={`${base}/annonces`}>
              Annonces
              <span class="fr-sr-only"> de la ligne {line.name}</span>
            </a>
          </li>
        )}
      </ul>
    </section>
  );
}
