import { SecondaryAction } from '../../../../platform/scheduling/admin/views/parts.tsx';
import { type FormState, PostForm, Select, SubmitButton } from '../../../../platform/web/components.tsx';
import { Field, FormErrors, Textarea } from '../../../../platform/web/fields.tsx';
import {
  confidenceLabels,
  evidenceClaimLabels,
  evidenceKindLabels,
  hypothesisStateLabels,
} from '../../labels.ts';
import type { JournalProject } from '../access.ts';
import type { LinkChoices } from '../evidence.service.ts';
import { journalPath } from '../paths.ts';
import { evidenceLabels } from '../schemas.ts';
import { FormHeader, formatDay } from './parts.tsx';

const options = (labels: Record<string, string>) =>
  Object.entries(labels).map(([value, label]) => ({ value, label }));

/** The form of a piece of evidence, new or existing (`evidenceId`). */
export function EvidenceFormPage(props: {
  project: JournalProject;
  choices: LinkChoices;
  evidenceId?: string;
  form: FormState;
  csrfToken: string;
}) {
  const { project, choices, form } = props;
  const editing = props.evidenceId !== undefined;
  const action = journalPath(project.slug, editing ? `/preuves/${props.evidenceId}` : '/preuves/nouvelle');
  return (
    <>
      <FormHeader project={project} title={editing ? 'Modifier la preuve' : 'Nouvelle preuve'} />
      <div class="fr-grid-row">
        <div class="fr-col-12 fr-col-md-8">
          <FormErrors form={form} labels={evidenceLabels} />
          <PostForm action={action} csrfToken={props.csrfToken}>
            <Field
              form={form}
              type="text"
              name="titre"
              label={evidenceLabels.titre}
              hint="Ce que la preuve montre, en une ligne."
              required
            />
            <Select
              form={form}
              name="objet"
              label={evidenceLabels.objet}
              options={options(evidenceClaimLabels)}
              placeholder="Choisir"
              required
            />
            <Select
              form={form}
              name="nature"
              label={evidenceLabels.nature}
              options={options(evidenceKindLabels)}
              placeholder="Choisir"
              required
            />
            <Select
              form={form}
              name="confiance"
              label={evidenceLabels.confiance}
              hint="Forte : mesurée ou observée plusieurs fois ; moyenne : quelques témoignages concordants ; faible : un indice."
              options={options(confidenceLabels)}
              placeholder="Choisir"
              required
            />
            <Field
              form={form}
              type="date"
              name="date"
              label={evidenceLabels.date}
              hint="Par exemple 05/03/2019."
              required
            />
            <Field
              form={form}
              type="text"
              name="source"
              label={evidenceLabels.source}
              hint="D’où vient la preuve : un export du standard, un rapport, une observation sur place…"
            />
            <Textarea form={form} name="resume" label={evidenceLabels.resume} rows={5} />
            <fieldset class="fr-fieldset">
              <legend class="fr-fieldset__legend fr-fieldset__legend--regular">
                Liens (facultatifs)
                <span class="fr-hint-text">
                  Vers une hypothèse, un entretien ou une enquête de ce projet.
                </span>
              </legend>
              <div class="fr-fieldset__element">
                <Select
                  form={form}
                  name="hypothese"
                  label={evidenceLabels.hypothese}
                  placeholder="Aucune"
                  options={choices.hypotheses.map((h) => ({
                    value: h.id,
                    label: `${h.statement} (${hypothesisStateLabels[h.state].toLowerCase()})`,
                  }))}
                />
              </div>
              <div class="fr-fieldset__element">
                <Select
                  form={form}
                  name="entretien"
                  label={evidenceLabels.entretien}
                  placeholder="Aucun"
                  options={choices.interviews.map((i) => ({
                    value: i.id,
                    label: `${i.role}, ${formatDay(i.interviewedOn)}`,
                  }))}
                />
              </div>
              <div class="fr-fieldset__element">
                <Select
                  form={form}
                  name="enquete"
                  label={evidenceLabels.enquete}
                  placeholder="Aucune"
                  options={choices.surveys.map((s) => ({ value: s.id, label: s.title }))}
                />
              </div>
            </fieldset>
            <SubmitButton>{editing ? 'Enregistrer' : 'Ajouter la preuve'}</SubmitButton>
          </PostForm>
          {editing && (
            <SecondaryAction
              action={journalPath(project.slug, `/preuves/${props.evidenceId}/supprimer`)}
              csrfToken={props.csrfToken}
            >
              Supprimer la preuve
            </SecondaryAction>
          )}
        </div>
      </div>
    </>
  );
}
