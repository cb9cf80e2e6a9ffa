import { Badge, SecondaryAction } from '../../../../platform/scheduling/admin/views/parts.tsx';
import {
  Breadcrumb,
  type FormState,
  PostForm,
  Select,
  SubmitButton,
  Table,
} from '../../../../platform/web/components.tsx';
import { Field, FormErrors } from '../../../../platform/web/fields.tsx';
import { milestoneKindLabels } from '../../labels.ts';
import { SPACE } from '../../part.ts';
import type { MilestonesCohort } from '../access.ts';
import { type MilestoneStatus, milestoneStatus } from '../milestone-status.ts';
import type { Milestone } from '../milestones.repository.ts';
import type { MilestoneOwner } from '../milestones.service.ts';
import { cohortMilestonesPath, cohortProjectsPath } from '../paths.ts';
import { doneLabels, milestoneLabels } from '../schemas.ts';
import { formatDay, InlineAction, plural, StatusBadge } from './parts.tsx';

/** The form of a milestone, the project's or the cohort's (the owner says whose). */
export function MilestoneFormPage(props: {
  owner: MilestoneOwner;
  milestoneId?: string;
  form: FormState;
  /** When editing: the form that marks it reached on a chosen day. */
  doneForm?: FormState;
  csrfToken: string;
}) {
  const { owner, form } = props;
  const editing = props.milestoneId !== undefined;
  const title = editing ? 'Modifier le jalon' : 'Nouveau jalon';
  const forCohort = owner.scope.projectId === null;
  return (
    <>
      <Breadcrumb items={[{ label: 'Programme', href: SPACE }, ...owner.crumbs, { label: title }]} />
      <h1 class="fr-mb-1w">{title}</h1>
      <p class="fr-text--lead fr-mb-4w">
        {forCohort
          ? `Jalon de la saison, pour toutes les équipes : ${owner.name}`
          : `Jalon du projet ${owner.name}`}
      </p>
      <div class="fr-grid-row">
        <div class="fr-col-12 fr-col-md-8">
          <FormErrors form={form} labels={milestoneLabels} />
          <PostForm
            action={editing ? `${owner.basePath}/${props.milestoneId}` : `${owner.basePath}/nouveau`}
            csrfToken={props.csrfToken}
          >
            <Select
              form={form}
              name="type"
              label={milestoneLabels.type}
              options={Object.entries(milestoneKindLabels).map(([value, label]) => ({ value, label }))}
              required
            />
            <Field
              form={form}
              type="text"
              name="titre"
              label={milestoneLabels.titre}
              hint="Par exemple « Restitution devant les élus »."
              required
            />
            <Field
              form={form}
              type="date"
              name="echeance"
              label={milestoneLabels.echeance}
              hint="Par exemple 28/06/2019."
              required
            />
            <SubmitButton>{editing ? 'Enregistrer' : 'Ajouter le jalon'}</SubmitButton>
          </PostForm>
          {editing && props.doneForm && (
            <section class="fr-mt-6w" aria-labelledby="atteint">
              <h2 class="fr-h5" id="atteint">
                Jalon atteint
              </h2>
              <FormErrors form={props.doneForm} labels={doneLabels} />
              <PostForm action={`${owner.basePath}/${props.milestoneId}/fait`} csrfToken={props.csrfToken}>
                <Field
                  form={props.doneForm}
                  type="date"
                  name="faitLe"
                  label={doneLabels.faitLe}
                  hint="Par exemple 28/06/2019."
                  required
                />
                <SubmitButton secondary>Marquer comme fait</SubmitButton>
              </PostForm>
            </section>
          )}
          {editing && (
            <SecondaryAction
              action={`${owner.basePath}/${props.milestoneId}/supprimer`}
              csrfToken={props.csrfToken}
            >
              Supprimer le jalon
            </SecondaryAction>
          )}
        </div>
      </div>
    </>
  );
}

