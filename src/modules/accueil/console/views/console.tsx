import { formatDateTime, PostForm, Table } from '../../../../platform/web/components.tsx';
import { liveScriptPath } from '../assets.ts';
import { bookingLinkFor } from '../booking-link.ts';
import { type ConsoleView, isOverdue } from '../console.service.ts';
import {
  callOutcomeText,
  durationText,
  isLostCall,
  menuPathText,
  phoneText,
  serviceName,
  shortName,
  ticketReasonLabels,
} from '../labels.ts';
import { TICKET_FILTERS } from '../schemas.ts';
import type { TicketRow } from '../tickets.repository.ts';
import {
  AccueilBreadcrumb,
  attemptsText,
  callerPath,
  LostBadge,
  linePath,
  OverdueBadge,
  TicketStatusBadge,
  ticketPath,
  VoicemailAudio,
} from './parts.tsx';

const timeFormat = new Intl.DateTimeFormat('fr-FR', { timeStyle: 'short', timeZone: 'Europe/Paris' });

/**
 * A line's console, in three sections on one page (no JavaScript needed): callback tickets with
 * their filters, voicemails, latest calls. A small script (console.client.js) refreshes the tickets
 * every 30 s and announces new ones in the live region above them.
 */
export function ConsolePage(props: { view: ConsoleView; csrfToken: string }) {
  const { view, csrfToken } = props;
  const { line } = view;
  const pending = view.voicemails.filter((v) => !v.handledAt).length;
  return (
    <>
      <AccueilBreadcrumb items={[{ label: line.name }]} />
      <h1 class="fr-mb-1w">Console : {line.name}</h1>
      <p class="fr-text--sm">
        {phoneText(line.number)} · {line.organisationName} ·{' '}
        <a href={`${linePath(line.id)}/statistiques`}>Statistiques</a>
        {view.mayConfigure && (
          <>
            {' '}
            · <a href={`${linePath(line.id)}/configuration`}>Configuration</a> ·{' '}
            <a href={`${linePath(line.id)}/annonces`}>Annonces</a>
          </>
        )}
      </p>
      <nav class="fr-summary fr-mb-4w" aria-labelledby="sommaire-titre">
        <p class="fr-summary__title" id="sommaire-titre">
          Sommaire
        </p>
        <ol class="fr-summary__list">
          <li>
            <a class="fr-summary__link" href="#rappels">
              Rappels ({view.counts.ouverts} à traiter)
            </a>
          </li>
          <li>
            <a class="fr-summary__link" href="#messages">
              Messages vocaux ({pending} non {pending > 1 ? 'traités' : 'traité'})
            </a>
          </li>
          <li>
            <a class="fr-summary__link" href="#appels">
              Appels récents
            </a>
          </li>
        </ol>
      </nav>

      <section id="rappels" class="fr-mb-6w" aria-labelledby="rappels-titre">
        <h2 id="rappels-titre">Rappels</h2>
        {/* Empty at first so that screen readers announce what the refresh script writes in it. */}
        <div id="rappels-annonce" class="fr-text--bold fr-mb-1w" role="status" aria-live="polite" />
        <div id="rappels-liste" data-refresh-seconds="30">
          <Tickets view={view} csrfToken={csrfToken} />
        </div>
      </section>

      <section id="messages" class="fr-mb-6w" aria-labelledby="messages-titre">
        <h2 id="messages-titre">Messages vocaux</h2>
        <Voicemails view={view} csrfToken={csrfToken} />
      </section>

      <section id="appels" class="fr-mb-6w" aria-labelledby="appels-titre">
        <h2 id="appels-titre">Appels récents</h2>
        <Calls view={view} />
      </section>
      <script type="module" src={liveScriptPath} />
    </>
  );
}

function Tickets({ view, csrfToken }: { view: ConsoleView; csrfToken: string }) {
  const { line } = view;
  const label = TICKET_FILTERS.find((f) => f.value === view.filter)!.label;
  return (
    <>
      <nav aria-label="Filtrer les rappels" class="fr-mb-2w">
        <ul class="fr-tags-group">
          {TICKET_FILTERS.map((f) => {
            const current = f.value === view.filter;
            const href =
              f.value === 'ouverts'
                ? `${linePath(line.id)}#rappels`
                : `${linePath(line.id)}?rappels=${f.value}#rappels`;
            return (
              <li>
                <a class="fr-tag" href={href} aria-current={current ? 'true' : undefined}>
                  {f.label} · {view.counts[f.value]}
                </a>
              </li>
            );
          })}
        </ul>
      </nav>
      <p class="fr-text--xs fr-mb-1w">Liste à jour à {timeFormat.format(view.now)}.</p>
      {view.tickets.length === 0 ? (
        <p>Aucun rappel dans cette liste ({label.toLowerCase()}).</p>
      ) : (
        <Table
          caption={`Rappels : ${label.toLowerCase()} (${view.tickets.length}), ${view.filter === 'fait' || view.filter === 'injoignable' ? 'les derniers clos d’abord' : 'les plus urgents d’abord'}`}
          headers={['Numéro', 'À rappeler avant', 'Service', 'Motif', 'Tentatives', 'Attribué à', 'Statut']}
        >
          {view.tickets.map((ticket) => (
            <TicketRowView ticket={ticket} view={view} csrfToken={csrfToken} />
          ))}
        </Table>
      )}
    </>
  );
}

