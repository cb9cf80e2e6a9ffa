import type { MessageSummary } from '../../../platform/messaging/messages.service.ts';
import {
  channelLabels,
  statusLabels as messageStatusLabels,
} from '../../../platform/messaging/messages.view.tsx';
import { displayPhone } from '../../../platform/scheduling/agenda/views/parts.tsx';
import { participationStatusLabels } from '../../../platform/scheduling/types.ts';
import { formatDateTime } from '../../../platform/web/components.tsx';
import type {
  appointmentsOfCitizen,
  decisionsOf,
  invitationsOf,
  notesOf,
  questionnaireOf,
  statusChangesOf,
} from '../person.repository.ts';
import { type BeneficiaryStatus, statusLabels, statusSeverity } from '../status.ts';

/**
 * A person's timeline: everything that happened on the way from the opening of their rights to their
 * orientation, newest first, merged from the status history, the invitations and convocations, the
 * messages sent to them, their appointments, the questionnaire, the decisions and the notes. Pure:
 * the sources come in as read, the entries go out as the page shows them.
 */

export type Severity = 'info' | 'success' | 'warning' | 'error' | 'new';

export type TimelineEntry = {
  at: Date;
  kind: 'statut' | 'invitation' | 'convocation' | 'message' | 'rdv' | 'questionnaire' | 'decision' | 'note';
  title: string;
  lines: string[];
  badge?: { label: string; severity: Severity };
  /** A note's text, shown as written. */
  body?: string;
  link?: { label: string; href: string };
};

type Rows<F extends (...args: never[]) => Promise<unknown>> = Awaited<ReturnType<F>>;

export type TimelineSources = {
  statusChanges: Rows<typeof statusChangesOf>;
  invitations: Rows<typeof invitationsOf>;
  messages: MessageSummary[];
  appointments: Rows<typeof appointmentsOfCitizen>;
  questionnaire: Rows<typeof questionnaireOf>;
  decisions: Rows<typeof decisionsOf>;
  notes: Rows<typeof notesOf>;
  /** The template descriptions of messages ("Invitation RSA par SMS"), when known. */
  describeTemplate?: (name: string) => string | undefined;
  /** To tell an expired invitation from a running one. */
  now: Date;
};

export const orientationLabels = {
  sociale: 'sociale',
  professionnelle: 'professionnelle',
  socio_professionnelle: 'socio-professionnelle',
} as const;

const invitationChannelLabels = { sms: 'SMS', email: 'courriel', letter: 'courrier' } as const;

/** "12/03/2025" from "2025-03-12". */
export function formatDay(day: string | null | undefined): string {
  return day ? day.split('-').reverse().join('/') : '—';
}

const nameOf = (row: { authorFirstName: string | null; authorLastName: string | null }) =>
  row.authorFirstName || row.authorLastName
    ? `${row.authorFirstName ?? ''} ${row.authorLastName ?? ''}`.trim()
    : null;

const messageSeverity = (status: MessageSummary['status']): Severity =>
  ['sent', 'delivered', 'posted'].includes(status)
    ? 'success'
    : ['failed', 'dead', 'invalid'].includes(status)
      ? 'error'
      : 'info';

const participationSeverity: Record<string, Severity> = {
  a_venir: 'info',
  vu: 'success',
  absent: 'error',
  excuse: 'warning',
  annule: 'warning',
};

