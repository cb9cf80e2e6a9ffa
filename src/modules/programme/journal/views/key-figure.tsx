import { SecondaryAction } from '../../../../platform/scheduling/admin/views/parts.tsx';
import { type FormState, PostForm, SubmitButton } from '../../../../platform/web/components.tsx';
import { Checkbox, Field, FormErrors } from '../../../../platform/web/fields.tsx';
import type { JournalProject } from '../access.ts';
import { journalPath } from '../paths.ts';
import { keyFigureLabels } from '../schemas.ts';
import { FormHeader } from './parts.tsx';

export function KeyFigureFormPage(props: {
  project: JournalProject;
  figureId?: string;
  form: FormState;
  csrfToken: string;
}) {
  const { project, form } = props;
  const editing = props.figureId !== undefined;
  const action = journalPath(project.slug, editing ? `/chiffres/${props.figureId}` : '/chiffres/nouveau');
  return (
    <>
      <FormHeader project={project} title={editing ? 'Modifier le chiffre clé' : 'Nouveau chiffre clé'} />
      <div class="fr-grid-row">
        <div class="fr-col-12 fr-col-md-8">
          <FormErrors form={form} labels={keyFigureLabels} />
          <PostForm action={action} csrfToken={props.csrfToken}>
            <Field
              form={form}
              type="text"
              name="valeur"
              label={keyFigureLabels.valeur}
              hint="Par exemple « 70 % », « 8,5 mois », « 1 200 »."
              required
            />
            <Field
              form={form}
              type="text"
              name="libelle"
              label={keyFigureLabels.libelle}
              hint="Par exemple « des appels perdus au standard de l’UTS »."
              required
            />
            <Field
              form={form}
              type="text"
              name="source"
              label={keyFigureLabels.source}
              hint="D’où vient le chiffre et de quand : « relevé du standard, mars 2019 »."
            />
            <Checkbox form={form} name="public" label="Afficher ce chiffre sur la page publique du projet" />
            <SubmitButton>{editing ? 'Enregistrer' : 'Ajouter le chiffre clé'}</SubmitButton>
          </PostForm>
          {editing && (
            <SecondaryAction
              action={journalPath(project.slug, `/chiffres/${props.figureId}/supprimer`)}
              csrfToken={props.csrfToken}
            >
              Supprimer le chiffre clé
            </SecondaryAction>
          )}
        </div>
      </div>
    </>
  );
}