function TicketRowView({
  ticket,
  view,
  csrfToken,
}: {
  ticket: TicketRow;
  view: ConsoleView;
  csrfToken: string;
}) {
  const { line } = view;
  const late = isOverdue(ticket, view.now);
  const service = serviceName(line.flow, ticket.serviceKey);
  const assigned =
    ticket.assignedAgentId === view.agentId
      ? 'vous'
      : ticket.assignedAgentId
        ? `${ticket.assignedFirstName ?? ''} ${ticket.assignedLastName ?? ''}`.trim()
        : null;
  const open = ticket.status === 'a_rappeler' || ticket.status === 'en_cours';
  return (
    <tr
      data-ticket-id={ticket.id}
      data-ticket-label={`${phoneText(ticket.callerNumber)}, ${shortName(service)}, à rappeler avant ${formatDateTime(ticket.dueAt)}`}
    >
      <td>
        <a href={ticketPath(line.id, ticket.id)}>{phoneText(ticket.callerNumber)}</a>
      </td>
      <td>
        {formatDateTime(ticket.dueAt)} {late && <OverdueBadge />}
      </td>
      <td>{shortName(service)}</td>
      <td>{ticketReasonLabels[ticket.reason]}</td>
      <td>{attemptsText(ticket.attempts)}</td>
      <td>
        {assigned ??
          (open ? (
            <PostForm action={`${ticketPath(line.id, ticket.id)}/prendre`} csrfToken={csrfToken}>
              {/* aria-label, not an fr-sr-only span: that absolute box escapes the table's scrolling
                  container and widens the whole page on a phone. */}
              <button
                type="submit"
                class="fr-btn fr-btn--sm fr-btn--secondary"
                aria-label={`Je prends le rappel du ${phoneText(ticket.callerNumber)}`}
              >
                Je prends
              </button>
            </PostForm>
          ) : (
            '—'
          ))}
      </td>
      <td>
        <TicketStatusBadge status={ticket.status} />
      </td>
    </tr>
  );
}

function Voicemails({ view, csrfToken }: { view: ConsoleView; csrfToken: string }) {
  const { line } = view;
  if (view.voicemails.length === 0) return <p>Aucun message vocal sur cette ligne.</p>;
  return (
    <ul class="tp-agenda-list fr-raw-list" aria-label="Messages vocaux, les non traités d’abord">
      {view.voicemails.map((voicemail) => (
        <li class="tp-agenda-item" data-voicemail-id={voicemail.id}>
          <p class="fr-text--bold fr-mb-1v">
            {voicemail.callerNumber ? (
              <a href={callerPath(line.id, voicemail.callerNumber)}>
                {phoneText(voicemail.callerNumber)}
                <span class="fr-sr-only"> : historique de l’appelant</span>
              </a>
            ) : (
              phoneText(null)
            )}{' '}
            · {shortName(serviceName(line.flow, voicemail.serviceKey))} · {durationText(voicemail.durationMs)}{' '}
            · {formatDateTime(voicemail.recordedAt)}{' '}
            {voicemail.handledAt ? (
              <span class="fr-badge fr-badge--sm fr-badge--success fr-badge--no-icon">Traité</span>
            ) : (
              <span class="fr-badge fr-badge--sm fr-badge--new fr-badge--no-icon">Non traité</span>
            )}
          </p>
          <VoicemailAudio lineId={line.id} voicemail={voicemail} />
          <div class="fr-btns-group fr-btns-group--inline-sm fr-btns-group--sm">
            {voicemail.handledAt ? (
              <p class="fr-text--sm fr-mb-1w">
                Traité le {formatDateTime(voicemail.handledAt)}
                {voicemail.handledByFirstName
                  ? ` par ${`${voicemail.handledByFirstName} ${voicemail.handledByLastName ?? ''}`.trim()}`
                  : ''}
                .
              </p>
            ) : (
              <PostForm action={`${linePath(line.id)}/messages/${voicemail.id}/traite`} csrfToken={csrfToken}>
                <button type="submit" class="fr-btn fr-btn--sm fr-btn--secondary">
                  Marquer comme traité
                  <span class="fr-sr-only"> : message du {phoneText(voicemail.callerNumber)}</span>
                </button>
              </PostForm>
            )}
            {voicemail.callerNumber && (
              <a
                class="fr-btn fr-btn--sm fr-btn--tertiary"
                href={bookingLinkFor(line.organisationSlug, voicemail.callerNumber)}
              >
                Prendre rendez-vous
                <span class="fr-sr-only"> pour le {phoneText(voicemail.callerNumber)}</span>
              </a>
            )}
          </div>
        </li>
      ))}
    </ul>
  );
}

function Calls({ view }: { view: ConsoleView }) {
  const { line } = view;
  if (view.calls.length === 0) return <p>Aucun appel sur cette ligne pour l’instant.</p>;
  return (
    <Table
      caption={`Les ${view.calls.length} derniers appels, du plus récent au plus ancien`}
      headers={['Heure', 'Numéro', 'Parcours', 'Service', 'Issue']}
    >
      {view.calls.map((call) => (
        <tr>
          <td>{formatDateTime(call.startedAt)}</td>
          <td>
            {call.callerNumber ? (
              <a href={callerPath(line.id, call.callerNumber)}>{phoneText(call.callerNumber)}</a>
            ) : (
              phoneText(null)
            )}
          </td>
          <td>{menuPathText(line.flow, call.menuPath)}</td>
          <td>{shortName(serviceName(line.flow, call.serviceKey))}</td>
          <td>
            {callOutcomeText(call)} {isLostCall(call) && <LostBadge />}
          </td>
        </tr>
      ))}
    </Table>
  );
}
