import type { ComponentChildren } from 'preact';
import { type FormState, fieldId, Input, PostForm } from '../../web/components.tsx';
import { Choices, FormErrors, Textarea } from '../../web/fields.tsx';
import { builderLabels, conditionKey, NEW_OPTION_FIELDS, newOptionField, optionField } from '../builder.ts';
import {
  canCondition,
  type FormQuestion,
  type QuestionType,
  questionTypeLabels,
  questionTypes,
  scaleValues,
} from '../definition.ts';
import { type Form, TEXT_MAX } from '../forms.service.ts';
import { conditionSentence } from './fields.tsx';

/**
 * The builder's pieces, for any module that lets agents write forms: plain forms that post and
 * redirect, no JavaScript. A module mounts the routes of {@link builderPaths} under its own URL of
 * the form (`base`) and checks its own permissions there.
 */

export function builderPaths(base: string) {
  return {
    base,
    texts: `${base}/textes`,
    newQuestion: `${base}/questions/nouvelle`,
    questions: `${base}/questions`,
    question: (id: string) => `${base}/questions/${id}`,
    move: (id: string, direction: 'up' | 'down') =>
      `${base}/questions/${id}/${direction === 'up' ? 'monter' : 'descendre'}`,
    remove: (id: string) => `${base}/questions/${id}/supprimer`,
    open: `${base}/ouvrir`,
    close: `${base}/clore`,
  };
}

export const formStatusLabels = { brouillon: 'Brouillon', ouvert: 'Ouvert', clos: 'Clos' } as const;

export function StatusBadge({ status }: { status: Form['status'] }) {
  const kind = status === 'ouvert' ? 'success' : status === 'clos' ? 'warning' : 'info';
  return (
    <p class={`fr-badge fr-badge--${kind} fr-badge--sm fr-badge--no-icon`}>{formStatusLabels[status]}</p>
  );
}

/** The errors of a builder form at the top; an error of the whole form (key « _ ») first, unlinked. */
export function BuilderErrors({ form }: { form: FormState }) {
  return <FormErrors form={form} labels={builderLabels} />;
}

function SelectField(props: { form: FormState; name: string; label: string; options: string[] }) {
  const id = fieldId(props.name);
  const error = props.form.errors[props.name];
  const current = props.form.values[props.name] ?? '';
  return (
    <div class={`fr-select-group${error ? ' fr-select-group--error' : ''}`}>
      <label class="fr-label" for={id}>
        {props.label}
      </label>
      <select
        class="fr-select"
        id={id}
        name={props.name}
        aria-describedby={error ? `${id}-erreur` : undefined}
      >
        {props.options.map((value) => (
          <option value={value} selected={value === current}>
            {value}
          </option>
        ))}
      </select>
      {error && (
        <p class="fr-error-text" id={`${id}-erreur`}>
          {error}
        </p>
      )}
    </div>
  );
}

/** The title, the introduction and the thanks of a form. */
export function FormTextsEditor(props: { action: string; csrfToken: string; state: FormState }) {
  return (
    <PostForm action={props.action} csrfToken={props.csrfToken}>
      <Input form={props.state} name="title" label="Titre" required />
      <Textarea
        form={props.state}
        name="intro"
        label="Introduction"
        hint={`Ce que les personnes lisent avant les questions : qui vous êtes, pourquoi vous demandez, combien de temps cela prend (${TEXT_MAX.intro} caractères au plus).`}
        rows={4}
      />
      <Textarea
        form={props.state}
        name="thanks"
        label="Message de remerciement"
        hint="Affiché une fois les réponses envoyées. Laissé vide : un remerciement simple."
      />
      <button type="submit" class="fr-btn fr-btn--secondary">
        Enregistrer les textes
      </button>
    </PostForm>
  );
}

/** What a question asks for, in a few words (« Échelle de 1 à 5 », « 3 réponses proposées »). */
function questionSummary(question: FormQuestion): string {
  const type = questionTypeLabels[question.type];
  switch (question.type) {
    case 'single_choice':
    case 'multiple_choice':
      return `${type} : ${question.options.map((o) => o.label).join(' / ')}`;
    case 'scale':
      return `${type} de ${question.min} à ${question.max}`;
    case 'text':
      return `${type} (${question.multiline ? 'réponse longue' : 'réponse courte'})`;
    case 'number':
      return `${type} ${question.integer ? 'entier' : 'décimal'}`;
  }
}

