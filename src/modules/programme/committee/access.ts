import type { Actor } from '../../../platform/auth/actor.ts';
import type { Db } from '../../../platform/db/client.ts';
import { notFound } from '../../../platform/errors.ts';
import { isUuid } from '../../../platform/tenancy/caller.ts';
import { cohortFacts } from '../context.repository.ts';
import { type CohortFacts, canWorkOnProject, isStaff, type ProjectFacts } from '../policy.ts';
import { committeeDay, type MaterialsState, materialsDueOn, materialsState } from './calendar.ts';
import {
  type CommitteeRow,
  cohortById,
  declaredConflictsOf,
  findCommittee,
  type ItemRow,
  itemsOf,
  membersOf,
  teamsOf,
  votesOf,
} from './committee.repository.ts';
import { type ConflictReason, conflictsOf, type Tally, tallyVotes } from './conflicts.ts';

/**
 * Everything a committee page shows, loaded once, and what the viewer may see of it:
 * - the cohort's **staff** (the chair) and the committee's **members** see the whole committee;
 * - a project's **team** (canWorkOnProject: its members, its coach) sees only their own item;
 * - anyone else gets 404, as for a committee that does not exist.
 * Committees are small (a dozen projects, a dozen members), so the dossier holds them whole.
 */

export type Member = Awaited<ReturnType<typeof membersOf>>[number];
export type TeamRow = Awaited<ReturnType<typeof teamsOf>>[number];
export type VoteRow = Awaited<ReturnType<typeof votesOf>>[number];

export type ItemView = ItemRow & {
  team: TeamRow[];
  facts: ProjectFacts;
  /** Each committee member's conflicts on this project (absent: none). */
  conflicts: Map<string, ConflictReason[]>;
  votes: VoteRow[];
  tally: Tally;
  materials: { state: MaterialsState; overdue: boolean };
};

export type Viewer = {
  actor: Actor;
  isStaff: boolean;
  isMember: boolean;
  /** Sees every item, the members and the votes. */
  seesAll: boolean;
};

export type CommitteeDossier = {
  committee: CommitteeRow;
  cohort: { id: string; slug: string; name: string };
  facts: CohortFacts;
  day: string;
  dueOn: string;
  members: Member[];
  /** The items the viewer may see, in the agenda's order. */
  items: ItemView[];
  viewer: Viewer;
};

export async function openCommittee(
  db: Db,
  actor: Actor,
  committeeId: string,
  today: string,
): Promise<CommitteeDossier> {
  if (!isUuid(committeeId)) throw notFound();
  const committee = await findCommittee(db, committeeId);
  if (!committee) throw notFound();
  const facts = (await cohortFacts(db, committee.cohortId))!;
  const [cohort, members, rows] = await Promise.all([
    cohortById(db, committee.cohortId),
    membersOf(db, committee.id),
    itemsOf(db, committee.id),
  ]);
  const projectIds = rows.map((r) => r.project.id);
  const [teams, declared, votes] = await Promise.all([
    teamsOf(db, projectIds),
    declaredConflictsOf(db, projectIds),
    votesOf(
      db,
      rows.map((r) => r.id),
    ),
  ]);
  const dueOn = materialsDueOn(committee.meetsAt);
  const items = rows.map((row): ItemView => {
    const team = teams.filter((t) => t.projectId === row.project.id);
    const projectFacts: ProjectFacts = {
      cohort: facts,
      coachAgentId: row.project.coachAgentId,
      teamAgentIds: team.map((t) => t.agentId),
      managerAgentIds: team.flatMap((t) => (t.managerAgentId ? [t.managerAgentId] : [])),
    };
    const projectDeclared = declared.filter((d) => d.projectId === row.project.id);
    const conflicts = new Map<string, ConflictReason[]>();
    for (const m of members) {
      const reasons = conflictsOf(m.agentId, projectFacts, projectDeclared);
      if (reasons.length) conflicts.set(m.agentId, reasons);
    }
    const itemVotes = votes.filter((v) => v.itemId === row.id);
    const eligible = members.filter((m) => !conflicts.has(m.agentId)).map((m) => m.agentId);
    return {
      ...row,
      team,
      facts: projectFacts,
      conflicts,
      votes: itemVotes,
      tally: tallyVotes(itemVotes, eligible),
      materials: materialsState(row.materialsSubmittedAt, dueOn, today),
    };
  });
  const staff = isStaff(actor, facts);
  const member = members.some((m) => m.agentId === actor.agentId);
  const seesAll = staff || member;
  const visible = seesAll ? items : items.filter((i) => canWorkOnProject(actor, i.facts));
  if (visible.length === 0 && !seesAll) throw notFound();
  return {
    committee,
    cohort,
    facts,
    day: committeeDay(committee.meetsAt),
    dueOn,
    members: seesAll ? members : [],
    items: visible,
    viewer: { actor, isStaff: staff, isMember: member, seesAll },
  };
}

/** One item of the dossier, or 404 (also for a team asking for another team's item). */
export function itemOf(dossier: CommitteeDossier, itemId: string): ItemView {
  const item = dossier.items.find((i) => i.id === itemId);
  if (!item) throw notFound();
  return item;
}

/** The team and coach see their item's decision and the minutes once published; staff and members always. */
export function seesDecisions(dossier: CommitteeDossier): boolean {
  return dossier.viewer.seesAll || dossier.committee.minutesPublishedAt !== null;
}
