import { describe, expect, test } from 'vitest';
import { hmac } from '../auth/tokens.ts';
import { invitationLinkPath, invitationToken, verifyInvitationToken } from './invitation-link.ts';

const secret = 'secret-de-test-suffisamment-long-pour-hmac';
const now = new Date('2025-03-10T10:00:00Z');
const invitation = {
  citizenId: '7d3c6a4e-3b1f-4f7e-9a51-0a7c2b9e1d01',
  organisationId: '0f2b1c4d-5e6f-4a7b-8c9d-0e1f2a3b4c5d',
  category: 'RSA',
  expiresAt: new Date('2025-03-24T10:00:00Z'),
};

describe('invitation links', () => {
  test('a link made here reads back to what it grants', () => {
    const path = invitationLinkPath(secret, invitation);
    expect(path).toMatch(/^\/rdv\/invitation\/[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+$/);
    const token = path.slice('/rdv/invitation/'.length);
    expect(verifyInvitationToken(secret, token, now)).toEqual({ ok: true, invitation });
  });

  test('an altered payload, another key, or a signature made for another purpose is invalid', () => {
    const token = invitationToken(secret, invitation);
    const [payload, signature] = token.split('.') as [string, string];
    const other = Buffer.from(
      JSON.stringify({ c: invitation.citizenId, o: invitation.organisationId, e: 4_000_000_000 }),
    ).toString('base64url');
    expect(verifyInvitationToken(secret, `${other}.${signature}`, now)).toEqual({
      ok: false,
      reason: 'invalid',
    });
    expect(verifyInvitationToken('une-autre-clé', token, now)).toEqual({ ok: false, reason: 'invalid' });
    expect(verifyInvitationToken(secret, `${payload}.${hmac(secret, payload)}`, now)).toEqual({
      ok: false,
      reason: 'invalid',
    });
    for (const garbage of ['', '.', 'abc', `${payload}.`, `.${signature}`]) {
      expect(verifyInvitationToken(secret, garbage, now).ok).toBe(false);
    }
  });

  test('a genuine link past its expiry is expired, not invalid', () => {
    const token = invitationToken(secret, { ...invitation, expiresAt: new Date('2025-03-10T09:59:59Z') });
    expect(verifyInvitationToken(secret, token, now)).toEqual({ ok: false, reason: 'expired' });
  });

  test('a signed payload of the wrong shape is refused', () => {
    const payload = Buffer.from(JSON.stringify({ c: 'pas-un-uuid', o: 'x', e: 4_000_000_000 })).toString(
      'base64url',
    );
    const token = `${payload}.${hmac(secret, `rdv-invitation:${payload}`)}`;
    expect(verifyInvitationToken(secret, token, now)).toEqual({ ok: false, reason: 'invalid' });
  });
});
