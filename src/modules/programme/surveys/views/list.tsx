import type { Form } from '../../../../platform/forms/forms.service.ts';
import { StatusBadge } from '../../../../platform/forms/views/builder.tsx';
import {
  ErrorSummary,
  type FormState,
  formatDateTime,
  Input,
  PostForm,
  Table,
} from '../../../../platform/web/components.tsx';
import type { SurveysProject } from '../access.ts';
import { surveyPath, surveysPath } from '../paths.ts';
import { SurveysBreadcrumb } from './parts.tsx';

export type ListedSurvey = Form & { responseCount: { en_ligne: number; papier: number } };

/** A project's surveys with their counts of responses, and (for the team) the form to start one. */
export function SurveysPage(props: {
  project: SurveysProject;
  surveys: ListedSurvey[];
  state: FormState;
  csrfToken: string;
}) {
  const { project } = props;
  return (
    <>
      <SurveysBreadcrumb project={project} />
      <h1 class="fr-mb-1w">Enquêtes de terrain</h1>
      <p class="fr-text--lead">{project.title}</p>
      <p>
        Un questionnaire court, à faire remplir en ligne (un lien public, sans compte, lisible sur un
        téléphone) ou sur papier (saisi ensuite ici), pour mesurer le problème auprès des personnes
        concernées.
      </p>
      {props.surveys.length === 0 ? (
        <p>Aucune enquête pour le moment.</p>
      ) : (
        <Table caption="Enquêtes du projet" headers={['Enquête', 'État', 'En ligne', 'Papier', 'Créée le']}>
          {props.surveys.map((survey) => (
            <tr>
              <td>
                <a href={surveyPath(project.slug, survey.id)}>{survey.title}</a>
              </td>
              <td>
                <StatusBadge status={survey.status} />
              </td>
              <td>{survey.responseCount.en_ligne}</td>
              <td>{survey.responseCount.papier}</td>
              <td>{formatDateTime(survey.createdAt)}</td>
            </tr>
          ))}
        </Table>
      )}
      {project.mayWrite && (
        <section class="fr-mt-6w">
          <h2 class="fr-h4">Nouvelle enquête</h2>
          <div class="fr-grid-row">
            <div class="fr-col-12 fr-col-md-8">
              <ErrorSummary form={props.state} labels={{ title: 'Titre' }} />
              <PostForm action={surveysPath(project.slug)} csrfToken={props.csrfToken}>
                <Input
                  form={props.state}
                  name="title"
                  label="Titre de l’enquête"
                  hint="Les personnes le liront en premier, par exemple « Votre accueil au téléphone »."
                  required
                />
                <button type="submit" class="fr-btn fr-btn--icon-left fr-icon-add-line">
                  Créer l’enquête
                </button>
              </PostForm>
            </div>
          </div>
        </section>
      )}
    </>
  );
}
