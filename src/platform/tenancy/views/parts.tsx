import type { ComponentChildren } from 'preact';
import { Breadcrumb } from '../../web/components.tsx';

/** A DSFR table (markup of DSFR 1.12+), with a caption that names it for screen readers. */
export function Table(props: {
  id: string;
  caption: string;
  captionHidden?: boolean;
  headers: string[];
  children: ComponentChildren;
}) {
  return (
    <div class={`fr-table${props.captionHidden ? ' fr-table--no-caption' : ''}`} id={`${props.id}-tableau`}>
      <div class="fr-table__wrapper">
        <div class="fr-table__container">
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
        </div>
      </div>
    </div>
  );
}

export function AccountStatus({ deactivatedAt }: { deactivatedAt: Date | null }) {
  return deactivatedAt ? (
    <p class="fr-badge fr-badge--error fr-badge--sm fr-badge--no-icon">Désactivé</p>
  ) : (
    <p class="fr-badge fr-badge--success fr-badge--sm fr-badge--no-icon">Actif</p>
  );
}

/** Breadcrumbs of the administration pages, from /admin down to the current page. */
export function AdminBreadcrumb({ items }: { items: { label: string; href?: string }[] }) {
  return <Breadcrumb items={[{ label: 'Administration', href: '/admin' }, ...items]} />;
}

export function organisationPath(slug: string): string {
  return `/admin/organisations/${encodeURIComponent(slug)}`;
}

export function memberPath(slug: string, agentId: string): string {
  return `${organisationPath(slug)}/agents/${encodeURIComponent(agentId)}`;
}
