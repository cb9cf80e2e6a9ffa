import { Breadcrumb } from '../../../platform/web/components.tsx';
import { problemStatusLabels } from '../labels.ts';
import type { ProblemStatus } from './access.repository.ts';
import { type CallState, callStateLabels } from './calls/call-state.ts';
import { paths } from './paths.ts';

/** Pieces shared by the pages of this part: the breadcrumb from the programme's home, the badges. */

export function ProgrammeBreadcrumb({ items }: { items: { label: string; href?: string }[] }) {
  return (
    <Breadcrumb items={[{ label: 'Programme', href: items.length ? paths.home : undefined }, ...items]} />
  );
}

const statusSeverity: Record<ProblemStatus, 'info' | 'success' | 'warning' | 'error' | 'new'> = {
  brouillon: 'new',
  soumis: 'info',
  recevable: 'success',
  irrecevable: 'error',
  retenu: 'success',
  non_retenu: 'warning',
  reoriente: 'warning',
  fusionne: 'info',
};

export function ProblemStatusBadge({ status }: { status: ProblemStatus }) {
  return (
    <p class={`fr-badge fr-badge--sm fr-badge--no-icon fr-badge--${statusSeverity[status]}`}>
      {problemStatusLabels[status]}
    </p>
  );
}

const stateSeverity: Record<CallState, 'info' | 'success' | 'warning'> = {
  a_venir: 'info',
  ouvert: 'success',
  clos: 'warning',
};

export function CallStateBadge({ state }: { state: CallState }) {
  return (
    <p class={`fr-badge fr-badge--sm fr-badge--no-icon fr-badge--${stateSeverity[state]}`}>
      {callStateLabels[state]}
    </p>
  );
}

export { formatDay, formatInstant } from '../dates.ts';

/** Text typed in a textarea, shown as paragraphs and line breaks (no inline style: the CSP refuses it). */
export function Paragraphs({ text }: { text: string }) {
  const paragraphs = text.split(/\n\s*\n/).filter((p) => p.trim());
  return (
    <>
      {paragraphs.map((p) => (
        <p>
          {p
            .trim()
            .split('\n')
            .flatMap((line, i) => (i === 0 ? [line] : [<br />, line]))}
        </p>
      ))}
    </>
  );
}
