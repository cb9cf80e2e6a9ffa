import type { Db } from '../../../platform/db/client.ts';
import { newAgent, signInAs } from '../../../platform/testing/factories.ts';
import { projectPhases, projects, teamMembers } from '../tables.ts';
import { programmeWorld } from '../testing.ts';
import { insertCommittee, replaceAgenda, replaceMembers } from './committee.repository.ts';

/**
 * A cohort ready for a committee (rows inserted directly: helper D builds the project pages):
 * - « Accueil téléphonique » (Var), coached by the cohort's coach, team Valérie (managed by Marc)
 *   and Victor; « Pau Partage » (Pau), team Bruno.
 * - Would-be members: Victor (on the first team: automatically conflicted), Paul (will declare a
 *   conflict), Marc (Valérie's manager: automatically conflicted), Nina and Igor (staff, also a member).
 * - The chair is Inès, admin of the incubator (staff, not a member).
 */
export async function committeeWorld(db: Db) {
  const w = await programmeWorld(db);
  const person = async (organisationId: string, firstName: string) => {
    const row = await newAgent(db, { firstName, memberships: [{ organisationId, role: 'agent' }] });
    return { ...row, cookie: await signInAs(db, row.id) };
  };
  const marc = await person(w.utsLaSeyne.id, 'Marc');
  const nina = await person(w.varInsertion.id, 'Nina');
  const bruno = await person(w.pauCcas.id, 'Bruno');
  const suffix = Math.random().toString(36).slice(2, 8);
  const [accueil] = await db
    .insert(projects)
    .values({
      slug: `accueil-${suffix}`,
      cohortId: w.cohort.id,
      territoryId: w.varTerritory.id,
      title: 'Accueil téléphonique',
      coachAgentId: w.coach.id,
      startsOn: w.cohort.startsOn,
    })
    .returning();
  const [partage] = await db
    .insert(projects)
    .values({
      slug: `pau-partage-${suffix}`,
      cohortId: w.cohort.id,
      territoryId: w.pauTerritory.id,
      title: 'Pau Partage',
      startsOn: w.cohort.startsOn,
    })
    .returning();
  await db.insert(teamMembers).values([
    { projectId: accueil!.id, agentId: w.varAgent.id, managerAgentId: marc.id, joinedOn: w.cohort.startsOn },
    { projectId: accueil!.id, agentId: w.varColleague.id, joinedOn: w.cohort.startsOn },
    { projectId: partage!.id, agentId: bruno.id, joinedOn: w.cohort.startsOn },
  ]);
  await db.insert(projectPhases).values([
    { projectId: accueil!.id, phase: 'investigation', startsOn: w.cohort.startsOn },
    { projectId: partage!.id, phase: 'investigation', startsOn: w.cohort.startsOn },
  ]);
  return { ...w, marc, nina, bruno, accueil: accueil!, partage: partage! };
}

export type CommitteeWorld = Awaited<ReturnType<typeof committeeWorld>>;

/** A committee inserted directly, for tests that start from one. */
export async function newCommittee(
  db: Db,
  values: { cohortId: string; meetsAt: Date; memberIds: string[]; projectIds: string[]; title?: string },
) {
  const committee = await insertCommittee(db, {
    cohortId: values.cohortId,
    title: values.title ?? 'Comité de fin d’investigation',
    meetsAt: values.meetsAt,
    place: 'Hôtel du Département, Toulon',
  });
  await replaceMembers(db, committee.id, values.memberIds);
  await replaceAgenda(db, committee.id, values.projectIds);
  return committee;
}
