import type { Db } from '../../db/client.ts';
import { queueMessage } from '../../messaging/outbox.service.ts';
import type { Platform } from '../../platform.ts';
import { manageLinkPath } from '../manage-link.ts';
import type { AppointmentEvent } from '../types.ts';
import { CANCELLATION_EMAIL_TEMPLATE, CANCELLATION_SMS_TEMPLATE } from './cancellation.template.ts';
import { CHANGE_EMAIL_TEMPLATE, CHANGE_SMS_TEMPLATE } from './change.template.ts';
import { CONFIRMATION_EMAIL_TEMPLATE, CONFIRMATION_SMS_TEMPLATE } from './confirmation.template.ts';
import type { AppointmentMessage } from './message.ts';
import {
  countChangeEmails,
  findParticipationForMessages,
  type ParticipationForMessages,
} from './notifications.repository.ts';
import { REMINDER_EMAIL_TEMPLATE, REMINDER_SMS_TEMPLATE } from './reminder.template.ts';

export type NotificationKind = 'confirmation' | 'change' | 'cancellation' | 'reminder';

const templates: Record<NotificationKind, { email: string; sms: string }> = {
  confirmation: { email: CONFIRMATION_EMAIL_TEMPLATE, sms: CONFIRMATION_SMS_TEMPLATE },
  change: { email: CHANGE_EMAIL_TEMPLATE, sms: CHANGE_SMS_TEMPLATE },
  cancellation: { email: CANCELLATION_EMAIL_TEMPLATE, sms: CANCELLATION_SMS_TEMPLATE },
  reminder: { email: REMINDER_EMAIL_TEMPLATE, sms: REMINDER_SMS_TEMPLATE },
};

/**
 * Queues the messages one appointment event owes the person concerned, in the transaction that made
 * the change (called by events.ts publishAppointmentEvent): an email when they have an address (with
 * the .ics invitation or cancellation) and an SMS when they have a phone.
 * - appointment.created → confirmation; appointment.updated → change (old and new time), only when
 *   the time or the place changed (a new agent alone is not news to the person);
 * - appointment.cancelled, or a status changed to « annulé » → cancellation; other statuses → nothing;
 * - nothing for an appointment already past at the time of the event (an agent recording one late).
 * Idempotency keys (scheduling:<kind>:<participantId>:<startsAt>:<channel>) make publishing the same
 * event twice harmless; a change also carries the event's time, so moving A → B → A → B still tells
 * the person each time.
 */
export async function queueAppointmentNotifications(
  tx: Db,
  platform: Platform,
  event: AppointmentEvent,
): Promise<void> {
  const kind = notificationKindOf(event);
  if (!kind || event.personNotified) return;
  const participation = await findParticipationForMessages(tx, event.participantId);
  if (!participation || participation.startsAt <= event.at) return;
  if (
    kind === 'change' &&
    event.previous &&
    event.previous.startsAt.getTime() === participation.startsAt.getTime() &&
    event.previous.placeId === participation.placeId
  ) {
    return;
  }
  const sequence = kind === 'confirmation' ? 0 : (await countChangeEmails(tx, participation)) + 1;
  const message = appointmentMessage(platform, participation, {
    sequence,
    stamp: event.at,
    managed: kind !== 'cancellation',
    ...(kind === 'change' && event.previous
      ? {
          previousStartsAt: event.previous.startsAt.toISOString(),
          placeChanged: event.previous.placeId !== participation.placeId,
        }
      : {}),
    ...(kind === 'cancellation' ? { cancelledBy: event.by } : {}),
  });
  const suffix = kind === 'change' ? `:${event.at.toISOString()}` : '';
  await queueParticipationMessages(tx, platform, participation, kind, message, suffix, event.at);
}

/** Which message an event calls for, if any. */
export function notificationKindOf(
  event: Pick<AppointmentEvent, 'kind' | 'toStatus'>,
): NotificationKind | null {
  switch (event.kind) {
    case 'appointment.created':
      return 'confirmation';
    case 'appointment.updated':
      return 'change';
    case 'appointment.cancelled':
      return 'cancellation';
    case 'appointment.status_changed':
      return event.toStatus === 'annule' ? 'cancellation' : null;
  }
}

/**
 * The reminder of one participation (reminders.job.ts), once per participant and start time: an
 * appointment moved to another time is reminded again.
 */
