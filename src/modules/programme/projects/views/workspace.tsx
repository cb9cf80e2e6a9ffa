import { nameOptions } from '../../../../platform/scheduling/admin/views/parts.tsx';
import {
  type FormState,
  PostForm,
  Select,
  SubmitButton,
  Table,
} from '../../../../platform/web/components.tsx';
import { phaseLabels } from '../../labels.ts';
import type { OpenedProject } from '../access.ts';
import {
  committeesPath,
  editPath,
  journalPath,
  projectPath,
  publicProjectPath,
  surveysPath,
  teamPath,
} from '../paths.ts';
import { formatDays } from '../plan.ts';
import { weekLabel } from '../weeks.ts';
import type { Workspace } from '../workspace.service.ts';
import { DaysProgress, days, PhaseBadge, ProjectBreadcrumb, phaseSpan, shortDay } from './parts.tsx';

type Props = { opened: OpenedProject; workspace: Workspace; coachForm: FormState; csrfToken: string };

function Links({ opened }: { opened: OpenedProject }) {
  const { project, cohort, may } = opened;
  const links = [
    { href: journalPath(project.slug), label: 'Journal d’investigation' },
    { href: surveysPath(project.slug), label: 'Enquêtes de terrain' },
    { href: committeesPath(cohort.slug), label: 'Comités' },
    ...(may.work ? [{ href: editPath(project.slug), label: 'Modifier la fiche et les phases' }] : []),
    ...(may.team ? [{ href: teamPath(project.slug), label: 'Composer l’équipe' }] : []),
    ...(project.isPublic ? [{ href: publicProjectPath(project.slug), label: 'Page publique' }] : []),
  ];
  return (
    <nav aria-label="Pages du projet" class="fr-mb-4w">
      <ul class="fr-btns-group fr-btns-group--inline-md fr-btns-group--sm">
        {links.map((link, i) => (
          <li>
            <a class={`fr-btn${i === 0 ? '' : ' fr-btn--secondary'}`} href={link.href}>
              {link.label}
            </a>
          </li>
        ))}
      </ul>
    </nav>
  );
}

function Timeline({ workspace }: { workspace: Workspace }) {
  return (
    <section class="fr-mb-4w">
      <h2 class="fr-h4">Phases</h2>
      {workspace.phases.length === 0 ? (
        <p>Aucune phase enregistrée.</p>
      ) : (
        <ol>
          {workspace.phases.map((row) => (
            <li>
              <strong>{phaseLabels[row.phase]}</strong> {phaseSpan(row)}
              {row.id === workspace.current?.id && ' (phase actuelle)'}
              {row.comment && <span class="fr-hint-text">{row.comment}</span>}
            </li>
          ))}
        </ol>
      )}
    </section>
  );
}

function Coach({ opened, workspace, coachForm, csrfToken }: Props) {
  return (
    <section class="fr-mb-4w">
      <h2 class="fr-h4">Coach</h2>
      <p>{workspace.coachName ?? 'Aucun coach n’est encore désigné.'}</p>
      {opened.may.staff && (
        <PostForm action={`${projectPath(opened.project.slug)}/coach`} csrfToken={csrfToken}>
          <Select
            form={coachForm}
            name="coach"
            label="Coach du projet"
            hint="Un des coachs de la saison."
            placeholder="Aucun coach"
            options={nameOptions(
              workspace.coachChoices.map((c) => ({ id: c.id, name: `${c.firstName} ${c.lastName}`.trim() })),
            )}
          />
          <SubmitButton secondary>Enregistrer le coach</SubmitButton>
        </PostForm>
      )}
    </section>
  );
}

function Team({ opened, workspace }: Props) {
  const { members, total, progress } = workspace;
  return (
    <section class="fr-mb-4w">
      <h2 class="fr-h4">Équipe et temps</h2>
      {members.length === 0 ? (
        <p>
          L’équipe n’est pas encore composée.
          {opened.may.team && (
            <>
              {' '}
              <a href={teamPath(opened.project.slug)}>Ajouter des membres</a>
            </>
          )}
        </p>
      ) : (
        <>
          <DaysProgress
            id="jours-realises"
            actual={total.actual}
            planned={total.planned}
            percent={progress}
          />
          <p class="fr-text--sm">
            Prévu à ce jour : {days(total.plannedToDate)}. Les jours réalisés sont ceux que chaque membre
            déclare dans son pointage hebdomadaire.
          </p>
          <Table
            caption="Membres de l’équipe, jours prévus et réalisés"
            headers={[
              'Agent',
              'Organisation',
              'Rôle dans l’équipe',
              'Responsable',
              'Jours par semaine',
              'Prévus',
              'Réalisés',
              'Semaines sans pointage',
            ]}
          >
            {members.map((m) => (
              <tr>
                <td>
                  {`${m.firstName} ${m.lastName}`.trim()}
                  <span class="fr-hint-text">
                    {m.leftOn
                      ? `Arrivée le ${shortDay(m.joinedOn)}, départ le ${shortDay(m.leftOn)}`
                      : `Arrivée le ${shortDay(m.joinedOn)}`}
                  </span>
                </td>
                <td>{m.organisations.join(', ') || '—'}</td>
                <td>{m.role || '—'}</td>
                <td>{m.managerFirstName ? `${m.managerFirstName} ${m.managerLastName}`.trim() : '—'}</td>
                <td>{`${formatDays(m.plan.daysPerWeek)} × ${m.plan.weeks} sem.`}</td>
                <td>{days(m.time.planned)}</td>
                <td>{days(m.time.actual)}</td>
                <td>
                  {m.time.missingWeeks.length === 0 ? (
                    'Aucune'
                  ) : (
                    <>
                      <p class="fr-badge fr-badge--warning fr-badge--sm">{m.time.missingWeeks.length}</p>
                      <span class="fr-hint-text">{m.time.missingWeeks.map(weekLabel).join(' ; ')}</span>
                    </>
                  )}
                </td>
              </tr>
            ))}
            <tr>
              <th scope="row" colSpan={5}>
                Total de l’équipe
              </th>
              <td>{days(total.planned)}</td>
              <td>{days(total.actual)}</td>
              <td>{total.missingWeeks === 0 ? 'Aucune' : total.missingWeeks}</td>
            </tr>
          </Table>
        </>
      )}
    </section>
  );
}

/** GET /programme/espace/projets/:projectSlug */
export function WorkspacePage(props: Props) {
  const { project, cohort } = props.opened;
  return (
    <>
      <ProjectBreadcrumb cohort={cohort} current={project.title} />
      <h1 class="fr-mb-1w">{project.title}</h1>
      <p class="fr-mb-1w">
        <PhaseBadge phase={props.workspace.current?.phase ?? null} />
      </p>
      <p class="fr-text--lead">{project.mission || 'La mission du projet reste à écrire.'}</p>
      <Links opened={props.opened} />
      <div class="fr-grid-row fr-grid-row--gutters">
        <div class="fr-col-12 fr-col-md-6">
          <Timeline workspace={props.workspace} />
        </div>
        <div class="fr-col-12 fr-col-md-6">
          <Coach {...props} />
        </div>
      </div>
      <Team {...props} />
    </>
  );
}
