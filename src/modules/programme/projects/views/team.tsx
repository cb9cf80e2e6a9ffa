import { FieldGrid } from '../../../../platform/scheduling/admin/views/parts.tsx';
import {
  type FormState,
  Input,
  PostForm,
  Select,
  SubmitButton,
  Table,
} from '../../../../platform/web/components.tsx';
import { Field, FormErrors } from '../../../../platform/web/fields.tsx';
import type { OpenedProject } from '../access.ts';
import { projectPath, teamPath } from '../paths.ts';
import { formatDays, type Plan } from '../plan.ts';
import { memberLabels, planLabels } from '../schemas.ts';
import type { MemberWithTime } from '../team-time.service.ts';
import { ProjectBreadcrumb, shortDay } from './parts.tsx';

const dayOptions = [0.5, 1, 1.5, 2, 2.5, 3, 3.5, 4, 4.5, 5].map((d) => ({
  value: String(d),
  label: `${formatDays(d)} jour${d > 1 ? 's' : ''}`,
}));

const planText = (plan: Plan) =>
  `${formatDays(plan.daysPerWeek)} jour par semaine pendant ${plan.weeks} semaines`;

/** The fields of a member, the email only when adding (an edit keeps the agent). */
export function MemberFields(props: { form: FormState; adding: boolean; projectPlan: Plan }) {
  const { form } = props;
  return (
    <>
      {props.adding && (
        <Input
          form={form}
          name="email"
          type="email"
          label="Adresse électronique de l’agent"
          hint="Un agent d’une organisation d’une des collectivités partenaires de la saison, déjà inscrit dans Tremplin."
          autocomplete="off"
          required
        />
      )}
      <Input
        form={form}
        name="role"
        label="Rôle dans l’équipe"
        hint="Dans ses mots : porteuse du problème, secrétaire ASE…"
      />
      <Input
        form={form}
        name="responsable"
        type="email"
        label="Adresse électronique de son responsable hiérarchique"
        hint="Il valide chaque semaine le temps déclaré."
        autocomplete="off"
      />
      <div class="fr-grid-row fr-grid-row--gutters">
        <div class="fr-col-12 fr-col-sm-6">
          <Select
            form={form}
            name="jours"
            label="Jours par semaine"
            placeholder={`Plan du projet (${formatDays(props.projectPlan.daysPerWeek)})`}
            options={dayOptions}
          />
        </div>
        <div class="fr-col-12 fr-col-sm-6">
          <Field
            form={form}
            name="semaines"
            type="text"
            inputMode="numeric"
            label="Nombre de semaines"
            hint={`Vide : plan du projet (${props.projectPlan.weeks}).`}
          />
        </div>
      </div>
      <FieldGrid
        form={form}
        fields={[{ name: 'arrivee', label: 'Arrivée dans l’équipe', type: 'date', required: true }]}
      />
    </>
  );
}

function Members(props: { opened: OpenedProject; members: MemberWithTime[]; csrfToken: string }) {
  const slug = props.opened.project.slug;
  if (props.members.length === 0) return <p>Personne n’est encore dans l’équipe.</p>;
  return (
    <Table
      caption="Membres de l’équipe"
      captionHidden
      headers={['Agent', 'Rôle', 'Responsable', 'Détachement', 'Arrivée', 'Départ', 'Actions']}
    >
      {props.members.map((m) => {
        const name = `${m.firstName} ${m.lastName}`.trim();
        return (
          <tr>
            <td>
              {name}
              <span class="fr-hint-text">{m.email}</span>
            </td>
            <td>{m.role || '—'}</td>
            <td>{m.managerEmail ?? '—'}</td>
            <td>{`${formatDays(m.plan.daysPerWeek)} j × ${m.plan.weeks} sem.`}</td>
            <td>{shortDay(m.joinedOn)}</td>
            <td>{shortDay(m.leftOn)}</td>
            <td>
              <ul class="fr-btns-group fr-btns-group--inline fr-btns-group--sm">
                <li>
                  <a class="fr-btn fr-btn--tertiary" href={`${teamPath(slug)}/${m.id}`}>
                    Modifier<span class="fr-sr-only"> {name}</span>
                  </a>
                </li>
                {m.leftOn === null && (
                  <li>
                    <PostForm action={`${teamPath(slug)}/${m.id}/retirer`} csrfToken={props.csrfToken}>
                      <button type="submit" class="fr-btn fr-btn--tertiary">
                        Retirer de l’équipe<span class="fr-sr-only"> : {name}</span>
                      </button>
                    </PostForm>
                  </li>
                )}
              </ul>
            </td>
          </tr>
        );
      })}
    </Table>
  );
}