export async function queueAppointmentReminder(
  tx: Db,
  platform: Platform,
  participation: ParticipationForMessages,
  now: Date,
): Promise<void> {
  const sequence = await countChangeEmails(tx, participation);
  const message = appointmentMessage(platform, participation, { sequence, stamp: now, managed: true });
  await queueParticipationMessages(tx, platform, participation, 'reminder', message, '', now);
}

export function reminderKeys(participation: Pick<ParticipationForMessages, 'participantId' | 'startsAt'>) {
  return {
    email: notificationKey('reminder', participation, 'email'),
    sms: notificationKey('reminder', participation, 'sms'),
  };
}

function notificationKey(
  kind: NotificationKind,
  participation: Pick<ParticipationForMessages, 'participantId' | 'startsAt'>,
  channel: 'email' | 'sms',
  suffix = '',
): string {
  return `scheduling:${kind}:${participation.participantId}:${participation.startsAt.toISOString()}${suffix}:${channel}`;
}

async function queueParticipationMessages(
  tx: Db,
  platform: Platform,
  participation: ParticipationForMessages,
  kind: NotificationKind,
  message: AppointmentMessage,
  suffix: string,
  now: Date,
): Promise<void> {
  const common = {
    recipientName: `${participation.firstName} ${participation.lastName}`,
    organisationId: participation.organisationId,
    territoryId: participation.territoryId,
    subject: { type: 'citizen', id: participation.citizenId },
  };
  if (participation.email) {
    await queueMessage(
      tx,
      platform.messaging,
      {
        ...common,
        channel: 'email',
        template: templates[kind].email,
        recipient: participation.email,
        data: message,
        idempotencyKey: notificationKey(kind, participation, 'email', suffix),
      },
      now,
    );
  }
  if (participation.phone) {
    await queueMessage(
      tx,
      platform.messaging,
      {
        ...common,
        channel: 'sms',
        template: templates[kind].sms,
        recipient: participation.phone,
        // The SMS needs no ATTENDEE address: keep no more personal data in the outbox than it uses.
        data: { ...message, email: null },
        idempotencyKey: notificationKey(kind, participation, 'sms', suffix),
      },
      now,
    );
  }
}

function appointmentMessage(
  platform: Platform,
  p: ParticipationForMessages,
  options: {
    sequence: number;
    stamp: Date;
    managed: boolean;
    previousStartsAt?: string;
    placeChanged?: boolean;
    cancelledBy?: AppointmentEvent['by'];
  },
): AppointmentMessage {
  return {
    appointmentId: p.appointmentId,
    participantId: p.participantId,
    firstName: p.firstName,
    lastName: p.lastName,
    homeAddress: p.location === 'domicile' ? p.homeAddress : null,
    email: p.email,
    typeName: p.typeName,
    durationMinutes: p.durationMinutes,
    location: p.location,
    instructions: p.instructions,
    place:
      p.location === 'sur_place' && p.placeName && p.placeAddress
        ? {
            name: p.placeName,
            address: p.placeAddress,
            accessibilityNotes: p.placeAccessibilityNotes,
            phone: p.placePhone,
          }
        : p.placePhone && p.placeName && p.placeAddress
          ? // By phone or video: no address to show, but the place's phone still reaches the organisation.
            { name: p.placeName, address: p.placeAddress, accessibilityNotes: null, phone: p.placePhone }
          : null,
    organisationName: p.organisationName,
    startsAt: p.startsAt.toISOString(),
    endsAt: p.endsAt.toISOString(),
    ...(options.previousStartsAt ? { previousStartsAt: options.previousStartsAt } : {}),
    ...(options.placeChanged ? { placeChanged: true } : {}),
    ...(options.cancelledBy ? { cancelledBy: options.cancelledBy } : {}),
    // The person's link to cancel or move, valid until the appointment's end (manage-link.ts).
    managePath: options.managed ? manageLinkPath(platform.config.secretKey, p.participantId, p.endsAt) : null,
    changeLimitHours: p.changeLimitHours,
    sequence: options.sequence,
    stamp: options.stamp.toISOString(),
    organizerEmail: addressOf(platform.config.mailFrom),
  };
}

/** « Tremplin <ne-pas-repondre@…> » → the address alone. */
function addressOf(mailbox: string): string {
  return /<([^>]+)>/.exec(mailbox)?.[1]?.trim() ?? mailbox.trim();
}
