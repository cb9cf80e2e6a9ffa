import type { Config } from '../config.ts';
import type { Db } from '../db/client.ts';
import type { Messaging } from '../messaging/messaging.ts';
import { queueMessage } from '../messaging/outbox.service.ts';
import { consumeRateLimit, type RateLimit } from '../web/rate-limit.ts';
import { displayName } from './actor.ts';
import type { BackgroundWork } from './background.ts';
import { consumeLoginToken, findUsableLoginToken } from './login-link.repository.ts';
import { issueLoginLink, LOGIN_LINK_LIFETIME_MS } from './login-link.service.ts';
import { findActiveAgentByEmail } from './sign-in.repository.ts';
import { SIGN_IN_TEMPLATE, type SignInMessage } from './sign-in.template.ts';
import { hashToken } from './tokens.ts';

/**
 * Why these numbers: an agent who mistypes or loses a mail asks again two or three times; ten
 * requests in a quarter of an hour from one IP address leave room for a shared office connection,
 * and five links an hour to one mailbox stop anyone from flooding a colleague's inbox.
 */
export const SIGN_IN_IP_LIMIT: RateLimit = { max: 10, windowSeconds: 15 * 60 };
export const SIGN_IN_ADDRESS_LIMIT: RateLimit = { max: 5, windowSeconds: 60 * 60 };
/** Opening or confirming links: generous, a link token cannot be guessed anyway (256 bits). */
export const LINK_IP_LIMIT: RateLimit = { max: 30, windowSeconds: 15 * 60 };

export const SIGN_IN_LINK_MINUTES = LOGIN_LINK_LIFETIME_MS.sign_in / 60_000;

export type SignInDeps = {
  db: Db;
  config: Pick<Config, 'baseUrl'>;
  messaging: Messaging;
  background: BackgroundWork;
  onError: (error: unknown) => void;
};

/**
 * An agent asks for a sign-in link. The answer never tells whether the address has an account: the
 * only awaited work (counting the request against the address's limit) is the same for every
 * address, and looking the agent up, creating the link and queuing its email happen after the answer
 * (a known address costs a transaction more than an unknown one: awaited, it would show in the
 * answer's timing). Returns `limited` when the address asked too often (the caller answers the same).
 */
export async function requestSignInLink(
  deps: SignInDeps,
  input: { email: string; suite: string | undefined; ip: string; now: Date },
): Promise<{ limited: boolean }> {
  // The key holds a hash, not the address: the counters table keeps no personal data.
  const key = `sign-in:address:${hashToken(input.email.toLowerCase())}`;
  const { allowed } = await consumeRateLimit(deps.db, key, SIGN_IN_ADDRESS_LIMIT, input.now);
  if (!allowed) return { limited: true };
  deps.background.run(() => sendSignInLinkIfAgentExists(deps, input), deps.onError);
  return { limited: false };
}

/**
 * The link and its email are written in one transaction, so there is never a link without its email
 * nor an email whose link does not exist; the outbox's workers send it. The token's hash names the
 * email, so queuing it again (a retried transaction) never sends a second one.
 */
async function sendSignInLinkIfAgentExists(
  deps: SignInDeps,
  input: { email: string; suite: string | undefined; ip: string; now: Date },
): Promise<void> {
  const agent = await findActiveAgentByEmail(deps.db, input.email);
  if (!agent) return;
  await deps.db.transaction(async (tx) => {
    const link = await issueLoginLink(tx, deps.config, {
      agentId: agent.id,
      purpose: 'sign_in',
      requestedIp: input.ip,
      now: input.now,
    });
    const data: SignInMessage = {
      firstName: agent.firstName,
      path: input.suite ? `${link.path}&suite=${encodeURIComponent(input.suite)}` : link.path,
      expiresAt: link.expiresAt.toISOString(),
      validityMinutes: SIGN_IN_LINK_MINUTES,
    };
    await queueMessage(
      tx,
      deps.messaging,
      {
        channel: 'email',
        template: SIGN_IN_TEMPLATE,
        recipient: agent.email,
        recipientName: displayName(agent) || undefined,
        data,
        idempotencyKey: `auth:sign-in:${link.tokenHash}`,
        subject: { type: 'agent', id: agent.id },
      },
      input.now,
    );
  });
}

/** A link token can be any text from a URL; real ones are 43 characters. */
const plausibleToken = (token: string) => token.length > 0 && token.length <= 200;

/** Who a link would sign in, without using it: the confirmation page is shown before the click. */
export async function inspectLoginLink(db: Db, token: string, now: Date) {
  if (!plausibleToken(token)) return undefined;
  return findUsableLoginToken(db, hashToken(token), now);
}

/**
 * Uses a sign-in or invitation link: returns its agent once, then never again (also nothing when
 * expired or when the agent was deactivated since).
 */
export async function useLoginLink(db: Db, token: string, now: Date): Promise<string | undefined> {
  if (!plausibleToken(token)) return undefined;
  return (await consumeLoginToken(db, hashToken(token), now))?.agentId;
}

/** The agent an identity provider vouched for, if they have an active account here. */
export async function findAgentForVerifiedEmail(db: Db, email: string) {
  return findActiveAgentByEmail(db, email.trim().toLowerCase());
}
