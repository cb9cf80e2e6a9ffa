import type { MembershipRole } from '../../platform/auth/actor.ts';
import type { Db } from '../../platform/db/client.ts';
import { newAgent, newOrganisation, newTerritory, signInAs } from '../../platform/testing/factories.ts';
import { DEFAULT_CRITERIA } from './rubric.ts';
import { calls, coaches, cohorts, cohortTerritories, criteria } from './tables.ts';

/**
 * A programme for tests: an incubator (admin, agent), a coach, two partner territories (the Var with
 * two services, Pau with one) and a territory outside the cohort, each with signed-in agents, and a
 * cohort with a call open now (closing in two weeks) and the default rubric.
 */
export async function programmeWorld(db: Db, options: { callOpen?: boolean } = {}) {
  const person = async (organisationId: string | null, role: MembershipRole, firstName: string) => {
    const row = await newAgent(db, {
      firstName,
      memberships: organisationId ? [{ organisationId, role }] : [],
    });
    return { ...row, cookie: await signInAs(db, row.id) };
  };
  const incubator = await newOrganisation(db, {
    territoryId: null,
    kind: 'incubateur',
    name: 'Incubateur des territoires',
  });
  const varTerritory = await newTerritory(db, { name: 'Département du Var' });
  const pauTerritory = await newTerritory(db, { kind: 'epci', name: 'Pau Béarn Pyrénées' });
  const outsideTerritory = await newTerritory(db, { name: 'Département voisin' });
  const utsLaSeyne = await newOrganisation(db, {
    territoryId: varTerritory.id,
    kind: 'uts',
    name: 'UTS La Seyne',
  });
  const varInsertion = await newOrganisation(db, {
    territoryId: varTerritory.id,
    kind: 'direction',
    name: 'Direction de l’insertion',
  });
  const pauCcas = await newOrganisation(db, {
    territoryId: pauTerritory.id,
    kind: 'ccas',
    name: 'CCAS de Pau',
  });
  const outsideService = await newOrganisation(db, {
    territoryId: outsideTerritory.id,
    name: 'Service voisin',
  });

  const now = Date.now();
  const day = 86_400_000;
  const [cohort] = await db
    .insert(cohorts)
    .values({
      slug: `saison-${Math.random().toString(36).slice(2, 8)}`,
      name: 'Saison de test',
      incubatorOrganisationId: incubator.id,
      startsOn: new Date(now - 30 * day).toISOString().slice(0, 10),
      endsOn: new Date(now + 120 * day).toISOString().slice(0, 10),
    })
    .returning();
  await db.insert(cohortTerritories).values([
    { cohortId: cohort!.id, territoryId: varTerritory.id },
    { cohortId: cohort!.id, territoryId: pauTerritory.id },
  ]);
  const open = options.callOpen ?? true;
  const [call] = await db
    .insert(calls)
    .values({
      cohortId: cohort!.id,
      title: 'Appel à problèmes',
      opensAt: new Date(now - (open ? 7 : 30) * day),
      closesAt: new Date(now + (open ? 14 : -1) * day),
    })
    .returning();
  await db
    .insert(criteria)
    .values(DEFAULT_CRITERIA.map((c, position) => ({ ...c, callId: call!.id, position })));

  const coach = await person(null, 'agent', 'Coline');
  await db.insert(coaches).values({ cohortId: cohort!.id, agentId: coach.id });
  return {
    incubator,
    varTerritory,
    pauTerritory,
    outsideTerritory,
    utsLaSeyne,
    varInsertion,
    pauCcas,
    outsideService,
    cohort: cohort!,
    call: call!,
    coach,
    incubatorAdmin: await person(incubator.id, 'admin', 'Inès'),
    incubatorAgent: await person(incubator.id, 'agent', 'Igor'),
    /** A social worker of the UTS La Seyne: submits problems. */
    varAgent: await person(utsLaSeyne.id, 'agent', 'Valérie'),
    /** Another Var agent (the insertion direction): says « moi aussi », sits on juries. */
    varColleague: await person(varInsertion.id, 'agent', 'Victor'),
    /** Another member of the UTS La Seyne: conflicted on the problems of her service. */
    varSameService: await person(utsLaSeyne.id, 'agent', 'Sabine'),
    varReadonly: await person(utsLaSeyne.id, 'readonly', 'Rita'),
    pauAgent: await person(pauCcas.id, 'agent', 'Paul'),
    outsider: await person(outsideService.id, 'admin', 'Oscar'),
  };
}

export type ProgrammeWorld = Awaited<ReturnType<typeof programmeWorld>>;
