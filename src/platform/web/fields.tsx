import { type FormState, fieldId } from './components.tsx';

/**
 * Form fields beyond components.tsx's Input and Select, in DSFR markup with the same ids, so the
 * error summary links to them: the error summary of a long form, text-like inputs (time, date, tel),
 * several lines of text, groups of checkboxes or radios, and a single checkbox.
 */

/**
 * The form's errors at the top, each linked to its field; an error of the whole form (key « _ »,
 * e.g. an overlap with another opening slot) is shown first, without a link.
 */
export function FormErrors({ form, labels }: { form: FormState; labels: Record<string, string> }) {
  // In the order of the form (the labels' order), the whole-form error first.
  const order = ['_', ...Object.keys(labels)];
  const rank = (field: string) => (order.includes(field) ? order.indexOf(field) : order.length);
  const entries = Object.entries(form.errors).sort(([a], [b]) => rank(a) - rank(b));
  if (entries.length === 0) return null;
  return (
    <div class="fr-alert fr-alert--error fr-mb-4w" role="alert" id="resume-erreurs">
      <h2 class="fr-alert__title">
        {entries.length === 1
          ? 'Le formulaire contient une erreur'
          : `Le formulaire contient ${entries.length} erreurs`}
      </h2>
      <ul>
        {entries.map(([field, message]) =>
          field === '_' ? (
            <li>{message}</li>
          ) : (
            <li>
              <a href={`#${fieldId(field)}`}>{labels[field] ? `${labels[field]} : ${message}` : message}</a>
            </li>
          ),
        )}
      </ul>
    </div>
  );
}

function describedBy(id: string, hint?: string, error?: string): string | undefined {
  return [hint && `${id}-aide`, error && `${id}-erreur`].filter(Boolean).join(' ') || undefined;
}

function Label(props: { id: string; label: string; hint?: string; required?: boolean }) {
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

function ErrorText({ id, error }: { id: string; error?: string }) {
  return error ? (
    <p class="fr-error-text" id={`${id}-erreur`}>
      {error}
    </p>
  ) : null;
}

export type FieldProps = { form: FormState; name: string; label: string; hint?: string; required?: boolean };

/** A text-like input whose type the shared Input does not offer (time, number with decimals…). */
export function Field(
  props: FieldProps & {
    type: 'time' | 'date' | 'text' | 'tel';
    inputMode?: 'numeric' | 'decimal' | 'tel';
    autocomplete?: string;
    class?: string;
  },
) {
  const id = fieldId(props.name);
  const error = props.form.errors[props.name];
  return (
    <div
      class={`fr-input-group${error ? ' fr-input-group--error' : ''}${props.class ? ` ${props.class}` : ''}`}
    >
      <Label id={id} label={props.label} hint={props.hint} required={props.required} />
      <input
        class={`fr-input${error ? ' fr-input--error' : ''}`}
        id={id}
        name={props.name}
        // The union of input types confuses preact's typings; each is a plain text-like input.
        type={props.type as 'text'}
        inputMode={props.inputMode}
        autocomplete={props.autocomplete}
        value={props.form.values[props.name] ?? ''}
        required={props.required}
        aria-invalid={error ? 'true' : undefined}
        aria-describedby={describedBy(id, props.hint, error)}
      />
      <ErrorText id={id} error={error} />
    </div>
  );
}

export function Textarea(props: FieldProps & { rows?: number }) {
  const id = fieldId(props.name);
  const error = props.form.errors[props.name];
  return (
    <div class={`fr-input-group${error ? ' fr-input-group--error' : ''}`}>
      <Label id={id} label={props.label} hint={props.hint} required={props.required} />
      <textarea
        class={`fr-input${error ? ' fr-input--error' : ''}`}
        id={id}
        name={props.name}
        rows={props.rows ?? 3}
        aria-invalid={error ? 'true' : undefined}
        aria-describedby={describedBy(id, props.hint, error)}
      >
        {props.form.values[props.name] ?? ''}
      </textarea>
      <ErrorText id={id} error={error} />
    </div>
  );
}

/**
 * A group of checkboxes or radio buttons in a DSFR fieldset. Its legend carries the id the error
 * summary links to. Checkbox groups post one value per ticked box under the same name.
 */
export function Choices(
  props: FieldProps & {
    kind: 'checkbox' | 'radio';
    options: { value: string; label: string; hint?: string }[];
    inline?: boolean;
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
      {props.options.map((option, index) => {
        const optionId = `${id}-${index}`;
        return (
          <div class={`fr-fieldset__element${props.inline ? ' fr-fieldset__element--inline' : ''}`}>
            <div class={props.kind === 'checkbox' ? 'fr-checkbox-group' : 'fr-radio-group'}>
              <input
                type={props.kind}
                id={optionId}
                name={props.name}
                value={option.value}
                checked={chosen.includes(option.value)}
              />
              <label class="fr-label" for={optionId}>
                {option.label}
                {option.hint && <span class="fr-hint-text">{option.hint}</span>}
              </label>
            </div>
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

/** One checkbox on its own (a yes/no setting). */
export function Checkbox(props: { form: FormState; name: string; label: string; hint?: string }) {
  const id = fieldId(props.name);
  const value = props.form.values[props.name];
  return (
    <div class="fr-checkbox-group fr-mb-3w">
      <input
        type="checkbox"
        id={id}
        name={props.name}
        value="on"
        checked={Boolean(value && value !== 'off')}
      />
      <label class="fr-label" for={id}>
        {props.label}
        {props.hint && <span class="fr-hint-text">{props.hint}</span>}
      </label>
    </div>
  );
}
