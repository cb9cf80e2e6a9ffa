import { Badge } from '../../../../platform/scheduling/admin/views/parts.tsx';
import { Table } from '../../../../platform/web/components.tsx';
import { hypothesisStateLabels } from '../../labels.ts';
import type { HypothesisState } from '../hypothesis-states.ts';
import type { JournalOverview } from '../overview.service.ts';
import { journalPath } from '../paths.ts';
import { AddLink, MoveButtons, Section } from './parts.tsx';

/** The overview's hypotheses, grouped by state, each group in the team's order. */

const STATES: HypothesisState[] = ['a_tester', 'en_test', 'invalidee', 'confirmee'];
const stateBadge: Record<HypothesisState, 'info' | 'new' | 'warning' | 'success'> = {
  a_tester: 'info',
  en_test: 'new',
  invalidee: 'warning',
  confirmee: 'success',
};

export function Hypotheses({ page, csrfToken }: { page: JournalOverview; csrfToken: string }) {
  const { project, hypotheses } = page;
  const counts = STATES.map(
    (s) => `${hypotheses.filter((h) => h.state === s).length} ${hypothesisStateLabels[s].toLowerCase()}`,
  );
  return (
    <Section
      id="hypotheses"
      title="Hypothèses"
      action={
        project.mayWrite && (
          <AddLink href={journalPath(project.slug, '/hypotheses/nouvelle')}>Ajouter une hypothèse</AddLink>
        )
      }
    >
      {hypotheses.length === 0 ? (
        <p>
          Aucune hypothèse pour l’instant. Écrivez ce que vous croyez vrai du problème, sous une forme que le
          terrain peut contredire.
        </p>
      ) : (
        <p>{counts.join(' · ')}</p>
      )}
      {STATES.map((state) => {
        const rows = hypotheses.filter((h) => h.state === state);
        if (rows.length === 0) return null;
        const concluded = state === 'invalidee' || state === 'confirmee';
        const headers = [
          'Hypothèse',
          ...(concluded ? ['Conclusion'] : []),
          ...(project.mayWrite ? ['Actions'] : []),
        ];
        return (
          <>
            <h3 class="fr-h5">
              {hypothesisStateLabels[state]} ({rows.length})
            </h3>
            <Table
              caption={`Hypothèses : ${hypothesisStateLabels[state].toLowerCase()}`}
              captionHidden
              headers={headers}
            >
              {rows.map((h, index) => (
                <tr>
                  <td>
                    <Badge kind={stateBadge[state]}>{hypothesisStateLabels[state]}</Badge> {h.statement}
                  </td>
                  {concluded && <td>{h.conclusion}</td>}
                  {project.mayWrite && (
                    <td>
                      <a href={journalPath(project.slug, `/hypotheses/${h.id}`)}>
                        Modifier ou changer l’état<span class="fr-sr-only"> : {h.statement}</span>
                      </a>
                      {rows.length > 1 && (
                        <MoveButtons
                          action={journalPath(project.slug, `/hypotheses/${h.id}/ordre`)}
                          csrfToken={csrfToken}
                          what={`l’hypothèse ${index + 1} ${hypothesisStateLabels[state].toLowerCase()}`}
                        />
                      )}
                    </td>
                  )}
                </tr>
              ))}
            </Table>
          </>
        );
      })}
    </Section>
  );
}
