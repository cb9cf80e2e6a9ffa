import { SecondaryAction } from '../../../../platform/scheduling/admin/views/parts.tsx';
import { type FormState, PostForm, SubmitButton } from '../../../../platform/web/components.tsx';
import { Choices, FormErrors, Textarea } from '../../../../platform/web/fields.tsx';
import { hypothesisStateLabels } from '../../labels.ts';
import type { JournalProject } from '../access.ts';
import type { Hypothesis } from '../hypotheses.repository.ts';
import { nextStates } from '../hypothesis-states.ts';
import { journalPath } from '../paths.ts';
import { hypothesisLabels, stateLabels } from '../schemas.ts';
import { FormHeader, plural } from './parts.tsx';

const STATEMENT_HINT =
  'Une phrase que le terrain peut contredire, par exemple « La plupart des appels perdus le sont entre 12 h et 14 h ».';

export function NewHypothesisPage(props: { project: JournalProject; form: FormState; csrfToken: string }) {
  return (
    <>
      <FormHeader project={props.project} title="Nouvelle hypothèse" />
      <div class="fr-grid-row">
        <div class="fr-col-12 fr-col-md-8">
          <FormErrors form={props.form} labels={hypothesisLabels} />
          <PostForm
            action={journalPath(props.project.slug, '/hypotheses/nouvelle')}
            csrfToken={props.csrfToken}
          >
            <Textarea
              form={props.form}
              name="enonce"
              label={hypothesisLabels.enonce}
              hint={STATEMENT_HINT}
              required
            />
            <SubmitButton>Ajouter l’hypothèse</SubmitButton>
          </PostForm>
        </div>
      </div>
    </>
  );
}

/** The edit page: its wording, its state (with the conclusion), and its deletion. */
export function EditHypothesisPage(props: {
  project: JournalProject;
  hypothesis: Hypothesis;
  citedBy: number;
  statementForm: FormState;
  stateForm: FormState;
  csrfToken: string;
}) {
  const { project, hypothesis } = props;
  const base = journalPath(project.slug, `/hypotheses/${hypothesis.id}`);
  return (
    <>
      <FormHeader project={project} title="Modifier l’hypothèse" />
      <div class="fr-grid-row">
        <div class="fr-col-12 fr-col-md-8">
          <section class="fr-mb-6w" aria-labelledby="formulation">
            <h2 class="fr-h4" id="formulation">
              Formulation
            </h2>
            <FormErrors form={props.statementForm} labels={hypothesisLabels} />
            <PostForm action={base} csrfToken={props.csrfToken}>
              <Textarea
                form={props.statementForm}
                name="enonce"
                label={hypothesisLabels.enonce}
                hint={STATEMENT_HINT}
                required
              />
              <SubmitButton>Enregistrer la formulation</SubmitButton>
            </PostForm>
          </section>
          <section class="fr-mb-6w" aria-labelledby="etat">
            <h2 class="fr-h4" id="etat">
              État : {hypothesisStateLabels[hypothesis.state]}
            </h2>
            <p class="fr-text--sm">
              Une hypothèse se teste (« en test ») avant d’être invalidée ou confirmée ; la conclusion dit ce
              que l’équipe a appris. Une hypothèse conclue peut être remise en test.
            </p>
            <FormErrors form={props.stateForm} labels={stateLabels} />
            <PostForm action={`${base}/etat`} csrfToken={props.csrfToken}>
              <Choices
                form={props.stateForm}
                kind="radio"
                name="etat"
                label={stateLabels.etat}
                options={nextStates[hypothesis.state].map((state) => ({
                  value: state,
                  label: hypothesisStateLabels[state],
                }))}
                required
              />
              <Textarea
                form={props.stateForm}
                name="conclusion"
                label={stateLabels.conclusion}
                hint="Obligatoire pour invalider ou confirmer : ce que les preuves montrent."
                rows={4}
              />
              <SubmitButton>Changer l’état</SubmitButton>
            </PostForm>
          </section>
          <section aria-labelledby="suppression">
            <h2 class="fr-h4" id="suppression">
              Suppression
            </h2>
            {props.citedBy > 0 ? (
              <p>
                Cette hypothèse est citée par {plural(props.citedBy, 'preuve', 'preuves')} du registre :
                retirez d’abord ce lien pour pouvoir la supprimer, ou concluez-la.
              </p>
            ) : (
              <SecondaryAction action={`${base}/supprimer`} csrfToken={props.csrfToken}>
                Supprimer l’hypothèse
              </SecondaryAction>
            )}
          </section>
        </div>
      </div>
    </>
  );
}
