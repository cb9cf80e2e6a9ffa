import type { ComponentChildren } from 'preact';
import { Badge } from '../../../../platform/scheduling/admin/views/parts.tsx';
import { Breadcrumb, PostForm } from '../../../../platform/web/components.tsx';
import { SPACE } from '../../part.ts';
import type { JournalProject } from '../access.ts';
import { type MilestoneStatus, milestoneStatusLabels } from '../milestone-status.ts';
import { cohortProjectsPath, journalPath, projectPath } from '../paths.ts';

/** Pieces shared by the journal's pages. */

import { formatDay } from '../../dates.ts';

export { formatDay, formatInstantDay } from '../../dates.ts';

export const plural = (n: number, one: string, many: string) => `${n} ${n > 1 ? many : one}`;

/** Multi-line text typed in a textarea, with its line breaks. */
export function Paragraphs({ text }: { text: string }) {
  return (
    <>
      {text
        .split(/\n{2,}/)
        .filter((p) => p.trim())
        .map((paragraph) => (
          <p>
            {paragraph.split('\n').map((line, index) => (
              <>
                {index > 0 && <br />}
                {line}
              </>
            ))}
          </p>
        ))}
    </>
  );
}

/** Programme › Projets de la saison › Projet › Journal [› current]. */
export function JournalBreadcrumb({ project, current }: { project: JournalProject; current?: string }) {
  const items: { label: string; href?: string }[] = [
    { label: 'Programme', href: SPACE },
    { label: project.cohort.name, href: cohortProjectsPath(project.cohort.slug) },
    { label: project.title, href: projectPath(project.slug) },
    { label: 'Journal d’investigation', href: current ? journalPath(project.slug) : undefined },
  ];
  if (current) items.push({ label: current });
  return <Breadcrumb items={items} />;
}

/** The heading of a form page of the journal. */
export function FormHeader({ project, title }: { project: JournalProject; title: string }) {
  return (
    <>
      <JournalBreadcrumb project={project} current={title} />
      <h1 class="fr-mb-1w">{title}</h1>
      <p class="fr-text--lead fr-mb-4w">{project.title}</p>
    </>
  );
}

export function StatusBadge({ status, doneOn }: { status: MilestoneStatus; doneOn: string | null }) {
  if (status === 'fait') return <Badge kind="success">Fait le {formatDay(doneOn!)}</Badge>;
  if (status === 'en_retard') return <Badge kind="error">{milestoneStatusLabels.en_retard}</Badge>;
  return <Badge kind="info">{milestoneStatusLabels.a_venir}</Badge>;
}

/** A one-button form (move, mark done…), small enough to sit in a table cell. */
export function InlineAction(props: {
  action: string;
  csrfToken: string;
  label: string;
  icon?: string;
  fields?: Record<string, string>;
  title?: string;
}) {
  return (
    <PostForm action={props.action} csrfToken={props.csrfToken} class="fr-mb-1v">
      {Object.entries(props.fields ?? {}).map(([name, value]) => (
        <input type="hidden" name={name} value={value} />
      ))}
      <button
        type="submit"
        class={`fr-btn fr-btn--tertiary fr-btn--sm${props.icon ? ` fr-btn--icon-left ${props.icon}` : ''}`}
        title={props.title}
      >
        {props.label}
      </button>
    </PostForm>
  );
}

/** « Monter » / « Descendre » for one item of an ordered list; `what` names it for screen readers. */
export function MoveButtons(props: { action: string; csrfToken: string; what: string }) {
  return (
    <div class="fr-btns-group fr-btns-group--inline fr-btns-group--sm">
      {(['monter', 'descendre'] as const).map((sens) => (
        <PostForm action={props.action} csrfToken={props.csrfToken}>
          <input type="hidden" name="sens" value={sens} />
          <button
            type="submit"
            class={`fr-btn fr-btn--tertiary fr-btn--sm fr-btn--icon-left ${sens === 'monter' ? 'fr-icon-arrow-up-line' : 'fr-icon-arrow-down-line'}`}
            title={`${sens === 'monter' ? 'Monter' : 'Descendre'} ${props.what}`}
          >
            {sens === 'monter' ? 'Monter' : 'Descendre'}
            <span class="fr-sr-only"> {props.what}</span>
          </button>
        </PostForm>
      ))}
    </div>
  );
}

/** A section of the overview: its heading, its content, then the link that adds to it. */
export function Section(props: {
  id: string;
  title: string;
  children: ComponentChildren;
  action?: ComponentChildren;
}) {
  return (
    <section class="fr-mb-6w" id={props.id} aria-labelledby={`${props.id}-titre`}>
      <h2 id={`${props.id}-titre`}>{props.title}</h2>
      {props.children}
      {props.action}
    </section>
  );
}

/** The button-like link under a section that opens the form of a new entry. */
export function AddLink({ href, children }: { href: string; children: string }) {
  return (
    <p>
      <a class="fr-btn fr-btn--secondary fr-btn--icon-left fr-icon-add-line" href={href}>
        {children}
      </a>
    </p>
  );
}
