import { Badge } from '../../../../platform/scheduling/admin/views/parts.tsx';
import { Breadcrumb } from '../../../../platform/web/components.tsx';
import { formatDay } from '../../dates.ts';
import { phaseLabels } from '../../labels.ts';
import { SPACE } from '../../part.ts';
import { cohortPath, cohortProjectsPath, projectPath } from '../paths.ts';
import type { Phase } from '../phases.ts';
import { formatDays } from '../plan.ts';

/** Pieces shared by the project pages. */

export function ProjectBreadcrumb(props: {
  cohort: { slug: string; name: string };
  project?: { slug: string; title: string };
  current: string;
}) {
  const items: { label: string; href?: string }[] = [
    { label: 'Programme', href: SPACE },
    { label: props.cohort.name, href: cohortPath(props.cohort.slug) },
  ];
  if (props.project) {
    items.push({ label: 'Projets', href: cohortProjectsPath(props.cohort.slug) });
    items.push({ label: props.project.title, href: projectPath(props.project.slug) });
  }
  items.push({ label: props.current });
  return <Breadcrumb items={items} />;
}

const phaseKinds: Record<Phase, 'info' | 'success' | 'warning' | 'error' | 'new'> = {
  investigation: 'new',
  construction: 'info',
  acceleration: 'info',
  consolidation: 'success',
  transfer: 'success',
  alumni: 'success',
  abandon: 'warning',
};

export function PhaseBadge({ phase }: { phase: Phase | null }) {
  if (!phase) return <span>—</span>;
  return <Badge kind={phaseKinds[phase]}>{phaseLabels[phase]}</Badge>;
}

/** « du 3 février 2025 au 14 mai 2025 », « depuis le 15 mai 2025 ». */
export function phaseSpan(row: { startsOn: string; endsOn: string | null }): string {
  return row.endsOn
    ? `du ${formatDay(row.startsOn)} au ${formatDay(row.endsOn)}`
    : `depuis le ${formatDay(row.startsOn)}`;
}

/** « 1,5 j ». */
export const days = (value: number) => `${formatDays(value)} j`;

/** '2025-03-14' → '14/03/2025'. */
export const shortDay = (day: string | null) => (day ? day.split('-').reverse().join('/') : '—');

/**
 * Actual days against planned days, as a native progress bar (read by screen readers with its label)
 * and in words for those who do not see it.
 */
export function DaysProgress(props: { id: string; actual: number; planned: number; percent: number | null }) {
  return (
    <div class="fr-mb-3w">
      <label class="fr-label" for={props.id}>
        Jours réalisés : {days(props.actual)} sur {days(props.planned)} prévus
        {props.percent !== null ? ` (${props.percent} %)` : ''}
      </label>
      <progress
        id={props.id}
        max={Math.max(props.planned, props.actual, 1)}
        value={props.actual}
        class="fr-mt-1v"
      >
        {props.percent ?? 0} %
      </progress>
    </div>
  );
}
