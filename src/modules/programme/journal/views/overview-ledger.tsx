import { Table } from '../../../../platform/web/components.tsx';
import { confidenceLabels, evidenceClaimLabels, evidenceKindLabels } from '../../labels.ts';
import type { LedgerEntry } from '../evidence.repository.ts';
import type { ClaimGroup } from '../evidence-summary.ts';
import type { JournalOverview } from '../overview.service.ts';
import { journalPath, surveysPath } from '../paths.ts';
import { AddLink, formatDay, Paragraphs, plural, Section } from './parts.tsx';

/** The overview's evidence ledger: one block per claim, with its summary, then its pieces. */

function linksOf(piece: LedgerEntry, slug: string) {
  const links = [];
  if (piece.hypothesis) links.push(<li>Hypothèse : {piece.hypothesis}</li>);
  if (piece.interview?.id) {
    links.push(
      <li>
        <a href={journalPath(slug, `/entretiens/${piece.interview.id}`)}>
          Entretien : {piece.interview.role}, {formatDay(piece.interview.on!)}
        </a>
      </li>,
    );
  }
  if (piece.survey) {
    links.push(
      <li>
        <a href={surveysPath(slug)}>Enquête : {piece.survey}</a>
      </li>,
    );
  }
  return links.length ? <ul class="fr-text--sm fr-mb-0">{links}</ul> : '—';
}

function ClaimSection({ group, page }: { group: ClaimGroup<LedgerEntry>; page: JournalOverview }) {
  const { project } = page;
  const label = evidenceClaimLabels[group.claim];
  return (
    <>
      <h3 class="fr-h5">{label}</h3>
      <p class="fr-text--sm">
        {group.pieces.length === 0
          ? 'Aucune preuve pour l’instant.'
          : `${plural(group.pieces.length, 'preuve', 'preuves')} · confiance la plus forte : ${confidenceLabels[group.strongest!].toLowerCase()}`}
      </p>
      {group.pieces.length > 0 && (
        <Table
          caption={`Preuves : ${label}`}
          captionHidden
          headers={[
            'Preuve',
            'Nature',
            'Confiance',
            'Recueillie le',
            'Source',
            'Liée à',
            ...(project.mayWrite ? ['Actions'] : []),
          ]}
        >
          {group.pieces.map((piece) => (
            <tr>
              <td>
                <strong>{piece.title}</strong>
                {piece.summary && (
                  <div class="fr-text--sm">
                    <Paragraphs text={piece.summary} />
                  </div>
                )}
              </td>
              <td>{evidenceKindLabels[piece.kind]}</td>
              <td>{confidenceLabels[piece.confidence]}</td>
              <td>{formatDay(piece.collectedOn)}</td>
              <td>{piece.source || '—'}</td>
              <td>{linksOf(piece, project.slug)}</td>
              {project.mayWrite && (
                <td>
                  <a href={journalPath(project.slug, `/preuves/${piece.id}`)}>
                    Modifier<span class="fr-sr-only"> : {piece.title}</span>
                  </a>
                </td>
              )}
            </tr>
          ))}
        </Table>
      )}
    </>
  );
}

export function Ledger({ page }: { page: JournalOverview }) {
  const { project } = page;
  return (
    <Section
      id="preuves"
      title="Registre des preuves"
      action={
        project.mayWrite && (
          <AddLink href={journalPath(project.slug, '/preuves/nouvelle')}>Ajouter une preuve</AddLink>
        )
      }
    >
      <p>
        Ce qui appuie chaque affirmation du projet : le problème est-il récurrent ? quelles conséquences pour
        les usagers et pour la collectivité ? la solution y répond-elle ?
      </p>
      {page.ledger.map((group) => (
        <ClaimSection group={group} page={page} />
      ))}
    </Section>
  );
}
