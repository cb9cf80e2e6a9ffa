import { and, asc, eq, gte, inArray, isNull, lt, notInArray, sql } from 'drizzle-orm';
import type { Db } from '../../../platform/db/client.ts';
import { agents } from '../../../platform/tenancy/tables.ts';
import {
  cohorts,
  committeeItems,
  committeeMembers,
  committees,
  committeeVotes,
  conflicts,
  projectPhases,
  projects,
  teamMembers,
} from '../tables.ts';

/** The committee's SQL. No rules here: access.ts and the services decide who may read or change what. */

export type CommitteeRow = typeof committees.$inferSelect;

export async function cohortBySlug(db: Db, slug: string) {
  const [row] = await db
    .select({ id: cohorts.id, slug: cohorts.slug, name: cohorts.name })
    .from(cohorts)
    .where(eq(cohorts.slug, slug));
  return row ?? null;
}

export async function cohortById(db: Db, id: string) {
  const [row] = await db
    .select({ id: cohorts.id, slug: cohorts.slug, name: cohorts.name })
    .from(cohorts)
    .where(eq(cohorts.id, id));
  return row!;
}

export async function projectsOfCohort(db: Db, cohortId: string) {
  return db
    .select({ id: projects.id, slug: projects.slug, title: projects.title })
    .from(projects)
    .where(eq(projects.cohortId, cohortId))
    .orderBy(asc(projects.title));
}

export async function committeesOfCohort(db: Db, cohortId: string) {
  return db
    .select({
      id: committees.id,
      title: committees.title,
      meetsAt: committees.meetsAt,
      place: committees.place,
      minutesPublishedAt: committees.minutesPublishedAt,
      items: sql<number>`(select count(*)::int from ${committeeItems} where ${committeeItems.committeeId} = ${committees.id})`,
    })
    .from(committees)
    .where(eq(committees.cohortId, cohortId))
    .orderBy(asc(committees.meetsAt));
}

export async function findCommittee(db: Db, id: string): Promise<CommitteeRow | null> {
  const [row] = await db.select().from(committees).where(eq(committees.id, id));
  return row ?? null;
}

export async function insertCommittee(
  db: Db,
  values: { cohortId: string; title: string; meetsAt: Date; place: string },
): Promise<CommitteeRow> {
  const [row] = await db.insert(committees).values(values).returning();
  return row!;
}

export async function updateCommittee(
  db: Db,
  id: string,
  values: { title: string; meetsAt: Date; place: string },
): Promise<void> {
  await db.update(committees).set(values).where(eq(committees.id, id));
}

export async function membersOf(db: Db, committeeId: string) {
  return db
    .select({
      agentId: agents.id,
      email: agents.email,
      firstName: agents.firstName,
      lastName: agents.lastName,
    })
    .from(committeeMembers)
    .innerJoin(agents, eq(agents.id, committeeMembers.agentId))
    .where(eq(committeeMembers.committeeId, committeeId))
    .orderBy(asc(agents.lastName), asc(agents.firstName));
}

export async function replaceMembers(db: Db, committeeId: string, agentIds: string[]): Promise<void> {
  await db
    .delete(committeeMembers)
    .where(
      and(
        eq(committeeMembers.committeeId, committeeId),
        agentIds.length ? notInArray(committeeMembers.agentId, agentIds) : undefined,
      ),
    );
  if (agentIds.length)
    await db
      .insert(committeeMembers)
      .values(agentIds.map((agentId) => ({ committeeId, agentId })))
      .onConflictDoNothing();
}

/** The agenda with each item's project; the file's bytes stay in the database (only its size comes). */
export async function itemsOf(db: Db, committeeId: string) {
  return db
    .select({
      id: committeeItems.id,
      committeeId: committeeItems.committeeId,
      position: committeeItems.position,
      project: {
        id: projects.id,
        slug: projects.slug,
        title: projects.title,
        coachAgentId: projects.coachAgentId,
        territoryId: projects.territoryId,
      },
      materialsSummary: committeeItems.materialsSummary,
      materialsLink: committeeItems.materialsLink,
      materialsFileName: committeeItems.materialsFileName,
      materialsFileBytes: sql<number | null>`octet_length(${committeeItems.materialsFile})`,
      materialsSubmittedAt: committeeItems.materialsSubmittedAt,
      materialsSubmittedBy: committeeItems.materialsSubmittedBy,
      decision: committeeItems.decision,
      decisionNote: committeeItems.decisionNote,
      evidenceRequest: committeeItems.evidenceRequest,
      dueOn: committeeItems.dueOn,
      postMortem: committeeItems.postMortem,
      decidedAt: committeeItems.decidedAt,
    })
    .from(committeeItems)
    .innerJoin(projects, eq(projects.id, committeeItems.projectId))
    .where(eq(committeeItems.committeeId, committeeId))
    .orderBy(asc(committeeItems.position), asc(projects.title));
}

export type ItemRow = Awaited<ReturnType<typeof itemsOf>>[number];

