import { z } from 'zod';
import { hmac, safeEqual } from '../auth/tokens.ts';

/**
 * Invitation links: a module (rsa, accueil…) invites a person it knows to book an appointment with an
 * organisation, without an account. The link carries what it grants, signed:
 *
 *   /rdv/invitation/<payload>.<signature>
 *
 * payload = base64url(JSON { c: citizenId, o: organisationId, t?: appointmentTypeId, k?: category,
 * e: expiry in Unix seconds }), signature = HMAC-SHA256(secretKey, "rdv-invitation:" + payload).
 * The purpose prefix keeps a signature made for another kind of link (manage link, unsubscribe…)
 * from ever validating here. Nothing is stored: changing SECRET_KEY revokes every link.
 */
export type Invitation = {
  citizenId: string;
  organisationId: string;
  /** Only this type is offered (otherwise every type the organisation lets invited people book). */
  appointmentTypeId?: string;
  /** Only the types of this category are offered. */
  category?: string;
  expiresAt: Date;
};

const PURPOSE = 'rdv-invitation';

const payloadSchema = z.object({
  c: z.uuid(),
  o: z.uuid(),
  t: z.uuid().optional(),
  k: z.string().min(1).max(100).optional(),
  e: z.number().int().positive(),
});

export function invitationToken(secretKey: string, invitation: Invitation): string {
  const payload = Buffer.from(
    JSON.stringify({
      c: invitation.citizenId,
      o: invitation.organisationId,
      ...(invitation.appointmentTypeId ? { t: invitation.appointmentTypeId } : {}),
      ...(invitation.category ? { k: invitation.category } : {}),
      e: Math.floor(invitation.expiresAt.getTime() / 1000),
    }),
  ).toString('base64url');
  return `${payload}.${hmac(secretKey, `${PURPOSE}:${payload}`)}`;
}

/** The path to put in an SMS, an email or a letter (prefix it with the instance's BASE_URL). */
export function invitationLinkPath(secretKey: string, invitation: Invitation): string {
  return `/rdv/invitation/${invitationToken(secretKey, invitation)}`;
}

export type CheckedInvitation =
  | { ok: true; invitation: Invitation }
  | { ok: false; reason: 'invalid' | 'expired' };

/**
 * Reads a token back. 'invalid': not signed by this instance (or altered); 'expired': genuine but
 * past its expiry. The signature is checked before the payload is even parsed.
 */
export function verifyInvitationToken(secretKey: string, token: string, now: Date): CheckedInvitation {
  const dot = token.lastIndexOf('.');
  if (dot <= 0 || token.length > 2000) return { ok: false, reason: 'invalid' };
  const payload = token.slice(0, dot);
  const signature = token.slice(dot + 1);
  if (!safeEqual(signature, hmac(secretKey, `${PURPOSE}:${payload}`)))
    return { ok: false, reason: 'invalid' };
  let decoded: unknown;
  try {
    decoded = JSON.parse(Buffer.from(payload, 'base64url').toString('utf8'));
  } catch {
    return { ok: false, reason: 'invalid' };
  }
  const parsed = payloadSchema.safeParse(decoded);
  if (!parsed.success) return { ok: false, reason: 'invalid' };
  const { c, o, t, k, e } = parsed.data;
  const invitation: Invitation = {
    citizenId: c,
    organisationId: o,
    ...(t ? { appointmentTypeId: t } : {}),
    ...(k ? { category: k } : {}),
    expiresAt: new Date(e * 1000),
  };
  if (invitation.expiresAt.getTime() <= now.getTime()) return { ok: false, reason: 'expired' };
  return { ok: true, invitation };
}
