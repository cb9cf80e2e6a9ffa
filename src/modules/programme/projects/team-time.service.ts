import type { Db } from '../../../platform/db/client.ts';
import { checkinsOf } from './checkins.repository.ts';
import { type MemberTime, memberTime, type Plan, planOf, type TeamTime, teamTime } from './plan.ts';
import { type MemberRow, membersOf } from './team.repository.ts';

export type MemberWithTime = MemberRow & { plan: Plan; time: MemberTime; active: boolean };
export type TeamWithTime = { members: MemberWithTime[]; total: TeamTime };

type PlanHolder = { detachmentDaysPerWeek: string | null; detachmentWeeks: number | null };

/** Whether a member is on the team on `today` (joined, not yet left). */
export function isActiveOn(member: { joinedOn: string; leftOn: string | null }, today: string): boolean {
  return member.joinedOn <= today && (member.leftOn === null || member.leftOn >= today);
}

/**
 * The teams of some projects of one cohort, each member with their plan and their planned vs actual
 * days on `today` (plan.ts), and each team's totals. Three queries whatever the number of projects.
 */
export async function teamsWithTime(
  db: Db,
  projects: (PlanHolder & { id: string })[],
  cohort: { detachmentDaysPerWeek: string; detachmentWeeks: number },
  today: string,
): Promise<Map<string, TeamWithTime>> {
  const members = await membersOf(
    db,
    projects.map((p) => p.id),
  );
  const answers = await checkinsOf(
    db,
    members.map((m) => m.id),
  );
  const teams = new Map<string, TeamWithTime>();
  for (const project of projects) {
    const team = members
      .filter((m) => m.projectId === project.id)
      .map((m) => {
        const plan = planOf(m, project, cohort);
        const own = answers.filter((a) => a.teamMemberId === m.id);
        return {
          ...m,
          plan,
          time: memberTime({ joinedOn: m.joinedOn, leftOn: m.leftOn, plan }, own, today),
          active: isActiveOn(m, today),
        };
      });
    teams.set(project.id, { members: team, total: teamTime(team.map((m) => m.time)) });
  }
  return teams;
}
