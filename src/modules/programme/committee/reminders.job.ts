import type { JobDefinition } from '../../../platform/jobs/registry.ts';
import { queueMessage } from '../../../platform/messaging/outbox.service.ts';
import type { Platform } from '../../../platform/platform.ts';
import { localDay, PARIS } from '../../../platform/scheduling/slots/calendar.ts';
import {
  FIRST_REMINDER_DAYS,
  MATERIALS_NOTICE_DAYS,
  materialsDueOn,
  materialsReminderFor,
} from './calendar.ts';
import { itemsOf, teamsOf, upcomingCommittees } from './committee.repository.ts';
import { longDateTime, longDay } from './format.ts';
import { itemPath } from './paths.ts';
import { MATERIALS_DUE, type MaterialsDueMessage } from './templates.ts';

export const MATERIALS_REMINDERS_QUEUE = 'programme.committee-materials-reminders';

/**
 * Every morning: each team whose materials are still missing for an upcoming committee is reminded
 * three days before D-7 and again on D-7 (calendar.ts says which reminder is due). One email per
 * current team member, keyed programme:committee-item:<item>:materials-due:<reminder>:<agent>, so a
 * second run the same day, a retry or a second worker sends nothing twice.
 */
export const materialsRemindersJob: JobDefinition<{ now?: string }> = {
  name: MATERIALS_REMINDERS_QUEUE,
  description:
    'Programme : rappelle aux équipes dont les documents manquent qu’ils sont dus pour le comité (J-3 avant la date limite, puis le jour même).',
  schedule: '0 8 * * *',
  batchSize: 1,
  async handler(jobs, { platform }) {
    for (const job of jobs) {
      const now = job.data?.now ? new Date(job.data.now) : platform.messaging.clock();
      await remindTeamsOfMissingMaterials(platform, now);
    }
  },
};

/** One run at `now`; `queued` counts the reminders handed to the outbox (a repeat is a no-op there). */
export async function remindTeamsOfMissingMaterials(
  platform: Platform,
  now: Date,
): Promise<{ queued: number }> {
  const db = platform.database.db;
  const today = localDay(now, PARIS);
  // Committees whose D-7 is at most FIRST_REMINDER_DAYS ahead: meeting within 7 + 3 days (+1 of margin).
  const horizon = new Date(now.getTime() + (MATERIALS_NOTICE_DAYS + FIRST_REMINDER_DAYS + 1) * 86_400_000);
  let queued = 0;
  for (const committee of await upcomingCommittees(db, now, horizon)) {
    const dueOn = materialsDueOn(committee.meetsAt);
    const reminder = materialsReminderFor(dueOn, today);
    if (!reminder) continue;
    const missing = (await itemsOf(db, committee.id)).filter((i) => !i.materialsSubmittedAt && !i.decision);
    if (missing.length === 0) continue;
    const teams = await teamsOf(
      db,
      missing.map((i) => i.project.id),
    );
    await db.transaction(async (tx) => {
      for (const item of missing) {
        const current = teams.filter(
          (t) => t.projectId === item.project.id && !t.deactivatedAt && (!t.leftOn || t.leftOn >= today),
        );
        for (const member of current) {
          const data: MaterialsDueMessage = {
            firstName: member.firstName,
            projectTitle: item.project.title,
            committeeTitle: committee.title,
            meetsAt: longDateTime(committee.meetsAt),
            dueOn: longDay(dueOn),
            reminder,
            path: itemPath(committee.id, item.id),
          };
          await queueMessage(
            tx,
            platform.messaging,
            {
              channel: 'email',
              template: MATERIALS_DUE,
              recipient: member.email,
              recipientName: `${member.firstName} ${member.lastName}`,
              data,
              idempotencyKey: `programme:committee-item:${item.id}:materials-due:${reminder}:${member.agentId}`,
              territoryId: item.project.territoryId,
            },
            now,
          );
          queued++;
        }
      }
    });
  }
  return { queued };
}
