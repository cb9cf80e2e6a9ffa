import type { Db } from '../db/client.ts';
import type { Platform } from '../platform.ts';
import { findParticipationDetails, type ParticipationDetails } from './appointments.repository.ts';
import { queueAppointmentNotifications } from './notifications/queue.ts';
import type { AppointmentEvent } from './types.ts';
import { queueWebhookDeliveries } from './webhooks/webhooks.service.ts';

/**
 * A module's reaction to a change, run in the same transaction: it sees the change with everything
 * about the participation (citizen with its externalRef, type, agent…). Throwing undoes the change.
 */
export type AppointmentListener = (
  tx: Db,
  event: AppointmentEvent,
  details: ParticipationDetails,
) => Promise<void>;

/**
 * Publishes one change to one person's appointment, in the transaction that made it: the person's
 * messages (notifications/queue.ts) and the organisation's webhook calls (webhooks/) are queued with
 * the change, so they go out if and only if it commits, and never twice. Then the modules' listeners.
 */
export async function publishAppointmentEvent(
  tx: Db,
  platform: Platform,
  event: AppointmentEvent,
): Promise<void> {
  await queueAppointmentNotifications(tx, platform, event);
  const details = await findParticipationDetails(tx, event.participantId);
  if (!details) return;
  await queueWebhookDeliveries(tx, platform, event, details);
  for (const listener of platform.appointmentListeners) await listener(tx, event, details);
}
