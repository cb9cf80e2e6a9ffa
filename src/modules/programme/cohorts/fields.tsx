import { type FormState, fieldId } from '../../../platform/web/components.tsx';

/**
 * Form fields the platform's components.tsx does not have (several lines of text, a time, a group of
 * checkboxes or radios), with the same DSFR markup and the same ids, so ErrorSummary links to them.
 */

type FieldProps = { form: FormState; name: string; label: string; hint?: string; required?: boolean };

function describedBy(id: string, hint: string | undefined, error: string | undefined) {
  return [hint && `${id}-aide`, error && `${id}-erreur`].filter(Boolean).join(' ') || undefined;
}

function Label(props: FieldProps & { id: string }) {
  return (
    <label class="fr-label" for={props.id}>
      {props.label}
      {props.required ? ' (obligatoire)' : ''}
      {props.hint && (
        <span class="fr-hint-text" id={`${props.id}-aide`}>
          {props.hint}
        </span>
      )}
    </label>
  );
}

function ErrorText({ id, error }: { id: string; error: string | undefined }) {
  return error ? (
    <p class="fr-error-text" id={`${id}-erreur`}>
      {error}
    </p>
  ) : null;
}

export function TextArea(props: FieldProps & { rows?: number }) {
  const id = fieldId(props.name);
  const error = props.form.errors[props.name];
  return (
    <div class={`fr-input-group${error ? ' fr-input-group--error' : ''}`}>
      <Label {...props} id={id} />
      <textarea
        class={`fr-input${error ? ' fr-input--error' : ''}`}
        id={id}
        name={props.name}
        rows={props.rows ?? 4}
        aria-invalid={error ? 'true' : undefined}
        aria-describedby={describedBy(id, props.hint, error)}
      >
        {props.form.values[props.name] ?? ''}
      </textarea>
      <ErrorText id={id} error={error} />
    </div>
  );
}

/** A time of day (hh:mm), which components.tsx's Input does not offer. */
export function TimeInput(props: FieldProps) {
  const id = fieldId(props.name);
  const error = props.form.errors[props.name];
  return (
    <div class={`fr-input-group${error ? ' fr-input-group--error' : ''}`}>
      <Label {...props} id={id} />
      <input
        class={`fr-input${error ? ' fr-input--error' : ''}`}
        type="time"
        id={id}
        name={props.name}
        value={props.form.values[props.name] ?? ''}
        aria-invalid={error ? 'true' : undefined}
        aria-describedby={describedBy(id, props.hint, error)}
      />
      <ErrorText id={id} error={error} />
    </div>
  );
}

/**
 * Checkboxes or radios in a fieldset whose legend names the question. A checkbox group posts one
 * value per ticked box; to show the form again its values are joined with commas.
 */
export function Choices(
  props: FieldProps & {
    kind: 'checkbox' | 'radio';
    options: { value: string; label: string; hint?: string }[];
  },
) {
  const id = fieldId(props.name);
  const error = props.form.errors[props.name];
  const raw = props.form.values[props.name] ?? '';
  const chosen = props.kind === 'checkbox' ? raw.split(',').filter(Boolean) : [raw];
  return (
    <fieldset
      class={`fr-fieldset${error ? ' fr-fieldset--error' : ''}`}
      id={id}
      aria-labelledby={`${id}-legende${error ? ` ${id}-erreur` : ''}`}
    >
      <legend class="fr-fieldset__legend fr-fieldset__legend--regular" id={`${id}-legende`}>
        {props.label}
        {props.required ? ' (obligatoire)' : ''}
        {props.hint && <span class="fr-hint-text">{props.hint}</span>}
      </legend>
      {props.options.map((option, index) => (
        <div class="fr-fieldset__element">
          <div class={props.kind === 'checkbox' ? 'fr-checkbox-group' : 'fr-radio-group'}>
            <input
              type={props.kind}
              id={`${id}-${index}`}
              name={props.name}
              value={option.value}
              checked={chosen.includes(option.value)}
            />
            <label class="fr-label" for={`${id}-${index}`}>
              {option.label}
              {option.hint && <span class="fr-hint-text">{option.hint}</span>}
            </label>
          </div>
        </div>
      ))}
      {error && (
        <div class="fr-messages-group" id={`${id}-erreur`} aria-live="polite">
          <p class="fr-message fr-message--error">{error}</p>
        </div>
      )}
    </fieldset>
  );
}
