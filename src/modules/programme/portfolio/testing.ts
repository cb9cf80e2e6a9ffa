import { randomBytes } from 'node:crypto';
import type { Db } from '../../../platform/db/client.ts';
import {
  checkins,
  committeeItems,
  committees,
  keyFigures,
  problems,
  projectPhases,
  projects,
  teamMembers,
} from '../tables.ts';
import type { ProgrammeWorld } from '../testing.ts';

/**
 * Rows for the portfolio's tests, inserted directly (the agent pages that create them belong to other
 * parts of the programme). Each returns the row it made.
 */

const unique = () => randomBytes(4).toString('hex');

export async function newProject(
  db: Db,
  world: ProgrammeWorld,
  values: Partial<typeof projects.$inferInsert> = {},
) {
  const [row] = await db
    .insert(projects)
    .values({
      slug: `projet-${unique()}`,
      cohortId: world.cohort.id,
      territoryId: world.varTerritory.id,
      title: 'Projet de test',
      startsOn: '2019-02-04',
      ...values,
    })
    .returning();
  return row!;
}

export async function addPhase(
  db: Db,
  projectId: string,
  phase: (typeof projectPhases.$inferInsert)['phase'],
  startsOn: string,
  endsOn: string | null = null,
) {
  await db.insert(projectPhases).values({ projectId, phase, startsOn, endsOn });
}

export async function addMember(
  db: Db,
  projectId: string,
  agentId: string,
  values: Partial<typeof teamMembers.$inferInsert> = {},
) {
  const [row] = await db
    .insert(teamMembers)
    .values({ projectId, agentId, joinedOn: '2019-02-04', ...values })
    .returning();
  return row!;
}

export async function addCheckin(db: Db, teamMemberId: string, weekStart: string, days: string) {
  await db.insert(checkins).values({ teamMemberId, weekStart, hadDay: Number(days) > 0, days });
}

export async function addKeyFigure(
  db: Db,
  projectId: string,
  values: { value: string; label: string; source?: string; isPublic?: boolean; position?: number },
) {
  await db.insert(keyFigures).values({ projectId, ...values });
}

/** A problem of the world's call, in the given state (a merged one needs the problem it joined). */
export async function addProblem(
  db: Db,
  world: ProgrammeWorld,
  status: (typeof problems.$inferInsert)['status'],
  values: Partial<typeof problems.$inferInsert> = {},
) {
  const [row] = await db
    .insert(problems)
    .values({
      callId: world.call.id,
      submitterAgentId: world.varAgent.id,
      organisationId: world.utsLaSeyne.id,
      territoryId: world.varTerritory.id,
      status,
      title: `Problème ${unique()}`,
      submittedAt: status === 'brouillon' ? null : new Date(),
      ...values,
    })
    .returning();
  return row!;
}

/** A committee of the world's cohort deciding on projects: { projectId: decision }. */
export async function addCommittee(
  db: Db,
  world: ProgrammeWorld,
  meetsAt: Date,
  decisions: { projectId: string; decision: 'go' | 'provisoire' | 'stop' | null }[],
) {
  const [committee] = await db
    .insert(committees)
    .values({ cohortId: world.cohort.id, title: `Comité ${unique()}`, meetsAt })
    .returning();
  for (const [position, { projectId, decision }] of decisions.entries()) {
    await db.insert(committeeItems).values({
      committeeId: committee!.id,
      projectId,
      position,
      decision,
      decidedAt: decision ? meetsAt : null,
      evidenceRequest: decision === 'provisoire' ? 'Trois entretiens de plus' : '',
      dueOn: decision === 'provisoire' ? '2019-09-01' : null,
      postMortem: decision === 'stop' ? 'Le problème était déjà traité ailleurs.' : '',
    });
  }
  return committee!;
}
