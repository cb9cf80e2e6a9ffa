import type { Form } from '../../../../platform/forms/forms.service.ts';
import type { FormResults as Results } from '../../../../platform/forms/results.ts';
import { FormQuestions, questionLabels } from '../../../../platform/forms/views/fields.tsx';
import { PaperQuestionnaire } from '../../../../platform/forms/views/paper.tsx';
import { Paragraphs, SUBMISSION_KEY_FIELD } from '../../../../platform/forms/views/public.tsx';
import { FormResults } from '../../../../platform/forms/views/results.tsx';
import { ErrorSummary, type FormState, Input, PostForm } from '../../../../platform/web/components.tsx';
import type { SurveysProject } from '../access.ts';
import { surveyPath } from '../paths.ts';
import { SurveyHeader, SurveysBreadcrumb } from './parts.tsx';

/** The field of the paper questionnaire's number on the entry form. */
export const PAPER_REF_FIELD = '_papier';

/** The questions as people will see them (conditions work, with or without JavaScript); nothing is sent. */
export function PreviewPage(props: { project: SurveysProject; form: Form }) {
  const { form } = props;
  return (
    <>
      <SurveyHeader project={props.project} form={form} page="apercu" />
      <div class="fr-notice fr-notice--info fr-mb-4w">
        <div class="fr-container">
          <div class="fr-notice__body">
            <p class="fr-notice__title">Aperçu : ces réponses ne sont pas enregistrées.</p>
          </div>
        </div>
      </div>
      <div class="fr-grid-row">
        <div class="fr-col-12 fr-col-md-8">
          {form.intro && <Paragraphs text={form.intro} class="fr-text--lead" />}
          {form.questions.length === 0 ? (
            <p>Ce questionnaire n’a pas encore de question.</p>
          ) : (
            <FormQuestions questions={form.questions} form={{ values: {}, errors: {} }} />
          )}
        </div>
      </div>
    </>
  );
}

/**
 * The printable version: the questionnaire is the page (its title is the page's heading), with only
 * the way back and a word on numbering the copies above it.
 */
export function PaperPage(props: { project: SurveysProject; form: Form }) {
  return (
    <>
      <SurveysBreadcrumb project={props.project} form={props.form} current="Version papier" />
      <p class="fr-text--sm">
        Imprimez cette page (Ctrl + P) et numérotez chaque exemplaire : le numéro est demandé à la saisie,
        pour qu’un exemplaire ne soit jamais compté deux fois.
      </p>
      <div class="fr-col-12 fr-col-md-8">
        <PaperQuestionnaire form={props.form} />
      </div>
    </>
  );
}

/** Typing in one paper questionnaire: its number, then its answers as written. */
export function EntryPage(props: {
  project: SurveysProject;
  form: Form;
  state: FormState;
  submissionKey: string;
  entered: number;
  csrfToken: string;
}) {
  const { project, form } = props;
  return (
    <>
      <SurveyHeader project={project} form={form} page="saisie" title="Saisir une réponse papier" />
      <p>
        {props.entered === 0
          ? 'Aucun questionnaire papier saisi pour le moment.'
          : `${props.entered} questionnaire${props.entered > 1 ? 's' : ''} papier déjà saisi${props.entered > 1 ? 's' : ''}.`}{' '}
        Recopiez les réponses telles qu’elles sont écrites : une question laissée vide sur le papier reste
        vide, même obligatoire.
      </p>
      {form.status === 'brouillon' ? (
        <p>Ouvrez d’abord le questionnaire pour pouvoir saisir des réponses.</p>
      ) : (
        <div class="fr-grid-row">
          <div class="fr-col-12 fr-col-md-8">
            <ErrorSummary
              form={props.state}
              labels={{ [PAPER_REF_FIELD]: 'N° du questionnaire papier', ...questionLabels(form.questions) }}
            />
            <PostForm action={surveyPath(project.slug, form.id, '/saisie')} csrfToken={props.csrfToken}>
              <input type="hidden" name={SUBMISSION_KEY_FIELD} value={props.submissionKey} />
              <Input
                form={props.state}
                name={PAPER_REF_FIELD}
                label="N° du questionnaire papier"
                hint="Le numéro écrit sur l’exemplaire, par exemple 12 ou MARCHE-03."
                required
                autocomplete="off"
              />
              <FormQuestions questions={form.questions} form={props.state} />
              <button type="submit" class="fr-btn fr-mt-2w">
                Enregistrer ce questionnaire
              </button>
            </PostForm>
          </div>
        </div>
      )}
    </>
  );
}

export function ResultsPage(props: { project: SurveysProject; form: Form; results: Results }) {
  const { project, form } = props;
  return (
    <>
      <SurveyHeader project={project} form={form} page="resultats" title={`Résultats : ${form.title}`} />
      <p>
        <a
          class="fr-link fr-icon-download-line fr-link--icon-left"
          href={surveyPath(project.slug, form.id, '/export.csv')}
          download
        >
          Télécharger les réponses (CSV, une ligne par réponse)
        </a>
      </p>
      <FormResults results={props.results} />
    </>
  );
}
