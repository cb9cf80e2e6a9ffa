import { randomBytes } from 'node:crypto';
import type { MembershipRole } from '../auth/actor.ts';
import { insertSession } from '../auth/session.repository.ts';
import { hashToken, randomToken } from '../auth/tokens.ts';
import type { Db } from '../db/client.ts';
import { agents, memberships, organisations, territories } from '../tenancy/tables.ts';

/** Small factories for tests: each makes one valid row with unique values, overridable. */
const unique = () => randomBytes(4).toString('hex');

export async function newTerritory(db: Db, values: Partial<typeof territories.$inferInsert> = {}) {
  const id = unique();
  const [row] = await db
    .insert(territories)
    .values({ slug: `territoire-${id}`, kind: 'departement', code: id, name: `Territoire ${id}`, ...values })
    .returning();
  return row!;
}

export async function newOrganisation(db: Db, values: Partial<typeof organisations.$inferInsert> = {}) {
  const id = unique();
  const territoryId = values.territoryId === undefined ? (await newTerritory(db)).id : values.territoryId;
  const [row] = await db
    .insert(organisations)
    .values({
      slug: `organisation-${id}`,
      name: `Organisation ${id}`,
      kind: 'service',
      ...values,
      territoryId,
    })
    .returning();
  return row!;
}

export async function newAgent(
  db: Db,
  values: Partial<typeof agents.$inferInsert> & {
    memberships?: { organisationId: string; role: MembershipRole }[];
  } = {},
) {
  const id = unique();
  const { memberships: wanted = [], ...agentValues } = values;
  const [row] = await db
    .insert(agents)
    .values({
      email: `agent-${id}@exemple.fr`,
      firstName: 'Camille',
      lastName: `Agent ${id}`,
      ...agentValues,
    })
    .returning();
  for (const m of wanted) await db.insert(memberships).values({ agentId: row!.id, ...m });
  return row!;
}

/** Opens a session directly in the database and returns the Cookie header that carries it. */
export async function signInAs(db: Db, agentId: string): Promise<string> {
  const token = randomToken();
  await insertSession(db, {
    tokenHash: hashToken(token),
    agentId,
    method: 'email',
    ip: '127.0.0.1',
    userAgent: 'test',
    expiresAt: new Date(Date.now() + 3_600_000),
  });
  return `tremplin_session=${token}`;
}