function SmallAction(props: { action: string; csrfToken: string; children: ComponentChildren }) {
  return (
    <li>
      <PostForm action={props.action} csrfToken={props.csrfToken} class="tp-inline-form">
        <button type="submit" class="fr-btn fr-btn--sm fr-btn--tertiary">
          {props.children}
        </button>
      </PostForm>
    </li>
  );
}

/** The questions in order, each with its summary and (for editors) change, move and delete. */
export function QuestionsOverview(props: {
  questions: FormQuestion[];
  base: string;
  csrfToken: string;
  canEdit: boolean;
}) {
  const paths = builderPaths(props.base);
  if (props.questions.length === 0) return <p>Ce questionnaire n’a pas encore de question.</p>;
  return (
    <ol class="fr-raw-list">
      {props.questions.map((question, index) => {
        const condition = conditionSentence(question, props.questions);
        const number = index + 1;
        return (
          <li class="fr-mb-4w" id={`question-${question.id}`}>
            <h3 class="fr-h6 fr-mb-1w">
              {number}. {question.label}
            </h3>
            <p class="fr-text--sm fr-mb-1w">
              {questionSummary(question)}
              {question.required ? ' · obligatoire' : ' · facultative'}
            </p>
            {question.hint && <p class="fr-text--sm fr-mb-1w">Aide : {question.hint}</p>}
            {condition && <p class="fr-text--sm fr-mb-1w">Condition : {condition}</p>}
            {props.canEdit && (
              <ul class="fr-btns-group fr-btns-group--inline fr-btns-group--sm">
                <li>
                  <a class="fr-btn fr-btn--sm fr-btn--secondary" href={paths.question(question.id)}>
                    Modifier<span class="fr-sr-only"> la question {number}</span>
                  </a>
                </li>
                {index > 0 && (
                  <SmallAction action={paths.move(question.id, 'up')} csrfToken={props.csrfToken}>
                    Monter<span class="fr-sr-only"> la question {number}</span>
                  </SmallAction>
                )}
                {index < props.questions.length - 1 && (
                  <SmallAction action={paths.move(question.id, 'down')} csrfToken={props.csrfToken}>
                    Descendre<span class="fr-sr-only"> la question {number}</span>
                  </SmallAction>
                )}
                <SmallAction action={paths.remove(question.id)} csrfToken={props.csrfToken}>
                  Supprimer<span class="fr-sr-only"> la question {number}</span>
                </SmallAction>
              </ul>
            )}
          </li>
        );
      })}
    </ol>
  );
}

/** The first step of a new question: its type (a GET form, so it needs no token). */
export function QuestionTypeChooser(props: { base: string }) {
  return (
    <form method="get" action={builderPaths(props.base).newQuestion}>
      <fieldset class="fr-fieldset" id="champ-type" aria-labelledby="champ-type-legende">
        <legend class="fr-fieldset__legend fr-fieldset__legend--regular" id="champ-type-legende">
          Type de la nouvelle question
        </legend>
        {questionTypes.map((type, index) => (
          <div class="fr-fieldset__element">
            <div class="fr-radio-group">
              <input type="radio" id={`champ-type-${index}`} name="type" value={type} checked={index === 0} />
              <label class="fr-label" for={`champ-type-${index}`}>
                {questionTypeLabels[type]}
                <span class="fr-hint-text">{typeHints[type]}</span>
              </label>
            </div>
          </div>
        ))}
      </fieldset>
      <button type="submit" class="fr-btn fr-btn--icon-left fr-icon-add-line">
        Ajouter cette question
      </button>
    </form>
  );
}

const typeHints: Record<QuestionType, string> = {
  single_choice: 'Une seule réponse parmi celles proposées (oui / non, une catégorie…).',
  multiple_choice: 'Plusieurs réponses possibles parmi celles proposées.',
  scale: 'Une note, par exemple de 1 à 5, avec le sens des extrémités.',
  text: 'Une réponse libre, courte ou longue.',
  number: 'Un nombre (un âge, une durée, un nombre de fois…).',
};

