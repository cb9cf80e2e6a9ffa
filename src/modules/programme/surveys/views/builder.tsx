import type { FormQuestion, QuestionType } from '../../../../platform/forms/definition.ts';
import type { Form } from '../../../../platform/forms/forms.service.ts';
import {
  BuilderErrors,
  FormStatusPanel,
  FormTextsEditor,
  QuestionEditor,
  QuestionsOverview,
  QuestionTypeChooser,
} from '../../../../platform/forms/views/builder.tsx';
import type { FormState } from '../../../../platform/web/components.tsx';
import type { SurveysProject } from '../access.ts';
import { surveyPath } from '../paths.ts';
import { SurveyHeader, SurveysBreadcrumb } from './parts.tsx';

/** The survey's main page: how to share it, its questions, its texts. Read-only for managers. */
export function SurveyBuilderPage(props: {
  project: SurveysProject;
  form: Form;
  counts: { en_ligne: number; papier: number };
  publicUrl: string;
  texts: FormState;
  csrfToken: string;
}) {
  const { project, form } = props;
  const base = surveyPath(project.slug, form.id);
  const total = props.counts.en_ligne + props.counts.papier;
  return (
    <>
      <SurveyHeader project={project} form={form} page="questions" />
      <p>
        {total === 0
          ? 'Aucune réponse pour le moment.'
          : `${total} réponse${total > 1 ? 's' : ''} : ${props.counts.en_ligne} en ligne, ${props.counts.papier} sur papier.`}{' '}
        <a href={surveyPath(project.slug, form.id, '/resultats')}>Voir les résultats</a>
      </p>
      <div class="fr-grid-row fr-grid-row--gutters">
        <div class="fr-col-12 fr-col-md-8">
          <section class="fr-mb-6w">
            <h2 class="fr-h4">Diffusion</h2>
            <FormStatusPanel
              form={form}
              publicUrl={props.publicUrl}
              base={base}
              csrfToken={props.csrfToken}
              canEdit={project.mayWrite}
            />
            <p>
              Pour les personnes sans téléphone ou sans Internet :{' '}
              <a href={surveyPath(project.slug, form.id, '/papier')}>imprimez la version papier</a>
              {project.mayWrite && (
                <>
                  , puis <a href={surveyPath(project.slug, form.id, '/saisie')}>saisissez chaque réponse</a>
                </>
              )}
              .
            </p>
          </section>
          <section class="fr-mb-6w">
            <h2 class="fr-h4">Questions</h2>
            {total > 0 && project.mayWrite && (
              <p class="fr-text--sm">
                Des personnes ont déjà répondu : vous pouvez reformuler les questions, mais plus supprimer une
                question ou une réponse déjà choisie.
              </p>
            )}
            <QuestionsOverview
              questions={form.questions}
              base={base}
              csrfToken={props.csrfToken}
              canEdit={project.mayWrite}
            />
            {project.mayWrite && <QuestionTypeChooser base={base} />}
          </section>
          {project.mayWrite && (
            <section class="fr-mb-6w">
              <h2 class="fr-h4">Textes</h2>
              <BuilderErrors form={props.texts} />
              <FormTextsEditor action={`${base}/textes`} csrfToken={props.csrfToken} state={props.texts} />
            </section>
          )}
        </div>
      </div>
    </>
  );
}

/** A new question of a type, or an edited one. */
export function QuestionPage(props: {
  project: SurveysProject;
  form: Form;
  type: QuestionType;
  question?: FormQuestion;
  earlier: FormQuestion[];
  state: FormState;
  csrfToken: string;
}) {
  const { project, form, question } = props;
  const base = surveyPath(project.slug, form.id);
  const title = question ? 'Modifier la question' : 'Nouvelle question';
  return (
    <>
      <SurveysBreadcrumb project={project} form={form} current={title} />
      <h1>{title}</h1>
      <p class="fr-text--lead">{form.title}</p>
      <div class="fr-grid-row">
        <div class="fr-col-12 fr-col-md-8">
          <BuilderErrors form={props.state} />
          <QuestionEditor
            type={props.type}
            question={question}
            earlier={props.earlier}
            state={props.state}
            action={question ? `${base}/questions/${question.id}` : `${base}/questions`}
            csrfToken={props.csrfToken}
            cancelHref={base}
          />
        </div>
      </div>
    </>
  );
}
