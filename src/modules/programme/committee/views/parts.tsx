import { type FormState, fieldId, Input } from '../../../../platform/web/components.tsx';
import { Field, FormErrors, Textarea } from '../../../../platform/web/fields.tsx';
import { committeeDecisionLabels } from '../../labels.ts';
import { SPACE } from '../../part.ts';
import type { ItemView } from '../access.ts';
import { longDay, shortDateTime } from '../format.ts';
import { agendaField, committeeLabels } from '../schemas.ts';

/** Pieces shared by the committee's pages. */

export const programmeCrumb = { label: 'Programme', href: SPACE };

/** A text typed with line breaks, as paragraphs (escaped by preact like any text). */
export function Paragraphs({ text }: { text: string }) {
  return (
    <>
      {text
        .split(/\n{2,}/)
        .filter((p) => p.trim())
        .map((p) => (
          <p>
            {p.split('\n').map((line, i) => (
              <>
                {i > 0 && <br />}
                {line}
              </>
            ))}
          </p>
        ))}
    </>
  );
}

/** The materials' state in words: « déposés le … », « en retard », « manquants ». */
export function MaterialsBadge({ item, dueOn }: { item: ItemView; dueOn: string }) {
  const { state, overdue } = item.materials;
  if (state === 'deposes')
    return (
      <p class="fr-badge fr-badge--success fr-badge--sm">
        Déposés le {shortDateTime(item.materialsSubmittedAt!)}
      </p>
    );
  if (state === 'en_retard')
    return (
      <p class="fr-badge fr-badge--warning fr-badge--sm">
        En retard : déposés le {shortDateTime(item.materialsSubmittedAt!)}
      </p>
    );
  return (
    <p class={`fr-badge fr-badge--sm ${overdue ? 'fr-badge--error' : 'fr-badge--info'}`}>
      {overdue ? `Manquants (attendus le ${longDay(dueOn)})` : 'Manquants'}
    </p>
  );
}

export function DecisionBadge({ decision }: { decision: ItemView['decision'] }) {
  if (!decision) return <span>Pas encore décidé</span>;
  const tone = decision === 'go' ? 'success' : decision === 'stop' ? 'error' : 'new';
  return <p class={`fr-badge fr-badge--${tone} fr-badge--sm`}>{committeeDecisionLabels[decision]}</p>;
}

/** The mean score « 2,7 / 4 » or a dash. */
export function formatMean(mean: number | null): string {
  return mean === null ? '—' : `${mean.toLocaleString('fr-FR')} / 4`;
}

/**
 * The committee's fields, for scheduling and for changes: title, day and time (Paris), place,
 * members by email, and the agenda as a rank per project of the cohort.
 */
export function CommitteeFields(props: {
  form: FormState;
  projects: { id: string; title: string }[];
  decidedProjectIds?: string[];
}) {
  const labels = { ...committeeLabels };
  for (const p of props.projects) labels[agendaField(p.id)] = `Rang de « ${p.title} »`;
  return (
    <>
      <FormErrors form={props.form} labels={labels} />
      <Input form={props.form} name="titre" label="Titre" required />
      <div class="fr-grid-row fr-grid-row--gutters">
        <div class="fr-col-12 fr-col-md-6">
          <Field
            form={props.form}
            name="jour"
            label="Jour"
            type="date"
            required
            hint="Format : jj/mm/aaaa."
          />
        </div>
        <div class="fr-col-12 fr-col-md-6">
          <Field
            form={props.form}
            name="heure"
            label="Heure (heure de Paris)"
            type="time"
            required
            hint="Format : hh:mm, par exemple 09:30."
          />
        </div>
      </div>
      <Input
        form={props.form}
        name="lieu"
        label="Lieu"
        hint="Une salle, une adresse ou un lien de visioconférence."
      />
      <Textarea
        form={props.form}
        name="membres"
        label="Membres du comité"
        hint="Les adresses électroniques des agents qui votent, une par ligne. Chacun doit déjà avoir un compte."
        rows={5}
      />
      <fieldset class="fr-fieldset" id={fieldId('ordre')} aria-labelledby={`${fieldId('ordre')}-legende`}>
        <legend class="fr-fieldset__legend" id={`${fieldId('ordre')}-legende`}>
          Ordre du jour
          <span class="fr-hint-text">
            Pour chaque projet présenté, son rang de passage (1, 2, 3…). Laissez vide les projets qui ne
            passent pas devant ce comité. Un projet retiré de l’ordre du jour perd ses documents et ses votes.
          </span>
        </legend>
        {props.projects.length === 0 && (
          <p class="fr-fieldset__element">La saison n’a pas encore de projet.</p>
        )}
        {props.projects.map((p) => (
          <div class="fr-fieldset__element">
            <Input
              form={props.form}
              name={agendaField(p.id)}
              label={`Rang de « ${p.title} »`}
              hint={
                props.decidedProjectIds?.includes(p.id)
                  ? 'Décision enregistrée : le projet reste à l’ordre du jour.'
                  : undefined
              }
              inputMode="numeric"
            />
          </div>
        ))}
      </fieldset>
    </>
  );
}