/** The cohort's milestones: kept by the staff, read by the teams. */
export function CohortMilestonesPage(props: {
  cohort: MilestonesCohort;
  milestones: Milestone[];
  today: string;
  csrfToken: string;
}) {
  const { cohort, today } = props;
  const rows = props.milestones.map((m) => ({ ...m, status: milestoneStatus(m, today) as MilestoneStatus }));
  const late = rows.filter((m) => m.status === 'en_retard').length;
  const kinds = new Set(rows.map((m) => m.kind));
  const missingDefaults = (['lancement', 'mi_parcours', 'restitution'] as const).filter((k) => !kinds.has(k));
  return (
    <>
      <Breadcrumb
        items={[
          { label: 'Programme', href: SPACE },
          { label: cohort.name, href: cohortProjectsPath(cohort.slug) },
          { label: 'Jalons' },
        ]}
      />
      <h1 class="fr-mb-1w">Jalons de la saison</h1>
      <p class="fr-text--lead">
        {cohort.name} · du {formatDay(cohort.startsOn)} au {formatDay(cohort.endsOn)}
      </p>
      {!cohort.mayWrite && (
        <div class="fr-alert fr-alert--info fr-alert--sm fr-mb-4w">
          <p>Ces jalons valent pour toutes les équipes ; l’incubateur et les coachs les tiennent à jour.</p>
        </div>
      )}
      {cohort.mayWrite && (
        <div class="fr-btns-group fr-btns-group--inline-md fr-mb-4w">
          <a
            class="fr-btn fr-btn--icon-left fr-icon-add-line"
            href={cohortMilestonesPath(cohort.slug, '/nouveau')}
          >
            Ajouter un jalon
          </a>
          {missingDefaults.length > 0 && (
            <PostForm action={cohortMilestonesPath(cohort.slug, '/par-defaut')} csrfToken={props.csrfToken}>
              <button type="submit" class="fr-btn fr-btn--secondary">
                Créer {missingDefaults.map((k) => `« ${milestoneKindLabels[k].toLowerCase()} »`).join(', ')}{' '}
                d’après les dates de la saison
              </button>
            </PostForm>
          )}
        </div>
      )}
      {rows.length === 0 ? (
        <p>Aucun jalon pour l’instant.</p>
      ) : (
        <>
          {late > 0 && (
            <div class="fr-alert fr-alert--warning fr-alert--sm fr-mb-2w">
              <p>{plural(late, 'jalon est en retard', 'jalons sont en retard')}.</p>
            </div>
          )}
          <Table
            caption="Jalons de la saison"
            captionHidden
            headers={['Date prévue', 'Jalon', 'Type', 'État', ...(cohort.mayWrite ? ['Actions'] : [])]}
          >
            {rows.map((m) => (
              <tr>
                <td>{formatDay(m.dueOn)}</td>
                <td>{m.title}</td>
                <td>
                  <Badge kind="info">{milestoneKindLabels[m.kind]}</Badge>
                </td>
                <td>
                  <StatusBadge status={m.status} doneOn={m.doneOn} />
                </td>
                {cohort.mayWrite && (
                  <td>
                    {m.doneOn ? (
                      <InlineAction
                        action={cohortMilestonesPath(cohort.slug, `/${m.id}/rouvrir`)}
                        csrfToken={props.csrfToken}
                        label="Rouvrir"
                        title={`Rouvrir : ${m.title}`}
                      />
                    ) : (
                      <InlineAction
                        action={cohortMilestonesPath(cohort.slug, `/${m.id}/fait`)}
                        csrfToken={props.csrfToken}
                        label="Marquer fait aujourd’hui"
                        icon="fr-icon-check-line"
                        fields={{ faitLe: today }}
                        title={`Marquer fait aujourd’hui : ${m.title}`}
                      />
                    )}
                    <a href={cohortMilestonesPath(cohort.slug, `/${m.id}`)}>
                      Modifier<span class="fr-sr-only"> : {m.title}</span>
                    </a>
                  </td>
                )}
              </tr>
            ))}
          </Table>
        </>
      )}
    </>
  );
}
