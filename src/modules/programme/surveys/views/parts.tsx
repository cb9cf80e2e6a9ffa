import type { Form } from '../../../../platform/forms/forms.service.ts';
import { StatusBadge } from '../../../../platform/forms/views/builder.tsx';
import { Breadcrumb } from '../../../../platform/web/components.tsx';
import { SPACE } from '../../part.ts';
import type { SurveysProject } from '../access.ts';
import { projectPath, surveyPath, surveysPath } from '../paths.ts';

/** Pieces shared by the survey pages: where we are, and the links between a survey's pages. */

export type SurveyPage = 'questions' | 'apercu' | 'papier' | 'saisie' | 'resultats';

const pageTitles: Record<SurveyPage, string> = {
  questions: 'Questions et diffusion',
  apercu: 'Aperçu',
  papier: 'Version papier',
  saisie: 'Saisie papier',
  resultats: 'Résultats',
};

export function SurveysBreadcrumb(props: {
  project: SurveysProject;
  form?: Pick<Form, 'id' | 'title'>;
  current?: string;
}) {
  const items: { label: string; href?: string }[] = [
    { label: 'Programme', href: SPACE },
    { label: props.project.title, href: projectPath(props.project.slug) },
    { label: 'Enquêtes', href: props.form ? surveysPath(props.project.slug) : undefined },
  ];
  if (props.form) {
    items.push({
      label: props.form.title,
      href: props.current ? surveyPath(props.project.slug, props.form.id) : undefined,
    });
  }
  if (props.current) items.push({ label: props.current });
  return <Breadcrumb items={items} />;
}

/** The survey's title, its status and the links to its pages (the current one marked). */
export function SurveyHeader(props: {
  project: SurveysProject;
  form: Form;
  page: SurveyPage;
  title?: string;
}) {
  const { project, form } = props;
  const pages: SurveyPage[] = project.mayWrite
    ? ['questions', 'apercu', 'papier', 'saisie', 'resultats']
    : ['questions', 'apercu', 'papier', 'resultats'];
  const href = (page: SurveyPage) =>
    surveyPath(project.slug, form.id, page === 'questions' ? '' : `/${page}`);
  return (
    <>
      <SurveysBreadcrumb
        project={project}
        form={form}
        current={props.page === 'questions' ? undefined : pageTitles[props.page]}
      />
      <h1 class="fr-mb-1w">{props.title ?? form.title}</h1>
      <p class="fr-text--lead fr-mb-1w">Enquête du projet {project.title}</p>
      <StatusBadge status={form.status} />
      <nav aria-label="Pages de l’enquête" class="fr-my-3w">
        <ul class="fr-tags-group">
          {pages.map((page) => (
            <li>
              <a
                class={props.page === page ? 'fr-tag fr-tag--icon-left fr-icon-check-line' : 'fr-tag'}
                href={href(page)}
                aria-current={props.page === page ? 'page' : undefined}
              >
                {pageTitles[page]}
              </a>
            </li>
          ))}
        </ul>
      </nav>
    </>
  );
}
