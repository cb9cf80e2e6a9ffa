import { FieldGrid, FormSection } from '../../../../platform/scheduling/admin/views/parts.tsx';
import {
  type FormState,
  Input,
  PostForm,
  Select,
  SubmitButton,
  Table,
} from '../../../../platform/web/components.tsx';
import { Checkbox, Choices, FormErrors, Textarea } from '../../../../platform/web/fields.tsx';
import { phaseLabels } from '../../labels.ts';
import type { OpenedProject } from '../access.ts';
import { USERTYPES } from '../betagouv.ts';
import { editPath, phasesPath, projectPath } from '../paths.ts';
import { PHASES, type PhaseRow } from '../phases.ts';
import { phaseLabels as phaseFieldLabels, publicFieldsLabels } from '../schemas.ts';
import { ProjectBreadcrumb, shortDay } from './parts.tsx';

export type IndicatorChoices = Map<string, { key: string; title: string }[]>;

/** The project's public fields as the form shows them. */
export function publicFieldsValues(project: OpenedProject['project']): Record<string, string> {
  return {
    titre: project.title,
    mission: project.mission,
    probleme: project.problem,
    solution: project.solution,
    sponsors: project.sponsors.join('\n'),
    usertypes: project.usertypes.join(','),
    thematiques: project.thematiques.join('\n'),
    contact: project.contact,
    lien: project.link,
    depot: project.repository,
    public: project.isPublic ? 'on' : '',
    module: project.moduleName ?? '',
    indicateurs: project.indicatorKeys.join(','),
  };
}

function PublicFieldsForm(props: {
  opened: OpenedProject;
  form: FormState;
  indicators: IndicatorChoices;
  csrfToken: string;
}) {
  const { form } = props;
  const indicatorOptions = [...props.indicators].flatMap(([module, list]) =>
    list.map((i) => ({ value: i.key, label: i.title, hint: `Module ${module} (${i.key})` })),
  );
  return (
    <PostForm action={editPath(props.opened.project.slug)} csrfToken={props.csrfToken}>
      <FormErrors form={form} labels={publicFieldsLabels} />
      <FormSection title="Le projet">
        <Input form={form} name="titre" label="Nom du projet" required />
        <Input
          form={form}
          name="mission"
          label="Mission"
          hint="En une phrase : ce que le service permet, à qui. Elle ouvre la page publique et la fiche beta.gouv.fr."
          required
        />
        <Textarea
          form={form}
          name="probleme"
          label="Problème"
          hint="Le problème constaté, avec ses chiffres."
          rows={6}
        />
        <Textarea
          form={form}
          name="solution"
          label="Solution"
          hint="Ce que l’équipe construit ou teste."
          rows={6}
        />
      </FormSection>
      <FormSection title="Catalogue beta.gouv.fr">
        <Textarea
          form={form}
          name="sponsors"
          label="Sponsors"
          hint="Les identifiants des organisations sponsors dans le catalogue beta.gouv.fr, un par ligne, par exemple departement-var."
          rows={3}
        />
        <Choices
          form={form}
          kind="checkbox"
          name="usertypes"
          label="Publics du service"
          hint="Les types d’usagers du catalogue beta.gouv.fr."
          options={Object.entries(USERTYPES).map(([value, label]) => ({ value, label }))}
        />
        <Textarea
          form={form}
          name="thematiques"
          label="Thématiques"
          hint="Une par ligne, par exemple Social ou Collectivités."
          rows={3}
        />
        <Input
          form={form}
          name="contact"
          type="email"
          label="Contact"
          hint="L’adresse électronique de l’équipe."
        />
        <Input
          form={form}
          name="lien"
          type="url"
          label="Adresse du service"
          hint="Par exemple https://service.exemple.fr."
        />
        <Input
          form={form}
          name="depot"
          type="url"
          label="Dépôt du code"
          hint="Par exemple https://github.com/organisation/projet."
        />
        <Checkbox
          form={form}
          name="public"
          label="Publier le projet dans le portfolio"
          hint="Décoché, le projet n’apparaît pas sur les pages publiques du programme."
        />
      </FormSection>
      <FormSection title="Impact mesuré par Tremplin">
        <Select
          form={form}
          name="module"
          label="Module de Tremplin qui fait tourner le service"
          hint="Le portfolio montre en direct les indicateurs de ce module."
          placeholder="Aucun"
          options={[...props.indicators.keys()].map((m) => ({ value: m, label: m }))}
        />
        {indicatorOptions.length > 0 && (
          <Choices
            form={form}
            kind="checkbox"
            name="indicateurs"
            label="Indicateurs montrés"
            hint="Ceux du module choisi. Sans case cochée, le portfolio montre tous les indicateurs du module."
            options={indicatorOptions}
          />
        )}
      </FormSection>
      <SubmitButton>Enregistrer la fiche</SubmitButton>
    </PostForm>
  );
}

