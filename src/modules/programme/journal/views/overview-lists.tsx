import { Table } from '../../../../platform/web/components.tsx';
import { milestoneKindLabels } from '../../labels.ts';
import type { JournalOverview } from '../overview.service.ts';
import { cohortMilestonesPath, journalPath } from '../paths.ts';
import { InterviewRows } from './interview.tsx';
import { AddLink, formatDay, InlineAction, MoveButtons, plural, Section, StatusBadge } from './parts.tsx';

/** The overview's key figures, milestones (with their status) and latest interviews. */

type Props = { page: JournalOverview; today: string; csrfToken: string };

export function KeyFigures({ page, csrfToken }: Omit<Props, 'today'>) {
  const { project, keyFigures } = page;
  return (
    <Section
      id="chiffres"
      title="Chiffres clés"
      action={
        project.mayWrite && (
          <AddLink href={journalPath(project.slug, '/chiffres/nouveau')}>Ajouter un chiffre clé</AddLink>
        )
      }
    >
      {keyFigures.length === 0 ? (
        <p>Aucun chiffre clé pour l’instant, par exemple « 70 % des appels perdus ».</p>
      ) : (
        <Table
          caption="Chiffres clés"
          captionHidden
          headers={[
            'Chiffre',
            'Ce qu’il mesure',
            'Source',
            'Sur la page publique',
            ...(project.mayWrite ? ['Actions'] : []),
          ]}
        >
          {keyFigures.map((figure, index) => (
            <tr>
              <td>
                <strong class="fr-text--lead">{figure.value}</strong>
              </td>
              <td>{figure.label}</td>
              <td>{figure.source || '—'}</td>
              <td>{figure.isPublic ? 'Oui' : 'Non'}</td>
              {project.mayWrite && (
                <td>
                  <a href={journalPath(project.slug, `/chiffres/${figure.id}`)}>
                    Modifier
                    <span class="fr-sr-only">
                      {' '}
                      : {figure.value} {figure.label}
                    </span>
                  </a>
                  {keyFigures.length > 1 && (
                    <MoveButtons
                      action={journalPath(project.slug, `/chiffres/${figure.id}/ordre`)}
                      csrfToken={csrfToken}
                      what={`le chiffre clé ${index + 1}`}
                    />
                  )}
                </td>
              )}
            </tr>
          ))}
        </Table>
      )}
    </Section>
  );
}

export function Milestones({ page, today, csrfToken }: Props) {
  const { project, milestones } = page;
  const late = milestones.filter((m) => m.status === 'en_retard').length;
  return (
    <Section
      id="jalons"
      title="Jalons"
      action={
        <p>
          {project.mayWrite && (
            <a
              class="fr-btn fr-btn--secondary fr-btn--icon-left fr-icon-add-line fr-mr-2w"
              href={journalPath(project.slug, '/jalons/nouveau')}
            >
              Ajouter un jalon du projet
            </a>
          )}
          <a class="fr-link" href={cohortMilestonesPath(project.cohort.slug)}>
            Jalons de la saison
          </a>
        </p>
      }
    >
      {milestones.length === 0 ? (
        <p>Aucun jalon pour l’instant.</p>
      ) : (
        <>
          {late > 0 && (
            <div class="fr-alert fr-alert--warning fr-alert--sm fr-mb-2w">
              <p>{plural(late, 'jalon est en retard', 'jalons sont en retard')}.</p>
            </div>
          )}
          <Table
            caption="Jalons de la saison et du projet"
            captionHidden
            headers={['Date prévue', 'Jalon', 'De', 'État', ...(project.mayWrite ? ['Actions'] : [])]}
          >
            {milestones.map((m) => (
              <tr>
                <td>{formatDay(m.dueOn)}</td>
                <td>
                  {m.title}
                  <br />
                  <span class="fr-text--xs">{milestoneKindLabels[m.kind]}</span>
                </td>
                <td>{m.projectId ? 'Projet' : 'Saison'}</td>
                <td>
                  <StatusBadge status={m.status} doneOn={m.doneOn} />
                </td>
                {project.mayWrite && (
                  <td>
                    {m.projectId ? (
                      <>
                        {m.doneOn ? (
                          <InlineAction
                            action={journalPath(project.slug, `/jalons/${m.id}/rouvrir`)}
                            csrfToken={csrfToken}
                            label="Rouvrir"
                            title={`Rouvrir : ${m.title}`}
                          />
                        ) : (
                          <InlineAction
                            action={journalPath(project.slug, `/jalons/${m.id}/fait`)}
                            csrfToken={csrfToken}
                            label="Marquer fait aujourd’hui"
                            icon="fr-icon-check-line"
                            fields={{ faitLe: today }}
                            title={`Marquer fait aujourd’hui : ${m.title}`}
                          />
                        )}
                        <a href={journalPath(project.slug, `/jalons/${m.id}`)}>
                          Modifier<span class="fr-sr-only"> : {m.title}</span>
                        </a>
                      </>
                    ) : (
                      project.isStaff && (
                        <a href={cohortMilestonesPath(project.cohort.slug)}>
                          Gérer<span class="fr-sr-only"> les jalons de la saison</span>
                        </a>
                      )
                    )}
                  </td>
                )}
              </tr>
            ))}
          </Table>
        </>
      )}
    </Section>
  );
}

export function Interviews({ page }: { page: JournalOverview }) {
  const { project } = page;
  return (
    <Section
      id="entretiens"
      title="Entretiens"
      action={
        <p>
          {project.mayWrite && (
            <a
              class="fr-btn fr-btn--secondary fr-btn--icon-left fr-icon-add-line fr-mr-2w"
              href={journalPath(project.slug, '/entretiens/nouveau')}
            >
              Ajouter un entretien
            </a>
          )}
          {page.interviewCount > 0 && (
            <a class="fr-link" href={journalPath(project.slug, '/entretiens')}>
              Tous les entretiens ({page.interviewCount})
            </a>
          )}
        </p>
      }
    >
      {page.interviews.length === 0 ? (
        <p>Aucun entretien pour l’instant.</p>
      ) : (
        <InterviewRows slug={project.slug} rows={page.interviews} caption="Derniers entretiens" />
      )}
    </Section>
  );
}
