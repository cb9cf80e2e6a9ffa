import type { ComponentChildren } from 'preact';
import { Breadcrumb, formatDateTime } from '../../../../platform/web/components.tsx';
import type { FlowDefinition } from '../../flow/types.ts';
import type { HistoryEntry } from '../history.ts';
import {
  attemptResultLabels,
  callOutcomeText,
  durationText,
  isLostCall,
  MAX_ATTEMPTS,
  menuPathText,
  phoneText,
  serviceName,
  type TicketStatus,
  ticketReasonLabels,
  ticketStatusLabels,
} from '../labels.ts';
import { erasedText } from '../voicemails.service.ts';

export const HOME_PATH = '/accueil';
export const linePath = (lineId: string) => `/accueil/lignes/${lineId}`;
export const ticketPath = (lineId: string, ticketId: string) => `${linePath(lineId)}/rappels/${ticketId}`;
/** E.164 in the path as is: « + » is a plain character in a path (only query strings read it as a space). */
export const callerPath = (lineId: string, number: string) => `${linePath(lineId)}/appelants/${number}`;
export const audioPath = (lineId: string, voicemailId: string) =>
  `${linePath(lineId)}/messages/${voicemailId}.wav`;
export const downloadPath = (lineId: string, voicemailId: string) =>
  `${audioPath(lineId, voicemailId)}?telecharger=1`;

export function AccueilBreadcrumb(props: { items: { label: string; href?: string }[] }) {
  return <Breadcrumb items={[{ label: 'Accueil téléphonique', href: HOME_PATH }, ...props.items]} />;
}

const statusBadges: Record<TicketStatus, string> = {
  a_rappeler: 'fr-badge--new',
  en_cours: 'fr-badge--info',
  fait: 'fr-badge--success',
  injoignable: 'fr-badge--warning',
};

/** The status in words; the colour only repeats it. */
export function TicketStatusBadge({ status }: { status: TicketStatus }) {
  return (
    <span class={`fr-badge fr-badge--sm fr-badge--no-icon ${statusBadges[status]}`}>
      {ticketStatusLabels[status]}
    </span>
  );
}

/** « En retard » written out, not only a colour. */
export function OverdueBadge() {
  return <span class="fr-badge fr-badge--sm fr-badge--error">En retard</span>;
}

export function LostBadge() {
  return <span class="fr-badge fr-badge--sm fr-badge--error">Appel perdu</span>;
}

export const attemptsText = (attempts: number) => `${attempts}/${MAX_ATTEMPTS}`;

export function Detail({ term, children }: { term: string; children: ComponentChildren }) {
  return (
    <>
      <dt>{term}</dt>
      <dd>{children}</dd>
    </>
  );
}

/** A message's player and download link, or the date it was erased by the retention job. */
export function VoicemailAudio(props: {
  lineId: string;
  voicemail: { id: string; hasAudio: boolean; audioDeletedAt: Date | null };
}) {
  const { voicemail } = props;
  if (!voicemail.hasAudio) return <p class="fr-text--sm fr-mb-1w">{erasedText(voicemail.audioDeletedAt)}</p>;
  return (
    <div>
      {/* preload="none": nothing is fetched (nor audited) until the agent presses play. */}
      {/* biome-ignore lint/a11y/useMediaCaption: a caller's message has no transcript to caption it with */}
      <audio controls preload="none" src={audioPath(props.lineId, voicemail.id)}>
        <a href={downloadPath(props.lineId, voicemail.id)}>Télécharger le message</a>
      </audio>
      <p class="fr-text--sm fr-mb-1w">
        <a
          class="fr-link fr-link--sm fr-icon-download-line fr-link--icon-left"
          href={downloadPath(props.lineId, voicemail.id)}
        >
          Télécharger le message (WAV)
        </a>
      </p>
    </div>
  );
}

/**
 * The caller's history on the line, newest first: calls (with their path and outcome), callback
 * tickets (linked) and voicemails (playable).
 */
export function CallerHistory(props: {
  lineId: string;
  flow: FlowDefinition;
  history: HistoryEntry[];
  currentTicketId?: string;
}) {
  if (props.history.length === 0) return <p>Aucun appel, rappel ni message de ce numéro sur cette ligne.</p>;
  return (
    <ol
      class="tp-agenda-list fr-raw-list"
      aria-label="Historique de l’appelant, du plus récent au plus ancien"
    >
      {props.history.map((entry) => (
        <li class="tp-agenda-item">
          <HistoryItem
            entry={entry}
            lineId={props.lineId}
            flow={props.flow}
            currentTicketId={props.currentTicketId}
          />
        </li>
      ))}
    </ol>
  );
}

function HistoryItem(props: {
  entry: HistoryEntry;
  lineId: string;
  flow: FlowDefinition;
  currentTicketId?: string;
}) {
  const { entry, lineId, flow } = props;
  const when = formatDateTime(entry.at);
  switch (entry.kind) {
    case 'appel': {
      const call = entry.call;
      return (
        <>
          <p class="fr-text--bold fr-mb-1v">
            <span class="fr-icon-phone-line fr-icon--sm" aria-hidden="true" /> Appel · {when}
          </p>
          <p class="fr-text--sm fr-mb-0">
            Parcours : {menuPathText(flow, call.menuPath)} · Service : {serviceName(flow, call.serviceKey)} ·
            Issue : {callOutcomeText(call)} {isLostCall(call) && <LostBadge />}
          </p>
        </>
      );
    }
    case 'rappel': {
      const ticket = entry.ticket;
      const current = ticket.id === props.currentTicketId;
      return (
        <>
          <p class="fr-text--bold fr-mb-1v">
            <span class="fr-icon-arrow-go-back-line fr-icon--sm" aria-hidden="true" /> Rappel · {when}{' '}
            <TicketStatusBadge status={ticket.status} />
          </p>
          <p class="fr-text--sm fr-mb-0">
            {ticketReasonLabels[ticket.reason]} · {serviceName(flow, ticket.serviceKey)} · tentatives{' '}
            {attemptsText(ticket.attempts)} ·{' '}
            {current ? 'ce rappel' : <a href={ticketPath(lineId, ticket.id)}>Ouvrir le rappel</a>}
          </p>
        </>
      );
    }
    case 'message': {
      const voicemail = entry.voicemail;
      return (
        <>
          <p class="fr-text--bold fr-mb-1v">
            <span class="fr-icon-mail-line fr-icon--sm" aria-hidden="true" /> Message vocal · {when}
          </p>
          <p class="fr-text--sm fr-mb-1w">
            {serviceName(flow, voicemail.serviceKey)} · {durationText(voicemail.durationMs)} ·{' '}
            {voicemail.handledAt ? `traité le ${formatDateTime(voicemail.handledAt)}` : 'non traité'}
          </p>
          <VoicemailAudio lineId={lineId} voicemail={voicemail} />
        </>
      );
    }
  }
}

export function eventText(event: {
  kind: string;
  result: keyof typeof attemptResultLabels | null;
  note: string | null;
}) {
  switch (event.kind) {
    case 'tentative':
      return `Tentative d’appel : ${event.result ? attemptResultLabels[event.result].toLowerCase() : '—'}`;
    case 'note':
      return 'Note';
    case 'assignation':
      return event.note ?? 'Attribution';
    default:
      return event.note ?? 'Changement de statut';
  }
}

export { phoneText };