/**
 * Sets the agenda to `projectIds` in that order: new projects are added, ranks rewritten, and the
 * projects no longer listed removed (with their materials and votes).
 */
export async function replaceAgenda(db: Db, committeeId: string, projectIds: string[]): Promise<void> {
  await db
    .delete(committeeItems)
    .where(
      and(
        eq(committeeItems.committeeId, committeeId),
        projectIds.length ? notInArray(committeeItems.projectId, projectIds) : undefined,
      ),
    );
  for (const [index, projectId] of projectIds.entries()) {
    await db
      .insert(committeeItems)
      .values({ committeeId, projectId, position: index + 1 })
      .onConflictDoUpdate({
        target: [committeeItems.committeeId, committeeItems.projectId],
        set: { position: index + 1 },
      });
  }
}

/** Everyone who ever was on the teams of these projects, with their manager and address. */
export async function teamsOf(db: Db, projectIds: string[]) {
  if (projectIds.length === 0) return [];
  return db
    .select({
      projectId: teamMembers.projectId,
      agentId: teamMembers.agentId,
      managerAgentId: teamMembers.managerAgentId,
      leftOn: teamMembers.leftOn,
      email: agents.email,
      firstName: agents.firstName,
      lastName: agents.lastName,
      deactivatedAt: agents.deactivatedAt,
    })
    .from(teamMembers)
    .innerJoin(agents, eq(agents.id, teamMembers.agentId))
    .where(inArray(teamMembers.projectId, projectIds));
}

export async function agentsByIds(db: Db, ids: string[]) {
  if (ids.length === 0) return [];
  return db
    .select({
      id: agents.id,
      email: agents.email,
      firstName: agents.firstName,
      lastName: agents.lastName,
      deactivatedAt: agents.deactivatedAt,
    })
    .from(agents)
    .where(inArray(agents.id, ids));
}

export async function declaredConflictsOf(db: Db, projectIds: string[]) {
  if (projectIds.length === 0) return [];
  return db
    .select({
      id: conflicts.id,
      agentId: conflicts.agentId,
      projectId: sql<string>`${conflicts.projectId}`,
      reason: conflicts.reason,
      declaredAt: conflicts.declaredAt,
    })
    .from(conflicts)
    .where(inArray(conflicts.projectId, projectIds));
}

/** Declares (or restates) the agent's conflict on a project. */
export async function upsertProjectConflict(
  db: Db,
  values: { agentId: string; projectId: string; reason: string; at: Date },
) {
  const [row] = await db
    .insert(conflicts)
    .values({
      agentId: values.agentId,
      projectId: values.projectId,
      reason: values.reason,
      declaredAt: values.at,
    })
    .onConflictDoUpdate({
      target: [conflicts.agentId, conflicts.projectId],
      set: { reason: values.reason, declaredAt: values.at },
    })
    .returning({ id: conflicts.id });
  return row!;
}

export async function deleteProjectConflict(db: Db, agentId: string, projectId: string): Promise<boolean> {
  const rows = await db
    .delete(conflicts)
    .where(and(eq(conflicts.agentId, agentId), eq(conflicts.projectId, projectId)))
    .returning({ id: conflicts.id });
  return rows.length > 0;
}

export async function votesOf(db: Db, itemIds: string[]) {
  if (itemIds.length === 0) return [];
  return db
    .select({
      itemId: committeeVotes.itemId,
      memberAgentId: committeeVotes.memberAgentId,
      score: committeeVotes.score,
      vote: committeeVotes.vote,
      comment: committeeVotes.comment,
      votedAt: committeeVotes.votedAt,
    })
    .from(committeeVotes)
    .where(inArray(committeeVotes.itemId, itemIds));
}

export async function upsertVote(
  db: Db,
  values: {
    itemId: string;
    memberAgentId: string;
    score: number;
    vote: 'go' | 'provisoire' | 'stop';
    comment: string;
    at: Date;
  },
): Promise<void> {
  const { at, ...vote } = values;
  await db
    .insert(committeeVotes)
    .values({ ...vote, votedAt: at })
    .onConflictDoUpdate({
      target: [committeeVotes.itemId, committeeVotes.memberAgentId],
      set: { score: vote.score, vote: vote.vote, comment: vote.comment, votedAt: at },
    });
}

export async function setMaterials(
  db: Db,
  itemId: string,
  values: {
    summary: string;
    link: string;
    file: { data: Buffer; name: string; contentType: string } | null;
    by: string;
    at: Date;
  },
): Promise<void> {
  await db
    .update(committeeItems)
    .set({
      materialsSummary: values.summary,
      materialsLink: values.link,
      ...(values.file
        ? {
            materialsFile: values.file.data,
            materialsFileName: values.file.name,
            materialsContentType: values.file.contentType,
          }
        : {}),
      materialsSubmittedAt: values.at,
      materialsSubmittedBy: values.by,
    })
    .where(eq(committeeItems.id, itemId));
}

