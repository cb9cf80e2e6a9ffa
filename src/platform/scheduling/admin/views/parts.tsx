import type { ComponentChildren } from 'preact';
import {
  Breadcrumb,
  type FormState,
  fieldId,
  PostForm,
  Select,
  SubmitButton,
} from '../../../web/components.tsx';
import type { SettingsOrganisation } from '../organisation-context.service.ts';

/** Shared pieces of the settings pages (/rendez-vous/parametres). */

export const SETTINGS = '/rendez-vous/parametres';

export type Section = 'lieux' | 'motifs' | 'plages' | 'absences' | 'secteur';

export const sectionTitles: Record<Section, string> = {
  lieux: 'Lieux',
  motifs: 'Motifs',
  plages: 'Plages d’ouverture',
  absences: 'Absences',
  secteur: 'Sectorisation',
};

/** A settings URL for an organisation, with optional extra query parameters. */
export function settingsPath(
  path: string,
  slug: string,
  query: Record<string, string | undefined> = {},
): string {
  const params = new URLSearchParams({ organisation: slug });
  for (const [key, value] of Object.entries(query)) if (value) params.set(key, value);
  return `${SETTINGS}${path ? `/${path}` : ''}?${params}`;
}

export function SettingsBreadcrumb(props: {
  organisation: SettingsOrganisation;
  section?: Section;
  current?: string;
}) {
  const items: { label: string; href?: string }[] = [
    { label: 'Rendez-vous', href: '/rendez-vous' },
    {
      label: 'Paramètres',
      href: props.section || props.current ? settingsPath('', props.organisation.slug) : undefined,
    },
  ];
  if (props.section) {
    items.push({
      label: sectionTitles[props.section],
      href: props.current ? settingsPath(props.section, props.organisation.slug) : undefined,
    });
  }
  if (props.current) items.push({ label: props.current });
  return <Breadcrumb items={items} />;
}

/** The links between the settings sections, the current one marked. */
export function SettingsNav(props: { organisation: SettingsOrganisation; current?: Section }) {
  return (
    <nav aria-label="Sections des paramètres" class="fr-mb-4w">
      <ul class="fr-tags-group">
        {(Object.keys(sectionTitles) as Section[]).map((section) => (
          <li>
            <a
              class={props.current === section ? 'fr-tag fr-tag--icon-left fr-icon-check-line' : 'fr-tag'}
              href={settingsPath(section, props.organisation.slug)}
              aria-current={props.current === section ? 'page' : undefined}
            >
              {sectionTitles[section]}
            </a>
          </li>
        ))}
      </ul>
    </nav>
  );
}

/** The page's title with the organisation it applies to, and the sections' links. */
export function SettingsHeader(props: {
  organisation: SettingsOrganisation;
  section: Section;
  current?: string;
  title: string;
}) {
  return (
    <>
      <SettingsBreadcrumb organisation={props.organisation} section={props.section} current={props.current} />
      <h1 class="fr-mb-1w">{props.title}</h1>
      <p class="fr-text--lead fr-mb-3w">{props.organisation.name}</p>
      {!props.current && <SettingsNav organisation={props.organisation} current={props.section} />}
    </>
  );
}

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

type FieldProps = { form: FormState; name: string; label: string; hint?: string; required?: boolean };

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

/** A block of a long form, with its own heading. */
export function FormSection(props: { title: string; children: ComponentChildren }) {
  return (
    <section class="fr-mb-4w">
      <h2 class="fr-h5">{props.title}</h2>
      {props.children}
    </section>
  );
}

export function Badge(props: {
  kind: 'info' | 'success' | 'warning' | 'error' | 'new';
  children: ComponentChildren;
}) {
  return <p class={`fr-badge fr-badge--${props.kind} fr-badge--sm fr-badge--no-icon`}>{props.children}</p>;
}

/** Whether a place or an appointment type is still offered. */
export function ArchivalBadge({ archived }: { archived: boolean }) {
  return archived ? <Badge kind="warning">Archivé</Badge> : <Badge kind="success">Actif</Badge>;
}

/** Rows with an id and a name (agents, places) as the options of a select or of checkboxes. */
export function nameOptions(rows: { id: string; name: string }[]): { value: string; label: string }[] {
  return rows.map((row) => ({ value: row.id, label: row.name }));
}

/** The button-like link above a list that opens the form of a new row. */
export function AddLink(props: { href: string; children: ComponentChildren }) {
  return (
    <p>
      <a class="fr-btn fr-icon-add-line fr-btn--icon-left" href={props.href}>
        {props.children}
      </a>
    </p>
  );
}

/** A list's filters: one select a filter (query parameter), side by side, then the « Filtrer » button. */
export function FilterForm(props: {
  action: string;
  organisation: SettingsOrganisation;
  values: Record<string, string | undefined>;
  filters: {
    name: string;
    label: string;
    placeholder: string;
    options: { value: string; label: string }[];
  }[];
}) {
  const column = `fr-col-12 fr-col-md-${12 / (props.filters.length + 1)}`;
  const form = { values: props.values, errors: {} };
  return (
    <form method="get" action={props.action} class="fr-mb-4w">
      <input type="hidden" name="organisation" value={props.organisation.slug} />
      <div class="fr-grid-row fr-grid-row--gutters fr-grid-row--bottom">
        {props.filters.map((filter) => (
          <div class={column}>
            <Select form={form} {...filter} />
          </div>
        ))}
        <div class={column}>
          <button type="submit" class="fr-btn fr-btn--secondary fr-mb-3w">
            Filtrer
          </button>
        </div>
      </div>
    </form>
  );
}

/** The column of a settings form, its errors first. */
export function FormColumn(props: {
  form: FormState;
  labels: Record<string, string>;
  children: ComponentChildren;
}) {
  return (
    <div class="fr-grid-row">
      <div class="fr-col-12 fr-col-md-8">
        <FormErrors form={props.form} labels={props.labels} />
        {props.children}
      </div>
    </div>
  );
}

/** A second, lesser form under the main one (delete, archive…): one secondary button. */
export function SecondaryAction(props: { action: string; csrfToken: string; children: ComponentChildren }) {
  return (
    <PostForm action={props.action} csrfToken={props.csrfToken} class="fr-mt-4w">
      <SubmitButton secondary>{props.children}</SubmitButton>
    </PostForm>
  );
}

/** Date and time fields two by two (one by one on a phone). */
export function FieldGrid(props: {
  form: FormState;
  fields: (Omit<FieldProps, 'form'> & { type: 'time' | 'date' })[];
}) {
  return (
    <div class="fr-grid-row fr-grid-row--gutters fr-mb-3w">
      {props.fields.map((field) => (
        <div class="fr-col-12 fr-col-sm-6">
          <Field form={props.form} {...field} />
        </div>
      ))}
    </div>
  );
}
