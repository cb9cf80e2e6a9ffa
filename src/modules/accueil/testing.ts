import type { MembershipRole } from '../../platform/auth/actor.ts';
import type { Db } from '../../platform/db/client.ts';
import { newAgent, newOrganisation, newTerritory, signInAs } from '../../platform/testing/factories.ts';
import type { FlowDefinition } from './flow/types.ts';
import { utsLaSeyneFlow, utsLaSeynePromptTexts } from './flow/uts-la-seyne.ts';
import { lines, prompts } from './tables.ts';

export const TEST_LINE_NUMBER = '+33494000000';

/**
 * A phone reception for tests: the Var with the UTS of La Seyne (its line on +33494000000 with the
 * UTS La Seyne flow and prompt texts; admin, agent, read-only member) and another UTS with its own
 * admin, who must see nothing of the first one.
 */
export async function accueilWorld(db: Db, options: { flow?: FlowDefinition; number?: string } = {}) {
  const territory = await newTerritory(db, { name: 'Département du Var' });
  const uts = await newOrganisation(db, { territoryId: territory.id, kind: 'uts', name: 'UTS La Seyne' });
  const otherUts = await newOrganisation(db, { territoryId: territory.id, kind: 'uts', name: 'UTS Toulon' });
  const person = async (organisationId: string, role: MembershipRole, firstName: string) => {
    const row = await newAgent(db, { firstName, memberships: [{ organisationId, role }] });
    return { ...row, cookie: await signInAs(db, row.id) };
  };
  const [line] = await db
    .insert(lines)
    .values({
      organisationId: uts.id,
      name: 'Accueil UTS La Seyne',
      number: options.number ?? TEST_LINE_NUMBER,
      flow: options.flow ?? utsLaSeyneFlow(),
      webhookSecret: 'test-webhook-secret-test-webhook-secret',
    })
    .returning();
  await db
    .insert(prompts)
    .values(Object.entries(utsLaSeynePromptTexts).map(([key, text]) => ({ lineId: line!.id, key, text })));
  return {
    territory,
    uts,
    otherUts,
    line: line!,
    admin: await person(uts.id, 'admin', 'Sabine'),
    agent: await person(uts.id, 'agent', 'Karim'),
    readonly: await person(uts.id, 'readonly', 'Lise'),
    outsider: await person(otherUts.id, 'admin', 'Paul'),
  };
}

export type AccueilWorld = Awaited<ReturnType<typeof accueilWorld>>;