/** The form of one question, new (`question` absent) or edited. */
export function QuestionEditor(props: {
  type: QuestionType;
  question?: FormQuestion;
  earlier: FormQuestion[];
  state: FormState;
  action: string;
  csrfToken: string;
  cancelHref: string;
}) {
  const { state, question } = props;
  const blanks = question ? NEW_OPTION_FIELDS.edit : NEW_OPTION_FIELDS.create;
  const existing =
    question && (question.type === 'single_choice' || question.type === 'multiple_choice')
      ? question.options
      : [];
  return (
    <PostForm action={props.action} csrfToken={props.csrfToken}>
      <input type="hidden" name="type" value={props.type} />
      <p>
        Type : <strong>{questionTypeLabels[props.type]}</strong>
      </p>
      <Input form={state} name="label" label="Intitulé de la question" required />
      <Input
        form={state}
        name="hint"
        label="Aide"
        hint="Facultative : une précision affichée sous l’intitulé."
      />
      <div class="fr-checkbox-group fr-mb-3w">
        <input
          type="checkbox"
          id="champ-required"
          name="required"
          value="on"
          checked={state.values.required === 'on'}
        />
        <label class="fr-label" for="champ-required">
          Réponse obligatoire
        </label>
      </div>
      {(props.type === 'single_choice' || props.type === 'multiple_choice') && (
        <fieldset
          class={`fr-fieldset${state.errors.options ? ' fr-fieldset--error' : ''}`}
          id={fieldId('options')}
          aria-labelledby={`${fieldId('options')}-legende`}
        >
          <legend class="fr-fieldset__legend" id={`${fieldId('options')}-legende`}>
            Réponses proposées
            <span class="fr-hint-text">
              Une réponse par champ. Videz un champ pour retirer la réponse (impossible si elle a déjà été
              choisie). Enregistrez pour obtenir d’autres champs vides.
            </span>
          </legend>
          {existing.map((option, index) => (
            <div class="fr-fieldset__element">
              <Input form={state} name={optionField(option)} label={`Réponse ${index + 1}`} />
            </div>
          ))}
          {Array.from({ length: blanks }, (_, i) => (
            <div class="fr-fieldset__element">
              <Input
                form={state}
                name={newOptionField(i + 1)}
                label={`${question ? 'Nouvelle réponse' : 'Réponse'} ${question ? i + 1 : existing.length + i + 1}`}
              />
            </div>
          ))}
          {state.errors.options && (
            <div class="fr-messages-group" id={`${fieldId('options')}-erreur`} aria-live="polite">
              <p class="fr-message fr-message--error">{state.errors.options}</p>
            </div>
          )}
        </fieldset>
      )}
      {props.type === 'scale' && (
        <div class="fr-grid-row fr-grid-row--gutters">
          <div class="fr-col-6 fr-col-md-3">
            <SelectField form={state} name="min" label="De" options={['0', '1']} />
          </div>
          <div class="fr-col-6 fr-col-md-3">
            <SelectField
              form={state}
              name="max"
              label="À"
              options={['2', '3', '4', '5', '6', '7', '8', '9', '10']}
            />
          </div>
          <div class="fr-col-12 fr-col-md-6">
            <Input form={state} name="minLabel" label="Sens du début" hint="Par exemple « Pas du tout »." />
            <Input form={state} name="maxLabel" label="Sens de la fin" hint="Par exemple « Tout à fait »." />
          </div>
        </div>
      )}
      {props.type === 'text' && (
        <Choices
          kind="radio"
          form={state}
          name="format"
          label="Longueur de la réponse"
          options={[
            { value: 'court', label: 'Courte (une ligne)' },
            { value: 'long', label: 'Longue (plusieurs lignes)' },
          ]}
        />
      )}
      {props.type === 'number' && (
        <>
          <Choices
            kind="radio"
            form={state}
            name="nature"
            label="Nature du nombre"
            inline
            options={[
              { value: 'entier', label: 'Entier' },
              { value: 'decimal', label: 'Décimal' },
            ]}
          />
          <div class="fr-grid-row fr-grid-row--gutters">
            <div class="fr-col-6">
              <Input form={state} name="minimum" label="Minimum" hint="Facultatif." inputMode="text" />
            </div>
            <div class="fr-col-6">
              <Input form={state} name="maximum" label="Maximum" hint="Facultatif." inputMode="text" />
            </div>
          </div>
        </>
      )}
      <ConditionChooser earlier={props.earlier} state={state} />
      <ul class="fr-btns-group fr-btns-group--inline-md fr-mt-2w">
        <li>
          <button type="submit" class="fr-btn">
            Enregistrer la question
          </button>
        </li>
        <li>
          <a class="fr-btn fr-btn--secondary" href={props.cancelHref}>
            Annuler
          </a>
        </li>
      </ul>
    </PostForm>
  );
}

