import type { ComponentChildren } from 'preact';
import { Breadcrumb, PostForm } from '../../../web/components.tsx';
import { locationLabels, type ParticipationStatus, participationStatusLabels } from '../../types.ts';
import type { AgendaEntry } from '../agenda.repository.ts';
import type { AgendaContext } from '../agenda.service.ts';
import { formatTimeRange } from '../week-grid.ts';

export const AGENDA_PATH = '/rendez-vous';

/**
 * Links inside the agenda. The organisation travels in ?organisation= only when it is not the agent's
 * current one, so the usual links stay short and an agent of several organisations never lands in the
 * wrong agenda by following one.
 */
export type Linker = ((path: string, params?: Record<string, string | undefined>) => string) & {
  /** The ?organisation= every link carries, if any (GET forms repeat it in a hidden field). */
  organisation: string | undefined;
};

export function linkerFor(context: AgendaContext, currentSlug: string | undefined): Linker {
  const slug = context.organisation.slug === currentSlug ? undefined : context.organisation.slug;
  const link = (path: string, params: Record<string, string | undefined> = {}) => {
    const query = new URLSearchParams();
    if (slug) query.set('organisation', slug);
    for (const [key, value] of Object.entries(params)) if (value) query.set(key, value);
    const text = query.toString();
    return `${AGENDA_PATH}${path}${text ? `?${text}` : ''}`;
  };
  return Object.assign(link, { organisation: slug });
}

/** In a GET form of the agenda: keeps the organisation when the form is sent. */
export function OrganisationField({ link }: { link: Linker }) {
  return link.organisation ? <input type="hidden" name="organisation" value={link.organisation} /> : null;
}

/** A select of an agenda's GET chooser form, inline beside the others; the empty option comes first. */
export function InlineSelect(props: {
  id: string;
  name: string;
  label: string;
  empty: string;
  selected: string | undefined;
  options: { value: string; label: string }[];
}) {
  return (
    <div class="fr-fieldset__element fr-fieldset__element--inline">
      <div class="fr-select-group">
        <label class="fr-label" for={props.id}>
          {props.label}
        </label>
        <select class="fr-select" id={props.id} name={props.name}>
          <option value="" selected={!props.selected}>
            {props.empty}
          </option>
          {props.options.map((o) => (
            <option value={o.value} selected={o.value === props.selected}>
              {o.label}
            </option>
          ))}
        </select>
      </div>
    </div>
  );
}

/** The submit button of an agenda's GET chooser form, inline after its fields. */
export function InlineShowButton() {
  return (
    <div class="fr-fieldset__element fr-fieldset__element--inline">
      <button type="submit" class="fr-btn fr-btn--secondary">
        Afficher
      </button>
    </div>
  );
}

export const participationPath = (link: Linker, participantId: string) => link(`/rdv/${participantId}`);
export const citizenPath = (link: Linker, citizenId: string) => link(`/usagers/${citizenId}`);

const badgeKinds: Record<ParticipationStatus, string> = {
  a_venir: 'fr-badge--info',
  vu: 'fr-badge--success',
  absent: 'fr-badge--error',
  excuse: 'fr-badge--warning',
  annule: '',
};

/** The status in words (colour only repeats it). */
export function StatusBadge({ status }: { status: ParticipationStatus }) {
  return (
    <span class={`fr-badge fr-badge--sm fr-badge--no-icon ${badgeKinds[status]}`}>
      {participationStatusLabels[status]}
    </span>
  );
}

/**
 * A phone number as people read it: French numbers stored in E.164 (+33612345678) shown as
 * 06 12 34 56 78; others as stored. Links keep the E.164 form (tel:+33…).
 */
export function displayPhone(e164: string): string {
  const french = /^\+33(\d{9})$/.exec(e164);
  if (!french) return e164;
  return `0${french[1]}`.replace(/(\d{2})(?=\d)/g, '$1 ');
}

export function personName(entry: {
  citizenFirstName: string | null;
  citizenLastName: string | null;
}): string {
  return `${entry.citizenLastName ?? ''} ${entry.citizenFirstName ?? ''}`.trim();
}

export function agentName(entry: { agentFirstName: string; agentLastName: string }): string {
  return `${entry.agentFirstName} ${entry.agentLastName}`.trim();
}

/** The status an entry shows: the person's, or « Annulé » for a cancelled session nobody had joined. */
export function entryStatus(entry: AgendaEntry): ParticipationStatus | null {
  if (entry.status) return entry.status;
  return entry.cancelledAt ? 'annule' : null;
}

/** Where: the place's name, or how it takes place when there is no place (phone, video, at home). */
export function whereOf(entry: Pick<AgendaEntry, 'placeName' | 'location'>): string {
  if (entry.location !== 'sur_place')
    return entry.placeName
      ? `${locationLabels[entry.location]} (${entry.placeName})`
      : locationLabels[entry.location];
  return entry.placeName ?? 'Lieu non précisé';
}

export function AgendaBreadcrumb({
  link,
  items,
}: {
  link: Linker;
  items: { label: string; href?: string }[];
}) {
  return <Breadcrumb items={[{ label: 'Rendez-vous', href: link('') }, ...items]} />;
}

/** The statuses an agent sets by hand; « annulé » goes through cancelling (it frees the time). */
export const settableStatuses: { status: ParticipationStatus; label: string }[] = [
  { status: 'vu', label: 'Vu' },
  { status: 'absent', label: 'Absent' },
  { status: 'excuse', label: 'Excusé' },
  { status: 'a_venir', label: 'À venir' },
];

/**
 * The quick status buttons of one participation: one POST form, one button per status (the current
 * one left out), « Annuler » last. Each button's accessible name says whose appointment it changes.
 */
export function StatusButtons(props: {
  link: Linker;
  participantId: string;
  status: ParticipationStatus;
  who: string;
  back: string;
  csrfToken: string;
  withCancel?: boolean;
}) {
  const others = settableStatuses.filter((s) => s.status !== props.status);
  return (
    <PostForm action={props.link(`/rdv/${props.participantId}/statut`)} csrfToken={props.csrfToken}>
      <input type="hidden" name="retour" value={props.back} />
      <ul class="fr-btns-group fr-btns-group--sm fr-btns-group--inline fr-mb-0">
        {others.map((s) => (
          <li>
            <button type="submit" name="statut" value={s.status} class="fr-btn fr-btn--sm fr-btn--secondary">
              {s.label}
              <span class="fr-sr-only"> : {props.who}</span>
            </button>
          </li>
        ))}
        {props.withCancel !== false && props.status === 'a_venir' && (
          <li>
            <button type="submit" name="statut" value="annule" class="fr-btn fr-btn--sm fr-btn--tertiary">
              Annuler
              <span class="fr-sr-only"> le rendez-vous : {props.who}</span>
            </button>
          </li>
        )}
      </ul>
    </PostForm>
  );
}

export function timeOf(entry: Pick<AgendaEntry, 'startsAt' | 'endsAt'>): string {
  return formatTimeRange(entry.startsAt, entry.endsAt);
}

export function Section({ title, children }: { title: string; children: ComponentChildren }) {
  return (
    <section class="fr-mb-6w">
      <h2 class="fr-h4">{title}</h2>
      {children}
    </section>
  );
}