export function buildTimeline(sources: TimelineSources): TimelineEntry[] {
  const entries: TimelineEntry[] = [];

  for (const change of sources.statusChanges) {
    const who =
      change.changedBy === 'usager'
        ? 'par la personne'
        : change.changedBy === 'systeme'
          ? 'automatiquement'
          : nameOf(change)
            ? `par ${nameOf(change)}`
            : 'par un agent';
    entries.push({
      at: change.changedAt,
      kind: 'statut',
      title: `Statut : ${statusLabels[change.toStatus]}`,
      lines: [
        change.fromStatus
          ? `Auparavant : ${statusLabels[change.fromStatus as BeneficiaryStatus]}, changé ${who}`
          : `Changé ${who}`,
        ...(change.reason ? [`Motif : ${change.reason}`] : []),
      ],
      badge: { label: statusLabels[change.toStatus], severity: statusSeverity[change.toStatus] },
    });
  }

  for (const invitation of sources.invitations) {
    const isInvitation = invitation.kind === 'invitation';
    const lines: string[] = [];
    if (isInvitation) lines.push(`Valable jusqu’au ${formatDateTime(invitation.expiresAt)}`);
    if (invitation.remindersSent > 0) {
      lines.push(
        invitation.remindersSent === 1
          ? '1 relance envoyée'
          : `${invitation.remindersSent} relances envoyées`,
      );
    }
    if (invitation.nextReminderAt && !invitation.bookedAt && !invitation.closedAt) {
      lines.push(`Prochaine relance le ${formatDateTime(invitation.nextReminderAt)}`);
    }
    if (invitation.bookedAt) {
      lines.push(
        `Rendez-vous pris le ${formatDateTime(invitation.bookedAt)}${
          invitation.appointmentStartsAt ? `, pour le ${formatDateTime(invitation.appointmentStartsAt)}` : ''
        }`,
      );
    } else if (invitation.closedAt) {
      lines.push(`Close le ${formatDateTime(invitation.closedAt)} sans rendez-vous`);
    }
    if (nameOf(invitation)) lines.push(`Envoyée par ${nameOf(invitation)}`);
    const badge: TimelineEntry['badge'] = invitation.bookedAt
      ? { label: 'RDV pris', severity: 'success' }
      : invitation.closedAt
        ? { label: 'Close', severity: 'new' }
        : isInvitation && invitation.expiresAt.getTime() <= sources.now.getTime()
          ? { label: 'Expirée', severity: 'warning' }
          : { label: 'En cours', severity: 'info' };
    entries.push({
      at: invitation.sentAt,
      kind: isInvitation ? 'invitation' : 'convocation',
      title: `${isInvitation ? 'Invitation' : 'Convocation'} par ${invitationChannelLabels[invitation.channel]}`,
      lines,
      badge,
    });
  }

  for (const message of sources.messages) {
    const described = sources.describeTemplate?.(message.template) ?? message.template;
    entries.push({
      at: message.sentAt ?? message.createdAt,
      kind: 'message',
      title: `${channelLabels[message.channel]} : ${described}`,
      lines: [
        `À ${message.channel === 'sms' && message.recipientNormalised ? displayPhone(message.recipientNormalised) : (message.recipientNormalised ?? message.recipient)}`,
        ...(message.statusReason ? [message.statusReason] : []),
      ],
      badge: { label: messageStatusLabels[message.status], severity: messageSeverity(message.status) },
    });
  }

  for (const appointment of sources.appointments) {
    const cancelled = appointment.cancelledAt !== null || appointment.status === 'annule';
    const status = cancelled ? 'annule' : appointment.status;
    entries.push({
      at: appointment.startsAt,
      kind: 'rdv',
      title: `Rendez-vous : ${appointment.typeName}`,
      lines: [
        `Le ${formatDateTime(appointment.startsAt)}${appointment.placeName ? `, ${appointment.placeName}` : ''}`,
        ...(nameOf(appointment) ? [`Avec ${nameOf(appointment)}`] : []),
        `Pris le ${formatDateTime(appointment.bookedAt)}${appointment.bookedVia === 'agent' ? ' par un agent' : ' par la personne'}`,
      ],
      badge: {
        label: participationStatusLabels[status],
        severity: participationSeverity[status] ?? 'info',
      },
      link: {
        label: 'Voir le rendez-vous dans l’agenda',
        href: `/rendez-vous/rdv/${appointment.participantId}?organisation=${encodeURIComponent(appointment.organisationSlug)}`,
      },
    });
  }

  if (sources.questionnaire) {
    const q = sources.questionnaire;
    entries.push({
      at: q.submittedAt,
      kind: 'questionnaire',
      title: `Questionnaire d’orientation rempli ${q.filledBy === 'usager' ? 'par la personne' : 'avec un agent'}`,
      lines: [`Orientation suggérée : ${orientationLabels[q.suggestedOrientation]}`],
    });
  }

  for (const decision of sources.decisions) {
    entries.push({
      at: decision.createdAt,
      kind: 'decision',
      title: `Décision d’orientation : ${orientationLabels[decision.orientation]}`,
      lines: [
        `Décidée le ${formatDay(decision.decidedOn)} par ${nameOf(decision) ?? 'un agent'}`,
        `Structure qui accompagne la personne : ${decision.structureName}`,
        ...(decision.comment ? [`Commentaire : ${decision.comment}`] : []),
      ],
      badge: { label: 'Orienté', severity: 'success' },
    });
  }

  for (const note of sources.notes) {
    entries.push({
      at: note.createdAt,
      kind: 'note',
      title: `Note de ${nameOf(note) ?? 'un agent'}`,
      lines: [],
      body: note.body,
    });
  }

  // Newest first; entries of the same instant keep the order above (stable sort).
  return entries.sort((a, b) => b.at.getTime() - a.at.getTime());
}
