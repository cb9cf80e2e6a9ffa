import type { JobDefinition } from '../../../platform/jobs/registry.ts';
import { queueMessage } from '../../../platform/messaging/outbox.service.ts';
import type { Platform } from '../../../platform/platform.ts';
import { localDay } from '../../../platform/scheduling/slots/calendar.ts';
import { rsaInvitationPath } from '../invitation-link.ts';
import {
  dueReminders,
  invitationSettingsOf,
  organisationsByIds,
  recordReminder,
} from './invitations.repository.ts';
import { helpPhones } from './invite.service.ts';
import { type InvitationMessage, shortCodeOf } from './message.ts';
import { nextReminderAt } from './reach.ts';
import { reminderTemplateOf } from './templates.ts';

export const RSA_REMINDERS_QUEUE = 'rsa.invitation-reminders';
const BATCH = 200;

/**
 * Every 15 minutes: the invitations whose reminder is due (J+3, J+7 by default) and that are still
 * waiting — nothing booked, not closed, not expired — get a reminder in their channel (SMS or email;
 * letters are not reminded). Once the person books, appointment-sync.ts sets booked_at and clears
 * next_reminder_at in the booking's transaction, so no reminder can follow a booking.
 */
export const invitationRemindersJob: JobDefinition<{ now?: string }> = {
  name: RSA_REMINDERS_QUEUE,
  description: 'RSA : relance (J+3, J+7) les personnes invitées qui n’ont pas encore pris rendez-vous.',
  schedule: '*/15 * * * *',
  batchSize: 1,
  async handler(jobs, { platform }) {
    for (const job of jobs) {
      const now = job.data?.now ? new Date(job.data.now) : platform.messaging.clock();
      await remindInvitedPeople(platform, now);
    }
  },
};

/**
 * One run, in batches (each in a transaction). The reminder's message and the invitation's new count
 * commit together; the idempotency key rsa:invitation:<id>:reminder:<n> keeps a second worker or a
 * retry from sending the same reminder twice.
 */
export async function remindInvitedPeople(platform: Platform, now: Date): Promise<{ queued: number }> {
  const db = platform.database.db;
  let queued = 0;
  for (;;) {
    const due = await dueReminders(db, now, BATCH);
    if (due.length === 0) break;
    const organisationIds = [...new Set(due.map((d) => d.invitation.organisationId))];
    const [settings, organisations, phones] = await Promise.all([
      invitationSettingsOf(db, organisationIds),
      organisationsByIds(db, organisationIds),
      helpPhones(db, organisationIds),
    ]);
    await db.transaction(async (tx) => {
      for (const { invitation, beneficiary } of due) {
        const reminder = invitation.remindersSent + 1;
        const next = nextReminderAt(
          invitation.sentAt,
          settings.get(invitation.organisationId)!.reminderDays,
          reminder,
          invitation.expiresAt,
        );
        if (!(await recordReminder(tx, invitation.id, { remindersSent: reminder, nextReminderAt: next })))
          continue;
        const channel = invitation.channel;
        const recipient =
          channel === 'sms' ? beneficiary.phone : channel === 'email' ? beneficiary.email : null;
        if (channel === 'letter' || !recipient) continue;
        const lastDay = new Date(invitation.expiresAt.getTime() - 1);
        const data: InvitationMessage = {
          firstName: beneficiary.firstName,
          lastName: beneficiary.lastName,
          organisationName: organisations.get(invitation.organisationId)?.name ?? '',
          path: rsaInvitationPath(platform.config.secretKey, invitation.id, invitation.expiresAt),
          shortCode: shortCodeOf(invitation.id),
          lastDay: localDay(lastDay),
          phone: phones.get(invitation.organisationId) ?? null,
          reminder,
        };
        await queueMessage(
          tx,
          platform.messaging,
          {
            channel,
            template: reminderTemplateOf[channel],
            recipient,
            recipientName: `${beneficiary.firstName} ${beneficiary.lastName}`,
            data,
            idempotencyKey: `rsa:invitation:${invitation.id}:reminder:${reminder}`,
            organisationId: invitation.organisationId,
            territoryId: beneficiary.territoryId,
            subject: { type: 'rsa_beneficiary', id: beneficiary.id },
          },
          now,
        );
        queued++;
      }
    });
    if (due.length < BATCH) break;
  }
  return { queued };
}
