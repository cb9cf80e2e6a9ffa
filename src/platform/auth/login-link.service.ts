import type { Config } from '../config.ts';
import type { Db } from '../db/client.ts';
import { insertLoginToken } from './login-link.repository.ts';
import { hashToken, randomToken } from './tokens.ts';

/** A sign-in link is short-lived because it travels by email; an invitation leaves time to read it. */
export const LOGIN_LINK_LIFETIME_MS = { sign_in: 15 * 60_000, invitation: 7 * 24 * 3_600_000 } as const;

/**
 * Creates a single-use link that signs the agent in, and returns its URL (and its path, which message
 * templates put after the base URL). Only the token's hash is stored; it also names the email that
 * carries the link (its idempotency key). Used by the sign-in form ("sign_in") and by invitations.
 */
export async function issueLoginLink(
  db: Db,
  config: Pick<Config, 'baseUrl'>,
  input: { agentId: string; purpose: 'sign_in' | 'invitation'; requestedIp: string | null; now?: Date },
): Promise<{ url: string; path: string; expiresAt: Date; tokenHash: string }> {
  const token = randomToken();
  const tokenHash = hashToken(token);
  const now = input.now ?? new Date();
  const expiresAt = new Date(now.getTime() + LOGIN_LINK_LIFETIME_MS[input.purpose]);
  await insertLoginToken(db, {
    tokenHash,
    agentId: input.agentId,
    purpose: input.purpose,
    requestedIp: input.requestedIp,
    expiresAt,
  });
  const path = `/connexion/lien?jeton=${encodeURIComponent(token)}`;
  return { url: `${config.baseUrl}${path}`, path, expiresAt, tokenHash };
}
