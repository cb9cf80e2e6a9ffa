import { recordAudit } from '../../../platform/audit/audit.ts';
import type { Db } from '../../../platform/db/client.ts';
import { conflict, forbidden, invalid, notFound } from '../../../platform/errors.ts';
import { type Caller, isUuid } from '../../../platform/tenancy/caller.ts';
import { projectFacts } from '../context.repository.ts';
import { canViewProject } from '../policy.ts';
import {
  acknowledgeCheckins,
  type CheckinAnswer,
  type CheckinRow,
  checkinOf,
  checkinsManagedBy,
  checkinsOf,
  checkinWithMember,
  memberWithPlan,
  saveCheckin,
  teamsOfAgent,
} from './checkins.repository.ts';
import { planOf, weeksDue } from './plan.ts';
import { addWeeks, weekOfDay } from './weeks.ts';

/**
 * « Ai-je eu ma journée ? » Each member answers for each week of their detachment, until their
 * manager acknowledges the answer; the manager acknowledges the answers of the agents they manage.
 */

/** How many weeks back the manager's list keeps acknowledged answers in view. */
const ACKNOWLEDGED_WEEKS_SHOWN = 4;

type PlanRow = {
  member: { daysPerWeek: string | null; weeks: number | null; joinedOn: string; leftOn: string | null };
  projectDaysPerWeek: string | null;
  projectWeeks: number | null;
  cohortDaysPerWeek: string;
  cohortWeeks: number;
};

function detachmentOf(row: PlanRow) {
  const plan = planOf(
    row.member,
    { detachmentDaysPerWeek: row.projectDaysPerWeek, detachmentWeeks: row.projectWeeks },
    { detachmentDaysPerWeek: row.cohortDaysPerWeek, detachmentWeeks: row.cohortWeeks },
  );
  return { joinedOn: row.member.joinedOn, leftOn: row.member.leftOn, plan };
}

export type MyWeek = { week: string; checkin: CheckinRow | null };

/** My teams with the weeks due so far, newest first: each answered or not, acknowledged or not. */
export async function viewMyCheckins(db: Db, caller: Caller, today: string) {
  const teams = await teamsOfAgent(db, caller.actor.agentId);
  const answers = await checkinsOf(
    db,
    teams.map((t) => t.member.id),
  );
  return teams
    .map((team) => {
      const detachment = detachmentOf(team);
      const weeks: MyWeek[] = weeksDue(detachment, today)
        .reverse()
        .map((week) => ({
          week,
          checkin: answers.find((a) => a.teamMemberId === team.member.id && a.weekStart === week) ?? null,
        }));
      return { ...team, plan: detachment.plan, weeks };
    })
    .filter((team) => team.weeks.length > 0);
}

export type MyTeam = Awaited<ReturnType<typeof viewMyCheckins>>[number];

/** The answers of the agents I manage: the ones waiting for me, and the recent others. Audited. */
export async function viewManagedCheckins(db: Db, caller: Caller, today: string) {
  const since = addWeeks(weekOfDay(today), -ACKNOWLEDGED_WEEKS_SHOWN);
  const rows = await checkinsManagedBy(db, caller.actor.agentId, since);
  if (rows.length > 0) {
    await recordAudit(db, caller.audit, {
      action: 'list',
      resourceType: 'programme_checkin',
      details: { page: 'pointages à valider', count: rows.length },
    });
  }
  const weeks = [...new Set(rows.map((r) => r.checkin.weekStart))];
  return weeks.map((week) => ({ week, rows: rows.filter((r) => r.checkin.weekStart === week) }));
}

export type ManagedWeek = Awaited<ReturnType<typeof viewManagedCheckins>>[number];

/**
 * A member answers (or changes their answer) for one week of their detachment. Someone else's team
 * membership does not exist for them (404); a week outside the detachment is refused; an acknowledged
 * week no longer changes (409).
 */
export async function answerCheckin(
  db: Db,
  caller: Caller,
  input: { memberId: string; week: string; answer: CheckinAnswer },
  now: Date,
  today: string,
) {
  const row = isUuid(input.memberId) ? await memberWithPlan(db, input.memberId) : null;
  if (!row || row.member.agentId !== caller.actor.agentId) {
    throw notFound('Vous ne faites pas partie de cette équipe.');
  }
  if (!weeksDue(detachmentOf(row), today).includes(input.week)) {
    throw invalid({ _: 'Cette semaine ne fait pas partie de votre détachement sur ce projet.' });
  }
  const closed = 'Votre responsable a déjà validé cette semaine : elle ne se modifie plus.';
  const existing = await checkinOf(db, row.member.id, input.week);
  if (existing?.acknowledgedAt) throw conflict(closed);
  await db.transaction(async (tx) => {
    // The upsert writes nothing if the manager acknowledged the week in the meantime.
    const saved = await saveCheckin(tx, row.member.id, input.week, input.answer, now);
    if (!saved) throw conflict(closed);
    await recordAudit(tx, caller.audit, {
      action: existing ? 'update' : 'create',
      resourceType: 'programme_checkin',
      resourceId: saved.id,
      details: { projectId: row.projectId, week: input.week, days: input.answer.days },
    });
  });
  return { projectTitle: row.projectTitle };
}

/**
 * The manager of the member acknowledges one answer. Anyone else who sees the project (the member,
 * the coach, the staff) is refused (403); for others the answer does not exist (404).
 */
export async function acknowledgeCheckin(db: Db, caller: Caller, checkinId: string, now: Date) {
  const row = isUuid(checkinId) ? await checkinWithMember(db, checkinId) : null;
  if (!row) throw notFound('Ce pointage n’existe pas.');
  if (row.member.managerAgentId !== caller.actor.agentId) {
    const facts = await projectFacts(db, row.member.projectId);
    if (!facts || !canViewProject(caller.actor, facts)) throw notFound('Ce pointage n’existe pas.');
    throw forbidden('Seul le responsable hiérarchique de l’agent valide ses pointages.');
  }
  await acknowledge(db, caller, [row.checkin.id], now);
}

/** The manager acknowledges every answer of one week waiting for them; returns how many. */
export async function acknowledgeWeek(db: Db, caller: Caller, week: string, now: Date, today: string) {
  // From next week on, no answer is acknowledged yet: this reads only the ones still waiting.
  const rows = await checkinsManagedBy(db, caller.actor.agentId, addWeeks(weekOfDay(today), 1));
  const waiting = rows.filter((r) => r.checkin.weekStart === week && r.checkin.acknowledgedAt === null);
  return acknowledge(
    db,
    caller,
    waiting.map((r) => r.checkin.id),
    now,
  );
}

async function acknowledge(db: Db, caller: Caller, ids: string[], now: Date): Promise<number> {
  return db.transaction(async (tx) => {
    const changed = await acknowledgeCheckins(tx, ids, caller.actor.agentId, now);
    for (const { id } of changed) {
      await recordAudit(tx, caller.audit, {
        action: 'update',
        resourceType: 'programme_checkin',
        resourceId: id,
        details: { acknowledged: true },
      });
    }
    return changed.length;
  });
}
