import { Breadcrumb } from '../../../../platform/web/components.tsx';
import { problemStatusLabels } from '../../labels.ts';
import { SPACE } from '../../part.ts';

/** Shared pieces of the selection pages: their URLs, the breadcrumb, numbers in French. */

export const callPath = (callId: string) => `${SPACE}/appels/${callId}`;
export const juryPath = (callId: string) => `${callPath(callId)}/jury`;
export const selectionPath = (callId: string) => `${callPath(callId)}/selection`;
export const problemPath = (problemId: string) => `${SPACE}/problemes/${problemId}`;
export const evaluationPath = (problemId: string) => `${problemPath(problemId)}/evaluation`;
export const decisionPath = (problemId: string) => `${problemPath(problemId)}/decision`;
export const projectPath = (slug: string) => `${SPACE}/projets/${slug}`;

export type CallCrumbs = { id: string; title: string; cohortName: string; cohortSlug: string };

/** Programme › season › call › (the steps given) › the current page. */
export function CallBreadcrumb(props: {
  call: CallCrumbs;
  steps?: { label: string; href: string }[];
  current: string;
}) {
  return (
    <Breadcrumb
      items={[
        { label: 'Programme', href: SPACE },
        { label: props.call.cohortName, href: `${SPACE}/saisons/${props.call.cohortSlug}` },
        { label: props.call.title, href: callPath(props.call.id) },
        ...(props.steps ?? []),
        { label: props.current },
      ]}
    />
  );
}

/** The links between the jury's pages (the current one marked), for staff. */
export function SelectionNav(props: { callId: string; current: 'jury' | 'selection'; staff: boolean }) {
  if (!props.staff) return null;
  const links = [
    { key: 'jury', label: 'Jury et grille', href: juryPath(props.callId) },
    { key: 'selection', label: 'Classement et décisions', href: selectionPath(props.callId) },
  ];
  return (
    <nav aria-label="Pages du jury" class="fr-mb-4w">
      <ul class="fr-tags-group">
        {links.map((link) => (
          <li>
            <a class="fr-tag" href={link.href} aria-current={props.current === link.key ? 'page' : undefined}>
              {link.label}
            </a>
          </li>
        ))}
      </ul>
    </nav>
  );
}

const decimal = new Intl.NumberFormat('fr-FR', { maximumFractionDigits: 1 });

/** « 77,5 », or a dash when there is nothing to show. */
export function formatNumber(value: number | null | undefined): string {
  return value === null || value === undefined ? '—' : decimal.format(value);
}

export type ProblemStatus = keyof typeof problemStatusLabels;

const statusBadge: Record<ProblemStatus, string> = {
  brouillon: 'fr-badge--info',
  soumis: 'fr-badge--info',
  recevable: 'fr-badge--new',
  irrecevable: 'fr-badge--warning',
  retenu: 'fr-badge--success',
  non_retenu: 'fr-badge--error',
  reoriente: 'fr-badge--warning',
  fusionne: 'fr-badge--info',
};

export function StatusBadge({ status }: { status: ProblemStatus }) {
  return (
    <p class={`fr-badge fr-badge--sm fr-badge--no-icon ${statusBadge[status]}`}>
      {status === 'recevable' ? 'À décider' : problemStatusLabels[status]}
    </p>
  );
}

export const personName = (p: { firstName: string; lastName: string }) =>
  `${p.firstName} ${p.lastName}`.trim();
