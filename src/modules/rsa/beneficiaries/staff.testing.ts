import type { MembershipRole } from '../../../platform/auth/actor.ts';
import type { Db } from '../../../platform/db/client.ts';
import { newAgent, newOrganisation, newTerritory, signInAs } from '../../../platform/testing/factories.ts';

/**
 * Two départements for the beneficiaries' tests: the Var with its direction de l'insertion and two
 * UTS, and the Pyrénées-Atlantiques (Pau) with one service; an agent signed in for each place and role
 * the tests compare.
 */
export async function twoTerritories(db: Db) {
  const agent = async (organisationId: string, role: MembershipRole, firstName = 'Camille') => {
    const row = await newAgent(db, { firstName, memberships: [{ organisationId, role }] });
    return { ...row, cookie: await signInAs(db, row.id) };
  };
  const varTerritory = await newTerritory(db, { name: 'Département du Var', code: `83-${Math.random()}` });
  const pauTerritory = await newTerritory(db, { name: 'Pau Béarn Pyrénées', code: `64-${Math.random()}` });
  const direction = await newOrganisation(db, {
    territoryId: varTerritory.id,
    kind: 'direction',
    name: 'Direction de l’insertion',
  });
  const utsLaSeyne = await newOrganisation(db, {
    territoryId: varTerritory.id,
    kind: 'uts',
    name: 'UTS La Seyne',
  });
  const utsDraguignan = await newOrganisation(db, {
    territoryId: varTerritory.id,
    kind: 'uts',
    name: 'UTS Draguignan',
  });
  const pau = await newOrganisation(db, { territoryId: pauTerritory.id, kind: 'ccas', name: 'CCAS de Pau' });
  const operator = await newAgent(db, { isOperator: true });
  return {
    varTerritory,
    pauTerritory,
    direction,
    utsLaSeyne,
    utsDraguignan,
    pau,
    directionAgent: await agent(direction.id, 'agent', 'Dominique'),
    laSeyneAgent: await agent(utsLaSeyne.id, 'agent', 'Inès'),
    laSeyneReader: await agent(utsLaSeyne.id, 'readonly', 'Lou'),
    draguignanAgent: await agent(utsDraguignan.id, 'agent', 'Yanis'),
    pauAgent: await agent(pau.id, 'agent', 'Maïa'),
    operator: { ...operator, cookie: await signInAs(db, operator.id) },
  };
}
