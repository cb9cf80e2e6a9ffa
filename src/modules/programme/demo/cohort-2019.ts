import { eq } from 'drizzle-orm';
import type { Db } from '../../../platform/db/client.ts';
import { randomUuid, seededRandom } from '../../../platform/demo-random.ts';
import {
  calls,
  checkins,
  coaches,
  cohorts,
  cohortTerritories,
  committeeItems,
  committeeMembers,
  committees,
  committeeVotes,
  conflicts,
  criteria,
  discussionNotes,
  evidence,
  hypotheses,
  interviews,
  jurors,
  keyFigures,
  meToos,
  milestones,
  problems,
  projectPhases,
  projects,
  reviews,
  teamMembers,
} from '../tables.ts';
import { insertMany } from './bulk-insert.ts';
import { buildCommittee2019 } from './committee-2019.ts';
import { parisAt } from './dates.ts';
import { type Directory, FIRST_COACH, SECOND_COACH } from './people.ts';
import { buildSelection2019, DECIDED_AT } from './selection-2019.ts';
import { buildTeams2019, COHORT_ENDS, COHORT_STARTS, INTERVIEWS_ANONYMISED_AT } from './teams-2019.ts';

export const SLUG_2019 = 'saison-2019';
const SEED = 0x2019_0205;

/**
 * « Saison 2019 », the first season, as it ended: from the call for problems to the committee.
 * Nothing is written when the cohort exists, so seeding again changes nothing; the same seed makes
 * the same rows (ids included) on every database.
 */
export async function seedCohort2019(tx: Db, directory: Directory): Promise<void> {
  const [existing] = await tx.select({ id: cohorts.id }).from(cohorts).where(eq(cohorts.slug, SLUG_2019));
  if (existing) return;

  const random = seededRandom(SEED);
  const cohortId = randomUuid(random);
  const selection = buildSelection2019(random, directory, cohortId);
  const teams = buildTeams2019(random, directory, cohortId, selection.problemOfProject, DECIDED_AT);
  const committee = buildCommittee2019(random, directory, cohortId, teams.projectIds);

  await insertMany(tx, cohorts, [
    {
      id: cohortId,
      slug: SLUG_2019,
      name: 'Saison 2019',
      description:
        'La première saison du programme, de février à juin 2019, avec le Département du Var et la Communauté d’agglomération Pau Béarn Pyrénées : environ 80 problèmes proposés par des agents, 8 retenus (4 dans le Var, 4 à Pau), 25 agents détachés un jour par semaine pendant trois mois et accompagnés par 2 coachs. Les chiffres des projets sont publics ; les personnes et les notes sont fictives.',
      incubatorOrganisationId: directory.organisationId('incubateur'),
      startsOn: COHORT_STARTS,
      endsOn: COHORT_ENDS,
      detachmentDaysPerWeek: '1',
      detachmentWeeks: 12,
      interviewsAnonymisedAt: INTERVIEWS_ANONYMISED_AT,
      createdAt: parisAt('2018-11-05', '10:00'),
    },
  ]);
  await insertMany(tx, cohortTerritories, [
    { cohortId, territoryId: directory.territoryId('var') },
    { cohortId, territoryId: directory.territoryId('pau-bearn-pyrenees') },
  ]);
  await insertMany(tx, coaches, [
    { cohortId, agentId: directory.agentId(FIRST_COACH) },
    { cohortId, agentId: directory.agentId(SECOND_COACH) },
  ]);
  // In the order of the references: the call before its problems, problems before projects…
  await insertMany(tx, calls, [selection.call]);
  await insertMany(tx, criteria, selection.criteria);
  await insertMany(tx, problems, selection.problems);
  await insertMany(tx, meToos, selection.meToos);
  await insertMany(tx, jurors, selection.jurors);
  await insertMany(tx, conflicts, selection.conflicts);
  await insertMany(tx, reviews, selection.reviews);
  await insertMany(tx, discussionNotes, selection.discussionNotes);
  await insertMany(tx, projects, teams.projects);
  await insertMany(tx, projectPhases, teams.phases);
  await insertMany(tx, teamMembers, teams.members);
  await insertMany(tx, checkins, teams.checkins);
  await insertMany(tx, hypotheses, teams.hypotheses);
  await insertMany(tx, interviews, teams.interviews);
  await insertMany(tx, evidence, teams.evidence);
  await insertMany(tx, keyFigures, teams.keyFigures);
  await insertMany(tx, milestones, teams.milestones);
  await insertMany(tx, committees, [committee.committee]);
  await insertMany(tx, committeeMembers, committee.members);
  await insertMany(tx, conflicts, committee.conflicts);
  await insertMany(tx, committeeItems, committee.items);
  await insertMany(tx, committeeVotes, committee.votes);
}
