import { and, asc, desc, eq, gte, inArray, isNull, lte, or } from 'drizzle-orm';
import { alias } from 'drizzle-orm/pg-core';
import type { Db } from '../../../platform/db/client.ts';
import { agents } from '../../../platform/tenancy/tables.ts';
import { checkins, cohorts, projects, teamMembers } from '../tables.ts';

/** The weekly check-ins (« ai-je eu ma journée ? ») and the teams they belong to. */

const managers = alias(agents, 'managers');

export async function checkinsOf(db: Db, memberIds: string[]) {
  if (memberIds.length === 0) return [];
  return db
    .select()
    .from(checkins)
    .where(inArray(checkins.teamMemberId, memberIds))
    .orderBy(desc(checkins.weekStart));
}

export type CheckinRow = typeof checkins.$inferSelect;

/** What a plan needs of a member's project and cohort, beside the member's own row. */
const planColumns = {
  projectId: projects.id,
  projectSlug: projects.slug,
  projectTitle: projects.title,
  projectDaysPerWeek: projects.detachmentDaysPerWeek,
  projectWeeks: projects.detachmentWeeks,
  cohortId: cohorts.id,
  cohortDaysPerWeek: cohorts.detachmentDaysPerWeek,
  cohortWeeks: cohorts.detachmentWeeks,
};

/** The teams an agent is (or was) on, with what their plan needs and their manager's name. */
export async function teamsOfAgent(db: Db, agentId: string) {
  return db
    .select({
      member: teamMembers,
      ...planColumns,
      managerFirstName: managers.firstName,
      managerLastName: managers.lastName,
    })
    .from(teamMembers)
    .innerJoin(projects, eq(projects.id, teamMembers.projectId))
    .innerJoin(cohorts, eq(cohorts.id, projects.cohortId))
    .leftJoin(managers, eq(managers.id, teamMembers.managerAgentId))
    .where(eq(teamMembers.agentId, agentId))
    .orderBy(asc(projects.title));
}

export type AgentTeam = Awaited<ReturnType<typeof teamsOfAgent>>[number];

export async function memberWithPlan(db: Db, memberId: string) {
  const [row] = await db
    .select({ member: teamMembers, ...planColumns })
    .from(teamMembers)
    .innerJoin(projects, eq(projects.id, teamMembers.projectId))
    .innerJoin(cohorts, eq(cohorts.id, projects.cohortId))
    .where(eq(teamMembers.id, memberId));
  return row ?? null;
}

export async function checkinOf(db: Db, memberId: string, weekStart: string) {
  const [row] = await db
    .select()
    .from(checkins)
    .where(and(eq(checkins.teamMemberId, memberId), eq(checkins.weekStart, weekStart)));
  return row ?? null;
}

/** A check-in with the member it belongs to (whose manager acknowledges it). */
export async function checkinWithMember(db: Db, checkinId: string) {
  const [row] = await db
    .select({ checkin: checkins, member: teamMembers })
    .from(checkins)
    .innerJoin(teamMembers, eq(teamMembers.id, checkins.teamMemberId))
    .where(eq(checkins.id, checkinId));
  return row ?? null;
}

export type CheckinAnswer = { hadDay: boolean; days: string; comment: string };

/**
 * Writes the answer of a member for a week, unless it was acknowledged meanwhile (the `where` of the
 * upsert): returns null then, and the service says the week is closed.
 */
export async function saveCheckin(
  db: Db,
  memberId: string,
  weekStart: string,
  answer: CheckinAnswer,
  now: Date,
) {
  const [row] = await db
    .insert(checkins)
    .values({ teamMemberId: memberId, weekStart, ...answer, answeredAt: now })
    .onConflictDoUpdate({
      target: [checkins.teamMemberId, checkins.weekStart],
      set: { ...answer, answeredAt: now },
      setWhere: isNull(checkins.acknowledgedAt),
    })
    .returning();
  return row ?? null;
}

/** Acknowledges check-ins not yet acknowledged; returns the ones it changed. */
export async function acknowledgeCheckins(db: Db, checkinIds: string[], managerId: string, now: Date) {
  if (checkinIds.length === 0) return [];
  return db
    .update(checkins)
    .set({ acknowledgedBy: managerId, acknowledgedAt: now })
    .where(and(inArray(checkins.id, checkinIds), isNull(checkins.acknowledgedAt)))
    .returning({ id: checkins.id });
}

/**
 * The check-ins of the agents a manager manages: the ones waiting for them, and the ones answered
 * since `since` (so the page shows what was acknowledged lately too).
 */
export async function checkinsManagedBy(db: Db, managerId: string, since: string) {
  return db
    .select({
      checkin: checkins,
      memberId: teamMembers.id,
      role: teamMembers.role,
      firstName: agents.firstName,
      lastName: agents.lastName,
      projectSlug: projects.slug,
      projectTitle: projects.title,
      cohortId: projects.cohortId,
    })
    .from(checkins)
    .innerJoin(teamMembers, eq(teamMembers.id, checkins.teamMemberId))
    .innerJoin(agents, eq(agents.id, teamMembers.agentId))
    .innerJoin(projects, eq(projects.id, teamMembers.projectId))
    .where(
      and(
        eq(teamMembers.managerAgentId, managerId),
        or(isNull(checkins.acknowledgedAt), gte(checkins.weekStart, since)),
      ),
    )
    .orderBy(desc(checkins.weekStart), asc(agents.lastName), asc(agents.firstName), asc(projects.title));
}

/**
 * Members who may owe a check-in for the week of `monday`: joined by its Sunday, not gone before it,
 * their agent still active; with their plan, and whether that week is answered. The job applies the
 * plan (plan.ts) to keep only the weeks of their detachment.
 */
export async function membersAround(db: Db, monday: string, sunday: string) {
  return db
    .select({
      member: teamMembers,
      ...planColumns,
      email: agents.email,
      firstName: agents.firstName,
      lastName: agents.lastName,
      answered: checkins.id,
    })
    .from(teamMembers)
    .innerJoin(agents, eq(agents.id, teamMembers.agentId))
    .innerJoin(projects, eq(projects.id, teamMembers.projectId))
    .innerJoin(cohorts, eq(cohorts.id, projects.cohortId))
    .leftJoin(checkins, and(eq(checkins.teamMemberId, teamMembers.id), eq(checkins.weekStart, monday)))
    .where(
      and(
        lte(teamMembers.joinedOn, sunday),
        or(isNull(teamMembers.leftOn), gte(teamMembers.leftOn, monday)),
        isNull(agents.deactivatedAt),
      ),
    );
}

/** Every check-in waiting for a manager's acknowledgement, with who answered and for which project. */
export async function pendingAcknowledgements(db: Db) {
  return db
    .select({
      managerId: managers.id,
      managerEmail: managers.email,
      managerFirstName: managers.firstName,
      managerLastName: managers.lastName,
      weekStart: checkins.weekStart,
      days: checkins.days,
      firstName: agents.firstName,
      lastName: agents.lastName,
      projectTitle: projects.title,
    })
    .from(checkins)
    .innerJoin(teamMembers, eq(teamMembers.id, checkins.teamMemberId))
    .innerJoin(managers, eq(managers.id, teamMembers.managerAgentId))
    .innerJoin(agents, eq(agents.id, teamMembers.agentId))
    .innerJoin(projects, eq(projects.id, teamMembers.projectId))
    .where(and(isNull(checkins.acknowledgedAt), isNull(managers.deactivatedAt)))
    .orderBy(asc(managers.id), asc(checkins.weekStart), asc(agents.lastName));
}
