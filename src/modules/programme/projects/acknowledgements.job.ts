import type { JobDefinition } from '../../../platform/jobs/registry.ts';
import { queueMessage } from '../../../platform/messaging/outbox.service.ts';
import type { Platform } from '../../../platform/platform.ts';
import { pendingAcknowledgements } from './checkins.repository.ts';
import { CHECKIN_ACKNOWLEDGE, type CheckinAcknowledge } from './templates.ts';
import { weekOf } from './weeks.ts';

export const CHECKIN_ACKNOWLEDGEMENTS_QUEUE = 'programme.checkin-acknowledgements';

/**
 * Mondays at 09:00 (Europe/Paris): each manager with answers waiting for their acknowledgement gets
 * one email listing them. The key programme:checkin-acknowledge:<manager>:<monday> sends it once a
 * week at most, however often the job runs.
 */
export const checkinAcknowledgementsJob: JobDefinition<{ now?: string }> = {
  name: CHECKIN_ACKNOWLEDGEMENTS_QUEUE,
  description: 'Programme : signale le lundi aux responsables les pointages de leurs agents à valider.',
  schedule: '0 9 * * 1',
  batchSize: 1,
  async handler(jobs, { platform }) {
    for (const job of jobs) {
      const now = job.data?.now ? new Date(job.data.now) : platform.messaging.clock();
      await askManagersToAcknowledge(platform, now);
    }
  },
};

export async function askManagersToAcknowledge(platform: Platform, now: Date): Promise<{ managers: number }> {
  const db = platform.database.db;
  const monday = weekOf(now);
  const rows = await pendingAcknowledgements(db);
  const managerIds = [...new Set(rows.map((r) => r.managerId))];
  await db.transaction(async (tx) => {
    for (const managerId of managerIds) {
      const own = rows.filter((r) => r.managerId === managerId);
      const first = own[0]!;
      const data: CheckinAcknowledge = {
        firstName: first.managerFirstName,
        lines: own.map((r) => ({
          name: `${r.firstName} ${r.lastName}`.trim(),
          projectTitle: r.projectTitle,
          week: r.weekStart,
          days: r.days,
        })),
      };
      await queueMessage(
        tx,
        platform.messaging,
        {
          channel: 'email',
          template: CHECKIN_ACKNOWLEDGE,
          recipient: first.managerEmail,
          recipientName: `${first.managerFirstName} ${first.managerLastName}`.trim(),
          data,
          idempotencyKey: `programme:checkin-acknowledge:${managerId}:${monday}`,
        },
        now,
      );
    }
  });
  return { managers: managerIds.length };
}