export function PhaseFields({ form }: { form: FormState }) {
  return (
    <>
      <Select
        form={form}
        name="phase"
        label="Phase"
        required
        placeholder="Choisir une phase"
        options={PHASES.map((p) => ({ value: p, label: phaseLabels[p] }))}
      />
      <FieldGrid
        form={form}
        fields={[
          { name: 'debut', label: 'Début', type: 'date', required: true },
          { name: 'fin', label: 'Fin', type: 'date', hint: 'Vide pour la phase en cours.' },
        ]}
      />
      <Input
        form={form}
        name="commentaire"
        label="Commentaire"
        hint="Par exemple : décision du comité du 15 mai."
      />
    </>
  );
}

function Phases(props: { opened: OpenedProject; phases: PhaseRow[]; form: FormState; csrfToken: string }) {
  const { opened, phases } = props;
  const staff = opened.may.staff;
  return (
    <section class="fr-mt-6w" id="phases">
      <h2>Phases</h2>
      <p>
        Les phases suivent les décisions des comités : l’incubateur les enregistre.
        {!staff && ' Demandez à votre coach si une date est à corriger.'}
      </p>
      {phases.length > 0 && (
        <Table
          caption="Phases du projet"
          captionHidden
          headers={
            staff
              ? ['Phase', 'Début', 'Fin', 'Commentaire', 'Actions']
              : ['Phase', 'Début', 'Fin', 'Commentaire']
          }
        >
          {phases.map((row) => (
            <tr>
              <td>{phaseLabels[row.phase]}</td>
              <td>{shortDay(row.startsOn)}</td>
              <td>{row.endsOn ? shortDay(row.endsOn) : 'en cours'}</td>
              <td>{row.comment || '—'}</td>
              {staff && (
                <td>
                  <ul class="fr-btns-group fr-btns-group--inline fr-btns-group--sm">
                    <li>
                      <a
                        class="fr-btn fr-btn--tertiary"
                        href={`${phasesPath(opened.project.slug)}/${row.id}`}
                      >
                        Modifier<span class="fr-sr-only"> la phase {phaseLabels[row.phase]}</span>
                      </a>
                    </li>
                    <li>
                      <PostForm
                        action={`${phasesPath(opened.project.slug)}/${row.id}/supprimer`}
                        csrfToken={props.csrfToken}
                      >
                        <button type="submit" class="fr-btn fr-btn--tertiary">
                          Supprimer<span class="fr-sr-only"> la phase {phaseLabels[row.phase]}</span>
                        </button>
                      </PostForm>
                    </li>
                  </ul>
                </td>
              )}
            </tr>
          ))}
        </Table>
      )}
      {staff && (
        <PostForm action={phasesPath(opened.project.slug)} csrfToken={props.csrfToken}>
          <h3 class="fr-h5">Ouvrir une phase</h3>
          <p class="fr-text--sm">La phase en cours se termine la veille du début de la nouvelle.</p>
          <FormErrors form={props.form} labels={phaseFieldLabels} />
          <PhaseFields form={props.form} />
          <SubmitButton secondary>Ajouter la phase</SubmitButton>
        </PostForm>
      )}
    </section>
  );
}

/** GET /programme/espace/projets/:projectSlug/modifier */
export function EditPage(props: {
  opened: OpenedProject;
  phases: PhaseRow[];
  indicators: IndicatorChoices;
  form: FormState;
  phaseForm: FormState;
  csrfToken: string;
}) {
  const { project, cohort } = props.opened;
  return (
    <>
      <ProjectBreadcrumb cohort={cohort} project={project} current="Modifier" />
      <h1>Modifier la fiche du projet</h1>
      <p>
        Ces informations sont publiques : elles font la page du projet dans le portfolio et sa fiche pour le
        catalogue beta.gouv.fr.
      </p>
      <div class="fr-grid-row">
        <div class="fr-col-12 fr-col-md-8">
          <PublicFieldsForm
            opened={props.opened}
            form={props.form}
            indicators={props.indicators}
            csrfToken={props.csrfToken}
          />
          <Phases
            opened={props.opened}
            phases={props.phases}
            form={props.phaseForm}
            csrfToken={props.csrfToken}
          />
          <p class="fr-mt-4w">
            <a href={projectPath(project.slug)}>Retour à l’espace du projet</a>
          </p>
        </div>
      </div>
    </>
  );
}

/** GET /programme/espace/projets/:projectSlug/modifier/phases/:phaseId */
export function PhaseEditPage(props: {
  opened: OpenedProject;
  phaseId: string;
  form: FormState;
  csrfToken: string;
}) {
  const { project, cohort } = props.opened;
  return (
    <>
      <ProjectBreadcrumb cohort={cohort} project={project} current="Modifier une phase" />
      <h1>Modifier une phase</h1>
      <div class="fr-grid-row">
        <div class="fr-col-12 fr-col-md-8">
          <PostForm action={`${phasesPath(project.slug)}/${props.phaseId}`} csrfToken={props.csrfToken}>
            <FormErrors form={props.form} labels={phaseFieldLabels} />
            <PhaseFields form={props.form} />
            <SubmitButton>Enregistrer la phase</SubmitButton>
          </PostForm>
          <p class="fr-mt-4w">
            <a href={`${editPath(project.slug)}#phases`}>Retour aux phases</a>
          </p>
        </div>
      </div>
    </>
  );
}
