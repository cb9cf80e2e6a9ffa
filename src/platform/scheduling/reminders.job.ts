import type { JobDefinition } from '../jobs/registry.ts';
import type { Platform } from '../platform.ts';
import {
  existingIdempotencyKeys,
  findParticipationsStartingBetween,
} from './notifications/notifications.repository.ts';
import { queueAppointmentReminder, reminderKeys } from './notifications/queue.ts';

export const REMINDERS_QUEUE = 'scheduling.reminders';

/**
 * Reminders go out for appointments starting within the next 48 h, but not within the next 2 h: a
 * reminder read after the person should have left home helps nobody, and an appointment booked for
 * the next two hours was just confirmed. The job runs every 15 minutes, so an appointment is
 * reminded between 48 h and 47 h 45 before (or at the first run after its booking, if booked later).
 */
export const REMINDER_HORIZON_HOURS = 48;
export const REMINDER_CLOSEST_HOURS = 2;
const BATCH = 200;

/**
 * Queues reminders (email and SMS) exactly once per participant and start time: the idempotency key
 * (scheduling:reminder:<participantId>:<startsAt>:<channel>) lets a later run, a second worker or a
 * retry skip what was already queued, and makes an appointment moved to another time reminded again.
 * `now` comes from the job's data when given (tests), from the messaging clock otherwise.
 */
export const remindersJob: JobDefinition<{ now?: string }> = {
  name: REMINDERS_QUEUE,
  description: 'Rappelle leurs rendez-vous aux usagers par courriel et SMS, 48 h avant.',
  schedule: '*/15 * * * *',
  batchSize: 1,
  async handler(jobs, { platform }) {
    for (const job of jobs) {
      const now = job.data?.now ? new Date(job.data.now) : platform.messaging.clock();
      await remindUpcomingAppointments(platform, now);
    }
  },
};

/**
 * One run: reads the participations to remind in batches (keyset on start and id), leaves out those
 * already reminded for this start, and queues the others' messages, one transaction per batch.
 */
export async function remindUpcomingAppointments(
  platform: Platform,
  now: Date,
  batchSize = BATCH,
): Promise<{ queued: number }> {
  const db = platform.database.db;
  const window = {
    from: new Date(now.getTime() + REMINDER_CLOSEST_HOURS * 3_600_000),
    to: new Date(now.getTime() + REMINDER_HORIZON_HOURS * 3_600_000),
  };
  let after: { startsAt: Date; participantId: string } | null = null;
  let queued = 0;
  for (;;) {
    const batch = await findParticipationsStartingBetween(db, window, after, batchSize);
    if (batch.length === 0) break;
    const last = batch.at(-1)!;
    after = { startsAt: last.startsAt, participantId: last.participantId };
    const done = await existingIdempotencyKeys(
      db,
      batch.flatMap((p) => Object.values(reminderKeys(p))),
    );
    const due = batch.filter((p) => {
      const keys = reminderKeys(p);
      return !done.has(keys.email) && !done.has(keys.sms);
    });
    if (due.length) {
      await db.transaction(async (tx) => {
        for (const participation of due) await queueAppointmentReminder(tx, platform, participation, now);
      });
      queued += due.length;
    }
    if (batch.length < batchSize) break;
  }
  return { queued };
}
