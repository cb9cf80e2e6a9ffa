import { and, eq, gt, isNull, sql } from 'drizzle-orm';
import type { Db } from '../db/client.ts';
import { agents } from '../tenancy/tables.ts';
import { loginTokens } from './tables.ts';

export async function insertLoginToken(
  db: Db,
  values: {
    tokenHash: string;
    agentId: string;
    purpose: 'sign_in' | 'invitation';
    requestedIp: string | null;
    expiresAt: Date;
  },
): Promise<void> {
  await db.insert(loginTokens).values(values);
}

/**
 * Marks the token used and returns its agent, in one statement: of two clicks racing on the same
 * link, exactly one gets the agent. Expired, used, or deactivated-agent tokens give nothing.
 */
export async function consumeLoginToken(
  db: Db,
  tokenHash: string,
  now: Date,
): Promise<{ agentId: string } | undefined> {
  const [row] = await db
    .update(loginTokens)
    .set({ usedAt: now })
    .where(
      and(
        eq(loginTokens.tokenHash, tokenHash),
        isNull(loginTokens.usedAt),
        gt(loginTokens.expiresAt, now),
        sql`exists (select 1 from ${agents} where ${agents.id} = ${loginTokens.agentId} and ${agents.deactivatedAt} is null)`,
      ),
    )
    .returning({ agentId: loginTokens.agentId });
  return row;
}

/** Whether a token is still usable, without using it (the confirmation page shows before the click). */
export async function findUsableLoginToken(db: Db, tokenHash: string, now: Date) {
  const [row] = await db
    .select({ agentId: loginTokens.agentId, purpose: loginTokens.purpose, email: agents.email })
    .from(loginTokens)
    .innerJoin(agents, eq(agents.id, loginTokens.agentId))
    .where(
      and(
        eq(loginTokens.tokenHash, tokenHash),
        isNull(loginTokens.usedAt),
        gt(loginTokens.expiresAt, now),
        isNull(agents.deactivatedAt),
      ),
    )
    .limit(1);
  return row;
}
