import { z } from 'zod';
import { hmac, safeEqual } from '../../platform/auth/tokens.ts';

/**
 * The personal link of an RSA invitation, sent by SMS, email or letter:
 *
 *   /rsa/i/<invitationId in base64url>.<expiry in Unix seconds, base36>.<signature>
 *
 * signature = HMAC-SHA256(secretKey, "rsa-invitation:" + id + "." + expiry), cut to 22 characters
 * (128 bits) so the whole link fits an SMS. It opens a page where the person books their first
 * meeting (through the booking engine's invitation link) and may answer the orientation
 * questionnaire. The invitation row decides the rest: closed or expired there means closed here.
 */
const PURPOSE = 'rsa-invitation';
const SIGNATURE_LENGTH = 22;

export function rsaInvitationToken(secretKey: string, invitationId: string, expiresAt: Date): string {
  const id = Buffer.from(invitationId.replaceAll('-', ''), 'hex').toString('base64url');
  const expiry = Math.floor(expiresAt.getTime() / 1000).toString(36);
  const payload = `${id}.${expiry}`;
  return `${payload}.${hmac(secretKey, `${PURPOSE}:${payload}`).slice(0, SIGNATURE_LENGTH)}`;
}

export function rsaInvitationPath(secretKey: string, invitationId: string, expiresAt: Date): string {
  return `/rsa/i/${rsaInvitationToken(secretKey, invitationId, expiresAt)}`;
}

const tokenShape = z.string().regex(/^[A-Za-z0-9_-]{22}\.[0-9a-z]{1,10}\.[A-Za-z0-9_-]{22}$/);

export type CheckedRsaInvitation =
  | { ok: true; invitationId: string; expiresAt: Date }
  | { ok: false; reason: 'invalid' | 'expired' };

/** Reads a token back: 'invalid' when not signed by this instance, 'expired' when genuine but past. */
export function verifyRsaInvitationToken(secretKey: string, token: string, now: Date): CheckedRsaInvitation {
  if (!tokenShape.safeParse(token).success) return { ok: false, reason: 'invalid' };
  const [id, expiry, signature] = token.split('.') as [string, string, string];
  const expected = hmac(secretKey, `${PURPOSE}:${id}.${expiry}`).slice(0, SIGNATURE_LENGTH);
  if (!safeEqual(signature, expected)) return { ok: false, reason: 'invalid' };
  const hex = Buffer.from(id, 'base64url').toString('hex');
  const invitationId = `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
  const expiresAt = new Date(Number.parseInt(expiry, 36) * 1000);
  if (expiresAt.getTime() <= now.getTime()) return { ok: false, reason: 'expired' };
  return { ok: true, invitationId, expiresAt };
}
