import { hmac, safeEqual } from '../auth/tokens.ts';

/**
 * The person's link to see, cancel or move their appointment, sent in every confirmation:
 *
 *   /rdv/gerer/<participantId>?exp=<Unix seconds>&sig=<signature>
 *
 * signature = HMAC-SHA256(secretKey, "rdv-gerer:" + participantId + ":" + exp), base64url. The purpose
 * prefix keeps a signature made for another kind of link (invitation, unsubscribe…) from validating
 * here. The link expires at the appointment's end; nothing is stored, and changing SECRET_KEY revokes
 * every link. Whether the person may still cancel or move (changeLimitHours) is booking's rule, checked
 * when they try (booking-rules.ts).
 */
const PURPOSE = 'rdv-gerer';

function signature(secretKey: string, participantId: string, exp: number): string {
  return hmac(secretKey, `${PURPOSE}:${participantId}:${exp}`);
}

export function manageLinkPath(secretKey: string, participantId: string, expiresAt: Date): string {
  const exp = Math.floor(expiresAt.getTime() / 1000);
  return `/rdv/gerer/${participantId}?exp=${exp}&sig=${signature(secretKey, participantId, exp)}`;
}

export type CheckedManageLink =
  | { ok: true; participantId: string }
  | { ok: false; reason: 'invalid' | 'expired' };

/**
 * Checks a link's parameters as they come from the URL. 'invalid': not signed by this instance or
 * altered; 'expired': genuine but past the appointment's end. The signature is checked first.
 */
export function verifyManageLink(
  secretKey: string,
  input: { participantId: string; exp: string | number | undefined; sig: string | undefined },
  now: Date,
): CheckedManageLink {
  const exp = typeof input.exp === 'number' ? input.exp : Number(input.exp);
  if (!Number.isSafeInteger(exp) || exp <= 0 || !input.sig || input.sig.length > 100) {
    return { ok: false, reason: 'invalid' };
  }
  if (!safeEqual(input.sig, signature(secretKey, input.participantId, exp)))
    return { ok: false, reason: 'invalid' };
  if (now.getTime() > exp * 1000) return { ok: false, reason: 'expired' };
  return { ok: true, participantId: input.participantId };
}