function PlanForm(props: { opened: OpenedProject; form: FormState; csrfToken: string }) {
  const { cohort } = props.opened;
  return (
    <section class="fr-mt-6w">
      <h2>Plan de détachement du projet</h2>
      <p>
        Sans plan propre au projet, celui de la saison s’applique :{' '}
        {planText({ daysPerWeek: Number(cohort.detachmentDaysPerWeek), weeks: cohort.detachmentWeeks })}.
        Chaque membre peut avoir le sien.
      </p>
      <PostForm action={`${teamPath(props.opened.project.slug)}/plan`} csrfToken={props.csrfToken}>
        <FormErrors form={props.form} labels={planLabels} />
        <div class="fr-grid-row fr-grid-row--gutters">
          <div class="fr-col-12 fr-col-sm-6">
            <Select
              form={props.form}
              name="jours"
              label="Jours par semaine"
              placeholder={`Plan de la saison (${formatDays(Number(cohort.detachmentDaysPerWeek))})`}
              options={dayOptions}
            />
          </div>
          <div class="fr-col-12 fr-col-sm-6">
            <Field
              form={props.form}
              name="semaines"
              type="text"
              inputMode="numeric"
              label="Nombre de semaines"
              hint={`Vide : plan de la saison (${cohort.detachmentWeeks}).`}
            />
          </div>
        </div>
        <FieldGrid
          form={props.form}
          fields={[{ name: 'debut', label: 'Début du projet', type: 'date', required: true }]}
        />
        <SubmitButton secondary>Enregistrer le plan</SubmitButton>
      </PostForm>
    </section>
  );
}

/** GET /programme/espace/projets/:projectSlug/equipe */
export function TeamPage(props: {
  opened: OpenedProject;
  members: MemberWithTime[];
  projectPlan: Plan;
  form: FormState;
  planForm: FormState;
  csrfToken: string;
}) {
  const { project, cohort } = props.opened;
  return (
    <>
      <ProjectBreadcrumb cohort={cohort} project={project} current="Équipe" />
      <h1>Composer l’équipe</h1>
      <p>
        Plan du projet : {planText(props.projectPlan)}. Un membre retiré garde ses pointages, comptés dans les
        jours investis.
      </p>
      <Members opened={props.opened} members={props.members} csrfToken={props.csrfToken} />
      <section class="fr-mt-6w">
        <h2>Ajouter un membre</h2>
        <div class="fr-grid-row">
          <div class="fr-col-12 fr-col-md-8">
            <PostForm action={teamPath(project.slug)} csrfToken={props.csrfToken}>
              <FormErrors form={props.form} labels={memberLabels} />
              <MemberFields form={props.form} adding projectPlan={props.projectPlan} />
              <SubmitButton>Ajouter à l’équipe</SubmitButton>
            </PostForm>
          </div>
        </div>
      </section>
      {props.opened.may.staff && (
        <PlanForm opened={props.opened} form={props.planForm} csrfToken={props.csrfToken} />
      )}
      <p class="fr-mt-4w">
        <a href={projectPath(project.slug)}>Retour à l’espace du projet</a>
      </p>
    </>
  );
}

/** GET /programme/espace/projets/:projectSlug/equipe/:memberId */
export function MemberEditPage(props: {
  opened: OpenedProject;
  memberId: string;
  memberName: string;
  projectPlan: Plan;
  form: FormState;
  csrfToken: string;
}) {
  const { project, cohort } = props.opened;
  return (
    <>
      <ProjectBreadcrumb cohort={cohort} project={project} current={props.memberName} />
      <h1>Modifier un membre de l’équipe</h1>
      <p class="fr-text--lead">{props.memberName}</p>
      <div class="fr-grid-row">
        <div class="fr-col-12 fr-col-md-8">
          <PostForm action={`${teamPath(project.slug)}/${props.memberId}`} csrfToken={props.csrfToken}>
            <FormErrors form={props.form} labels={memberLabels} />
            <MemberFields form={props.form} adding={false} projectPlan={props.projectPlan} />
            <SubmitButton>Enregistrer</SubmitButton>
          </PostForm>
          <p class="fr-mt-4w">
            <a href={teamPath(project.slug)}>Retour à l’équipe</a>
          </p>
        </div>
      </div>
    </>
  );
}
