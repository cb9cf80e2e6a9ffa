import { describe, expect, it } from 'vitest';
import { manageLinkPath, verifyManageLink } from './manage-link.ts';

const secret = 'secret-de-test';
const participantId = '7d7f2c6e-3a59-4f0e-9c2a-0b6a1f6b9e11';
const end = new Date('2030-03-04T10:00:00Z');

function parts(path: string) {
  const url = new URL(path, 'http://x');
  return {
    participantId: url.pathname.split('/').at(-1)!,
    exp: url.searchParams.get('exp') ?? undefined,
    sig: url.searchParams.get('sig') ?? undefined,
  };
}

describe('manage links', () => {
  it('signs the participant and the expiry; valid until the appointment’s end', () => {
    const path = manageLinkPath(secret, participantId, end);
    expect(path).toMatch(new RegExp(`^/rdv/gerer/${participantId}\\?exp=1898848800&sig=[\\w-]+$`));
    expect(verifyManageLink(secret, parts(path), new Date('2030-03-04T09:59:00Z'))).toEqual({
      ok: true,
      participantId,
    });
    expect(verifyManageLink(secret, parts(path), new Date('2030-03-04T10:00:01Z'))).toEqual({
      ok: false,
      reason: 'expired',
    });
  });

  it('refuses a link altered, signed with another key, or incomplete', () => {
    const link = parts(manageLinkPath(secret, participantId, end));
    const now = new Date('2030-03-01T00:00:00Z');
    const invalid = { ok: false, reason: 'invalid' };
    expect(verifyManageLink(secret, { ...link, exp: String(Number(link.exp) + 3600) }, now)).toEqual(invalid);
    expect(
      verifyManageLink(secret, { ...link, participantId: participantId.replace('7', '8') }, now),
    ).toEqual(invalid);
    expect(verifyManageLink('autre-cle', link, now)).toEqual(invalid);
    expect(verifyManageLink(secret, { ...link, sig: undefined }, now)).toEqual(invalid);
    expect(verifyManageLink(secret, { ...link, exp: 'demain' }, now)).toEqual(invalid);
  });
});
