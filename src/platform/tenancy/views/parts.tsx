import { Breadcrumb } from '../../web/components.tsx';

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

export function territoryPath(slug: string): string {
  return `/admin/territoires/${encodeURIComponent(slug)}`;
}

export function organisationPath(slug: string): string {
  return `/admin/organisations/${encodeURIComponent(slug)}`;
}

export function memberPath(slug: string, agentId: string): string {
  return `${organisationPath(slug)}/agents/${encodeURIComponent(agentId)}`;
}