/**
 * « Afficher cette question seulement si… »: checkboxes « answer » grouped by earlier question. Ticking
 * none shows the question to everyone; ticks must all belong to one question (checked on save).
 */
function ConditionChooser(props: { earlier: FormQuestion[]; state: FormState }) {
  const candidates = props.earlier.filter(canCondition);
  const id = fieldId('condition');
  const error = props.state.errors.condition;
  const ticked = (props.state.values.condition ?? '').split(',').filter(Boolean);
  return (
    <fieldset
      class={`fr-fieldset fr-mt-2w${error ? ' fr-fieldset--error' : ''}`}
      id={id}
      aria-labelledby={`${id}-legende`}
    >
      <legend class="fr-fieldset__legend" id={`${id}-legende`}>
        Afficher cette question seulement si…
        <span class="fr-hint-text">
          {candidates.length === 0
            ? 'Aucune question à choix ou échelle ne la précède : elle sera toujours affichée.'
            : 'Facultatif. Cochez une ou plusieurs réponses d’une même question précédente ; sans case cochée, la question est toujours affichée.'}
        </span>
      </legend>
      {candidates.map((target) => {
        const number = props.earlier.indexOf(target) + 1;
        const answers =
          target.type === 'scale'
            ? scaleValues(target).map((v) => ({ value: String(v), label: `Note ${v}` }))
            : target.type === 'single_choice' || target.type === 'multiple_choice'
              ? target.options.map((o) => ({ value: o.id, label: o.label }))
              : [];
        return (
          <div class="fr-fieldset__element">
            <p class="fr-text--sm fr-text--bold fr-mb-1w">
              Question {number} : {target.label}
            </p>
            {answers.map((answer) => {
              const key = conditionKey(target.id, answer.value);
              const inputId = `${id}-${target.id}-${answer.value}`;
              return (
                <div class="fr-checkbox-group fr-checkbox-group--sm">
                  <input
                    type="checkbox"
                    id={inputId}
                    name="condition"
                    value={key}
                    checked={ticked.includes(key)}
                  />
                  <label class="fr-label" for={inputId}>
                    {answer.label}
                    <span class="fr-sr-only"> (question {number})</span>
                  </label>
                </div>
              );
            })}
          </div>
        );
      })}
      {error && (
        <div class="fr-messages-group" id={`${id}-erreur`} aria-live="polite">
          <p class="fr-message fr-message--error">{error}</p>
        </div>
      )}
    </fieldset>
  );
}

/** Where the form stands, its public link, and the button that opens or closes it. */
export function FormStatusPanel(props: {
  form: Form;
  publicUrl: string;
  base: string;
  csrfToken: string;
  canEdit: boolean;
}) {
  const { form } = props;
  const paths = builderPaths(props.base);
  return (
    <div class="fr-mb-4w">
      <StatusBadge status={form.status} />
      {form.status === 'ouvert' && (
        <p class="fr-mt-2w">
          Lien public, à partager (il ne demande pas de compte) :<br />
          <a href={props.publicUrl} class="fr-link">
            {props.publicUrl}
          </a>
        </p>
      )}
      {form.status === 'brouillon' && (
        <p class="fr-mt-2w">
          Le lien public ne reçoit pas encore de réponses. Ouvrez le questionnaire quand ses questions sont
          prêtes ; vous pourrez encore les reformuler.
        </p>
      )}
      {form.status === 'clos' && <p class="fr-mt-2w">Le lien public ne reçoit plus de réponses.</p>}
      {props.canEdit && (
        <PostForm action={form.status === 'ouvert' ? paths.close : paths.open} csrfToken={props.csrfToken}>
          <button type="submit" class={`fr-btn${form.status === 'ouvert' ? ' fr-btn--secondary' : ''}`}>
            {form.status === 'ouvert'
              ? 'Clore le questionnaire'
              : form.status === 'clos'
                ? 'Rouvrir le questionnaire'
                : 'Ouvrir le questionnaire'}
          </button>
        </PostForm>
      )}
    </div>
  );
}
