import { localDayOf } from '../../../../platform/scheduling/agenda/week-grid.ts';
import { Breadcrumb } from '../../../../platform/web/components.tsx';
import { type BeneficiaryStatus, statusLabels, statusSeverity } from '../../status.ts';
import { daysBetween, waitLabel } from '../days.ts';

export const LIST_PATH = '/rsa';
export const beneficiaryPath = (id: string, rest = '') => `/rsa/beneficiaires/${id}${rest}`;

export function RsaBreadcrumb({ items }: { items: { label: string; href?: string }[] }) {
  return (
    <Breadcrumb
      items={[
        { label: 'Tableau de bord', href: '/tableau-de-bord' },
        { label: 'Bénéficiaires du RSA', href: items.length ? LIST_PATH : undefined },
        ...items,
      ]}
    />
  );
}

export function StatusBadge({ status, small }: { status: BeneficiaryStatus; small?: boolean }) {
  return (
    <p
      class={`fr-badge fr-badge--no-icon fr-badge--${statusSeverity[status]}${small ? ' fr-badge--sm' : ''}`}
    >
      {statusLabels[status]}
    </p>
  );
}

/**
 * How long the person has waited since their rights opened: till today, or till they first met
 * their référent (then « vu après … »).
 */
export function waitingText(
  person: { rightsOpenedOn: string | null; firstMetAt: Date | null },
  today: string,
): string | null {
  if (!person.rightsOpenedOn) return null;
  if (person.firstMetAt)
    return `vu après ${waitLabel(daysBetween(person.rightsOpenedOn, localDayOf(person.firstMetAt)))}`;
  return waitLabel(daysBetween(person.rightsOpenedOn, today));
}

export const roleLabels = { demandeur: 'Demandeur', conjoint: 'Conjoint' } as const;

export function personName(p: { firstName: string; lastName: string }): string {
  return `${p.lastName.toUpperCase()} ${p.firstName}`;
}
