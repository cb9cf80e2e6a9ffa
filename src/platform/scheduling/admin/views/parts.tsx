import type { ComponentChildren } from 'preact';
import { Breadcrumb, type FormState, PostForm, Select, SubmitButton } from '../../../web/components.tsx';
import { Field, type FieldProps, FormErrors } from '../../../web/fields.tsx';
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
