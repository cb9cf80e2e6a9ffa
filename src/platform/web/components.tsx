import type { ComponentChildren } from 'preact';

/**
 * Form building blocks with DSFR markup. A form is re-rendered with the submitted values and one
 * message per field (plus a summary at the top) so nothing the person typed is lost.
 */
export type FormState = {
  values: Record<string, string | undefined>;
  errors: Record<string, string>;
};

export const emptyForm = (values: Record<string, string | undefined> = {}): FormState => ({
  values,
  errors: {},
});

export function CsrfField({ token }: { token: string }) {
  return <input type="hidden" name="_csrf" value={token} />;
}

export function ErrorSummary({ form, labels }: { form: FormState; labels: Record<string, string> }) {
  const entries = Object.entries(form.errors);
  if (entries.length === 0) return null;
  return (
    <div class="fr-alert fr-alert--error fr-mb-4w" role="alert" id="resume-erreurs">
      <h2 class="fr-alert__title">
        {entries.length === 1
          ? 'Le formulaire contient une erreur'
          : `Le formulaire contient ${entries.length} erreurs`}
      </h2>
      <ul>
        {entries.map(([field, message]) => (
          <li>
            <a href={`#${fieldId(field)}`}>{labels[field] ? `${labels[field]} : ${message}` : message}</a>
          </li>
        ))}
      </ul>
    </div>
  );
}

export function fieldId(name: string): string {
  return `champ-${name.replace(/[^a-zA-Z0-9_-]/g, '-')}`;
}

type FieldProps = { form: FormState; name: string; label: string; hint?: string; required?: boolean };

/**
 * What every DSFR field shares: its id, its error, the attributes that tie the control to its hint
 * and its message, and the label. `group` is the DSFR prefix: "input", "select" or "upload".
 */
function fieldParts(props: FieldProps) {
  const id = fieldId(props.name);
  const error = props.form.errors[props.name];
  const describedBy =
    [props.hint && `${id}-aide`, error && `${id}-erreur`].filter(Boolean).join(' ') || undefined;
  const control = {
    id,
    name: props.name,
    required: props.required,
    'aria-invalid': error ? ('true' as const) : undefined,
    'aria-describedby': describedBy,
  };
  const label = (
    <label class="fr-label" for={id}>
      {props.label}
      {props.required ? ' (obligatoire)' : ''}
      {props.hint && (
        <span class="fr-hint-text" id={`${id}-aide`}>
          {props.hint}
        </span>
      )}
    </label>
  );
  return { id, error, control, label };
}

function groupClass(group: 'input' | 'select' | 'upload', error: string | undefined, extra = ''): string {
  return [`fr-${group}-group`, extra, error && `fr-${group}-group--error`].filter(Boolean).join(' ');
}

function ErrorText({ id, error }: { id: string; error: string | undefined }) {
  return error ? (
    <p class="fr-error-text" id={`${id}-erreur`}>
      {error}
    </p>
  ) : null;
}

type InputProps = FieldProps & {
  type?: 'text' | 'email' | 'tel' | 'number' | 'date' | 'url' | 'password';
  autocomplete?: string;
  inputMode?: 'text' | 'email' | 'tel' | 'numeric';
  spellcheck?: boolean;
};

export function Input(props: InputProps) {
  const { id, error, control, label } = fieldParts(props);
  return (
    <div class={groupClass('input', error)}>
      {label}
      <input
        {...control}
        class={`fr-input${error ? ' fr-input--error' : ''}`}
        type={(props.type ?? 'text') as 'text'}
        value={props.form.values[props.name] ?? ''}
        autocomplete={props.autocomplete}
        inputMode={props.inputMode}
        spellcheck={props.spellcheck}
      />
      <ErrorText id={id} error={error} />
    </div>
  );
}

type SelectProps = FieldProps & { options: { value: string; label: string }[]; placeholder?: string };

export function Select(props: SelectProps) {
  const { id, error, control, label } = fieldParts(props);
  const current = props.form.values[props.name] ?? '';
  return (
    <div class={groupClass('select', error)}>
      {label}
      <select {...control} class={`fr-select${error ? ' fr-select--error' : ''}`}>
        {props.placeholder !== undefined && (
          <option value="" selected={current === ''} disabled={props.required}>
            {props.placeholder}
          </option>
        )}
        {props.options.map((o) => (
          <option value={o.value} selected={o.value === current}>
            {o.label}
          </option>
        ))}
      </select>
      <ErrorText id={id} error={error} />
    </div>
  );
}

