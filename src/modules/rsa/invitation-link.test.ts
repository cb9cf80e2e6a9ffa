import { describe, expect, it } from 'vitest';
import { rsaInvitationPath, rsaInvitationToken, verifyRsaInvitationToken } from './invitation-link.ts';

const secret = 'un-secret-de-test-suffisamment-long';
const id = '3f2a9c1e-7b4d-4e8a-9c2f-1a2b3c4d5e6f';
const expiresAt = new Date('2030-03-11T22:59:59Z');
const before = new Date('2030-03-01T08:00:00Z');

describe('personal RSA invitation link', () => {
  it('reads back the invitation and its expiry, and stays short enough for an SMS', () => {
    const token = rsaInvitationToken(secret, id, expiresAt);
    expect(verifyRsaInvitationToken(secret, token, before)).toEqual({
      ok: true,
      invitationId: id,
      expiresAt: new Date('2030-03-11T22:59:59Z'),
    });
    expect(rsaInvitationPath(secret, id, expiresAt)).toBe(`/rsa/i/${token}`);
    expect(`https://tremplin.var.fr/rsa/i/${token}`.length).toBeLessThanOrEqual(90);
  });

  it('refuses an expired link, a forged or altered one, and one signed by another instance', () => {
    const token = rsaInvitationToken(secret, id, expiresAt);
    expect(verifyRsaInvitationToken(secret, token, new Date('2030-03-12T00:00:00Z'))).toEqual({
      ok: false,
      reason: 'expired',
    });
    const [encodedId, expiry, signature] = token.split('.') as [string, string, string];
    const later = (Number.parseInt(expiry, 36) + 86_400).toString(36);
    for (const forged of [
      `${encodedId}.${later}.${signature}`,
      `${encodedId.replace(/^./, (c) => (c === 'A' ? 'B' : 'A'))}.${expiry}.${signature}`,
      rsaInvitationToken('un-autre-secret-tout-aussi-long', id, expiresAt),
      'pas-un-jeton',
      `${token}.`,
    ]) {
      expect(verifyRsaInvitationToken(secret, forged, before)).toEqual({ ok: false, reason: 'invalid' });
    }
  });
});
