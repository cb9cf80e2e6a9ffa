import { describe, expect, it } from 'vitest';
import type { Actor, MembershipRole } from '../../auth/actor.ts';
import { mayPrintLetters, mayViewLetters } from './policy.ts';

const organisationId = '11111111-1111-4111-8111-111111111111';
const otherId = '22222222-2222-4222-8222-222222222222';

function actor(role: MembershipRole | null, isOperator = false): Actor {
  return {
    agentId: 'a',
    email: 'a@exemple.fr',
    firstName: 'A',
    lastName: 'B',
    isOperator,
    memberships: role
      ? [
          {
            organisationId,
            organisationSlug: 'uts',
            organisationName: 'UTS',
            organisationKind: 'uts',
            territoryId: null,
            territoryName: null,
            territorySlug: null,
            territoryLogoVersion: null,
            role,
          },
        ]
      : [],
  };
}

describe('letters policy', () => {
  it.each([
    { who: 'an admin of the organisation', actor: actor('admin'), view: true, print: true },
    { who: 'an agent of the organisation', actor: actor('agent'), view: true, print: true },
    { who: 'a read-only member', actor: actor('readonly'), view: true, print: false },
    { who: 'an agent of no organisation', actor: actor(null), view: false, print: false },
    { who: 'an operator', actor: actor(null, true), view: true, print: true },
  ])('$who: view $view, print and post $print', ({ actor, view, print }) => {
    expect(mayViewLetters(actor, organisationId)).toBe(view);
    expect(mayPrintLetters(actor, organisationId)).toBe(print);
  });

  it('gives an organisation’s members nothing in another organisation', () => {
    expect(mayViewLetters(actor('admin'), otherId)).toBe(false);
    expect(mayPrintLetters(actor('admin'), otherId)).toBe(false);
  });
});