/** A DSFR file input ("upload"), with its hint and its message when the file was refused. */
export function FileInput(props: FieldProps & { accept?: string }) {
  const { id, error, control, label } = fieldParts(props);
  return (
    <div class={groupClass('upload', error, 'fr-mb-3w')}>
      {label}
      <input {...control} class="fr-upload" type="file" accept={props.accept} />
      {error && (
        <div class="fr-messages-group" aria-live="polite">
          <p class="fr-message fr-message--error" id={`${id}-erreur`}>
            {error}
          </p>
        </div>
      )}
    </div>
  );
}

/**
 * A POST form with its CSRF field; `novalidate` so the server's French messages are the ones shown.
 * `multipart` for a form with a file (its route must accept uploads: web/uploads.ts).
 */
export function PostForm(props: {
  action: string;
  csrfToken: string;
  children: ComponentChildren;
  class?: string;
  multipart?: boolean;
}) {
  return (
    <form
      method="post"
      action={props.action}
      noValidate
      class={props.class}
      enctype={props.multipart ? 'multipart/form-data' : undefined}
    >
      <CsrfField token={props.csrfToken} />
      {props.children}
    </form>
  );
}

export function SubmitButton({ children, secondary }: { children: ComponentChildren; secondary?: boolean }) {
  return (
    <button type="submit" class={`fr-btn${secondary ? ' fr-btn--secondary' : ''}`}>
      {children}
    </button>
  );
}

export function Notice({ children }: { children: ComponentChildren }) {
  return (
    <div class="fr-notice fr-notice--info fr-mb-4w">
      <div class="fr-container">
        <div class="fr-notice__body">
          <p class="fr-notice__title">{children}</p>
        </div>
      </div>
    </div>
  );
}

export function Breadcrumb({ items }: { items: { label: string; href?: string }[] }) {
  return (
    <nav class="fr-breadcrumb" aria-label="vous êtes ici :">
      <ol class="fr-breadcrumb__list">
        {items.map((item) => (
          <li>
            {item.href ? (
              <a class="fr-breadcrumb__link" href={item.href}>
                {item.label}
              </a>
            ) : (
              // biome-ignore lint/a11y/useValidAnchor: DSFR marks the current crumb as a link without href
              <a class="fr-breadcrumb__link" aria-current="page">
                {item.label}
              </a>
            )}
          </li>
        ))}
      </ol>
    </nav>
  );
}

const dateTimeFormat = new Intl.DateTimeFormat('fr-FR', {
  dateStyle: 'short',
  timeStyle: 'short',
  timeZone: 'Europe/Paris',
});

/** Times are stored in UTC and always shown in Europe/Paris. */
export function formatDateTime(value: Date | string | null | undefined): string {
  if (!value) return '—';
  return dateTimeFormat.format(typeof value === 'string' ? new Date(value) : value);
}

/**
 * A DSFR table. On a phone it scrolls sideways inside its container, which is focusable and named
 * so that a keyboard can scroll it too (RGAA, axe "scrollable-region-focusable").
 */
export function Table(props: {
  caption: string;
  captionHidden?: boolean;
  bordered?: boolean;
  headers: string[];
  id?: string;
  children: ComponentChildren;
}) {
  const classes = [
    'fr-table',
    props.captionHidden && 'fr-table--no-caption',
    props.bordered && 'fr-table--bordered',
  ];
  return (
    <div class={classes.filter(Boolean).join(' ')} id={props.id ? `${props.id}-tableau` : undefined}>
      <div class="fr-table__wrapper">
        {/* biome-ignore lint/a11y/noNoninteractiveTabindex: a scrollable region must be reachable by keyboard */}
        <section class="fr-table__container" tabIndex={0} aria-label={props.caption}>
          <div class="fr-table__content">
            <table id={props.id}>
              <caption>{props.caption}</caption>
              <thead>
                <tr>
                  {props.headers.map((h) => (
                    <th scope="col">{h}</th>
                  ))}
                </tr>
              </thead>
              <tbody>{props.children}</tbody>
            </table>
          </div>
        </section>
      </div>
    </div>
  );
}
