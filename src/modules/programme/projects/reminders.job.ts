import type { JobDefinition } from '../../../platform/jobs/registry.ts';
import { queueMessage } from '../../../platform/messaging/outbox.service.ts';
import type { Platform } from '../../../platform/platform.ts';
import { addDays } from '../../../platform/scheduling/agenda/week-grid.ts';
import { membersAround } from './checkins.repository.ts';
import { currentPhase } from './phases.ts';
import { detachmentWeeks, planOf } from './plan.ts';
import { phasesOf } from './projects.repository.ts';
import { CHECKIN_REMINDER, type CheckinReminder } from './templates.ts';
import { weekOf } from './weeks.ts';

export const CHECKIN_REMINDERS_QUEUE = 'programme.checkin-reminders';

/** A project in these phases has no detached team any more: nobody is reminded. */
const FINISHED = new Set(['abandon', 'alumni']);

/**
 * Fridays at 14:00 (Europe/Paris): each team member whose detachment covers this week and who has
 * not answered it yet gets one email. The key programme:checkin-reminder:<member>:<monday> makes a
 * second run in the same week (a retry, a second worker, a manual run) queue nothing more.
 */
export const checkinRemindersJob: JobDefinition<{ now?: string }> = {
  name: CHECKIN_REMINDERS_QUEUE,
  description:
    'Programme : rappelle le vendredi aux membres des équipes de répondre à leur pointage de la semaine.',
  schedule: '0 14 * * 5',
  batchSize: 1,
  async handler(jobs, { platform }) {
    for (const job of jobs) {
      const now = job.data?.now ? new Date(job.data.now) : platform.messaging.clock();
      await remindMembersWithoutCheckin(platform, now);
    }
  },
};

export async function remindMembersWithoutCheckin(platform: Platform, now: Date): Promise<{ due: number }> {
  const db = platform.database.db;
  const monday = weekOf(now);
  const rows = await membersAround(db, monday, addDays(monday, 6));
  const phases = await phasesOf(db, [...new Set(rows.map((r) => r.projectId))]);
  const due = rows.filter((row) => {
    if (row.answered) return false;
    const phase = currentPhase(phases.filter((p) => p.projectId === row.projectId));
    if (phase && FINISHED.has(phase.phase)) return false;
    const plan = planOf(
      row.member,
      { detachmentDaysPerWeek: row.projectDaysPerWeek, detachmentWeeks: row.projectWeeks },
      { detachmentDaysPerWeek: row.cohortDaysPerWeek, detachmentWeeks: row.cohortWeeks },
    );
    return detachmentWeeks({ joinedOn: row.member.joinedOn, leftOn: row.member.leftOn, plan }).includes(
      monday,
    );
  });
  await db.transaction(async (tx) => {
    for (const row of due) {
      const data: CheckinReminder = {
        firstName: row.firstName,
        projectTitle: row.projectTitle,
        week: monday,
      };
      await queueMessage(
        tx,
        platform.messaging,
        {
          channel: 'email',
          template: CHECKIN_REMINDER,
          recipient: row.email,
          recipientName: `${row.firstName} ${row.lastName}`.trim(),
          data,
          idempotencyKey: `programme:checkin-reminder:${row.member.id}:${monday}`,
        },
        now,
      );
    }
  });
  // Members already reminded this week count as due: queueMessage finds their message and adds none.
  return { due: due.length };
}
