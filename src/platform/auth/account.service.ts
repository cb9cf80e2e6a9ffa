import { type AuditActor, recordAudit } from '../audit/audit.ts';
import type { Config } from '../config.ts';
import type { Db } from '../db/client.ts';
import { forbidden, notFound } from '../errors.ts';
import type { Membership, SignedIn } from './actor.ts';
import { listOpenSessions, revokeSession, setCurrentOrganisation } from './session.repository.ts';
import { revokeOtherSessionsOf } from './sign-in.repository.ts';

/** What an agent does with their own account: see and close their sessions, pick their organisation. */

export async function listMySessions(
  db: Db,
  config: Pick<Config, 'sessionIdleMinutes'>,
  auth: SignedIn,
  now: Date,
) {
  const idleSince = new Date(now.getTime() - config.sessionIdleMinutes * 60_000);
  const sessions = await listOpenSessions(db, auth.actor.agentId, now, idleSince);
  return sessions.map((s) => ({ ...s, current: s.id === auth.sessionId }));
}

/** Closes one of the agent's own sessions (another agent's session id is "not found"). */
export async function revokeMySession(db: Db, auth: SignedIn, actor: AuditActor, sessionId: string) {
  const revoked = await db.transaction(async (tx) => {
    if (!(await revokeSession(tx, sessionId, auth.actor.agentId))) return false;
    await recordAudit(tx, actor, {
      action: 'sign_out',
      resourceType: 'session',
      resourceId: sessionId,
      details: { revokedFrom: auth.sessionId },
    });
    return true;
  });
  if (!revoked) throw notFound('Cette session n’existe pas ou est déjà fermée.');
}

export async function revokeMyOtherSessions(db: Db, auth: SignedIn, actor: AuditActor): Promise<number> {
  return db.transaction(async (tx) => {
    const count = await revokeOtherSessionsOf(tx, auth.actor.agentId, auth.sessionId);
    if (count > 0) {
      await recordAudit(tx, actor, {
        action: 'sign_out',
        resourceType: 'session',
        details: { otherSessionsOf: auth.actor.agentId, count },
      });
    }
    return count;
  });
}

/** The organisation the agent works in now; only one they are a member of. */
export async function chooseCurrentOrganisation(
  db: Db,
  auth: SignedIn,
  organisationId: string,
): Promise<Membership> {
  const membership = auth.actor.memberships.find((m) => m.organisationId === organisationId);
  if (!membership) throw forbidden('Vous n’êtes pas membre de cette organisation.');
  await setCurrentOrganisation(db, auth.sessionId, organisationId);
  return membership;
}