export async function materialsFileOf(db: Db, itemId: string) {
  const [row] = await db
    .select({
      data: committeeItems.materialsFile,
      name: committeeItems.materialsFileName,
      contentType: committeeItems.materialsContentType,
    })
    .from(committeeItems)
    .where(eq(committeeItems.id, itemId));
  return row?.data ? { data: row.data, name: row.name!, contentType: row.contentType! } : null;
}

export async function setDecision(
  db: Db,
  itemId: string,
  values: {
    decision: 'go' | 'provisoire' | 'stop';
    note: string;
    evidenceRequest: string;
    dueOn: string | null;
    postMortem: string;
    by: string;
    at: Date;
  },
): Promise<void> {
  await db
    .update(committeeItems)
    .set({
      decision: values.decision,
      decisionNote: values.note,
      evidenceRequest: values.evidenceRequest,
      dueOn: values.dueOn,
      postMortem: values.postMortem,
      decidedAt: values.at,
      decidedBy: values.by,
    })
    .where(eq(committeeItems.id, itemId));
}

export async function clearDecision(db: Db, itemId: string): Promise<void> {
  await db
    .update(committeeItems)
    .set({
      decision: null,
      decisionNote: '',
      evidenceRequest: '',
      dueOn: null,
      postMortem: '',
      decidedAt: null,
      decidedBy: null,
    })
    .where(eq(committeeItems.id, itemId));
}

export async function phasesOf(db: Db, projectId: string) {
  return db
    .select({
      id: projectPhases.id,
      phase: projectPhases.phase,
      startsOn: projectPhases.startsOn,
      endsOn: projectPhases.endsOn,
    })
    .from(projectPhases)
    .where(eq(projectPhases.projectId, projectId))
    .orderBy(asc(projectPhases.startsOn));
}

export async function setPhaseEnd(db: Db, phaseId: string, endsOn: string | null): Promise<void> {
  await db.update(projectPhases).set({ endsOn }).where(eq(projectPhases.id, phaseId));
}

export async function insertPhase(
  db: Db,
  values: {
    projectId: string;
    phase: typeof projectPhases.$inferInsert.phase;
    startsOn: string;
    comment: string;
  },
): Promise<void> {
  await db.insert(projectPhases).values(values);
}

export async function deletePhase(db: Db, phaseId: string): Promise<void> {
  await db.delete(projectPhases).where(eq(projectPhases.id, phaseId));
}

export async function saveMinutes(db: Db, committeeId: string, minutes: string): Promise<void> {
  await db.update(committees).set({ minutes }).where(eq(committees.id, committeeId));
}

/** Marks the minutes published; false when they already were (a second click, another tab). */
export async function markMinutesPublished(db: Db, committeeId: string, at: Date): Promise<boolean> {
  const rows = await db
    .update(committees)
    .set({ minutesPublishedAt: at })
    .where(and(eq(committees.id, committeeId), isNull(committees.minutesPublishedAt)))
    .returning({ id: committees.id });
  return rows.length > 0;
}

/** Committees meeting in [from, to) whose minutes are not out: the reminder job's candidates. */
export async function upcomingCommittees(db: Db, from: Date, to: Date) {
  return db
    .select()
    .from(committees)
    .where(
      and(gte(committees.meetsAt, from), lt(committees.meetsAt, to), isNull(committees.minutesPublishedAt)),
    );
}

/** Ids of the cohort's committees where the agent sits or where a project they work on is on the agenda. */
export async function committeeIdsInvolving(db: Db, cohortId: string, agentId: string): Promise<string[]> {
  const rows = await db
    .select({ id: committees.id })
    .from(committees)
    .where(
      and(
        eq(committees.cohortId, cohortId),
        sql`(
          exists (select 1 from ${committeeMembers} m
                   where m.committee_id = ${committees.id} and m.agent_id = ${agentId})
          or exists (
            select 1 from ${committeeItems} i join ${projects} p on p.id = i.project_id
             where i.committee_id = ${committees.id} and (
               p.coach_agent_id = ${agentId}
               or exists (select 1 from ${teamMembers} t where t.project_id = p.id and t.agent_id = ${agentId})
             )
          )
        )`,
      ),
    );
  return rows.map((r) => r.id);
}

/** Locks an item for the rest of the transaction (a vote and the decision never cross) and reads its decision. */
export async function lockItem(db: Db, itemId: string) {
  const [row] = await db
    .select({ decision: committeeItems.decision })
    .from(committeeItems)
    .where(eq(committeeItems.id, itemId))
    .for('update');
  return row ?? null;
}

/** Locks the committee row (publication and decisions never cross) and reads whether the minutes are out. */
export async function lockCommittee(db: Db, committeeId: string) {
  const [row] = await db
    .select({ minutesPublishedAt: committees.minutesPublishedAt })
    .from(committees)
    .where(eq(committees.id, committeeId))
    .for('update');
  return row ?? null;
}
