import { describe, expect, it } from 'vitest';
import type { Actor, Membership, MembershipRole } from '../auth/actor.ts';
import {
  mayChangeAccountStatus,
  mayCreateOrganisations,
  organisationKindsFor,
  seesAdministration,
} from './policy.ts';

const membership = (organisationId: string, role: MembershipRole, territoryId = 't1'): Membership => ({
  organisationId,
  organisationSlug: organisationId,
  organisationName: organisationId,
  organisationKind: 'service',
  territoryId,
  territoryName: territoryId,
  territorySlug: territoryId,
  territoryLogoVersion: null,
  role,
});

const actor = (memberships: Membership[], isOperator = false): Actor => ({
  agentId: 'me',
  email: 'me@exemple.fr',
  firstName: 'M',
  lastName: 'E',
  isOperator,
  memberships,
});

const signedIn = (a: Actor) => ({
  actor: a,
  sessionId: 's',
  method: 'email' as const,
  currentOrganisation: null,
});

describe('tenancy policy', () => {
  it('shows Administration to operators and admins', () => {
    expect(seesAdministration(null)).toBe(false);
    expect(seesAdministration(signedIn(actor([], true)))).toBe(true);
    expect(seesAdministration(signedIn(actor([membership('a', 'admin')])))).toBe(true);
    expect(seesAdministration(signedIn(actor([membership('a', 'agent'), membership('b', 'readonly')])))).toBe(
      false,
    );
  });

  it('lets admins create organisations, and only operators an incubator', () => {
    expect(mayCreateOrganisations(actor([membership('a', 'admin')]))).toBe(true);
    expect(mayCreateOrganisations(actor([membership('a', 'agent')]))).toBe(false);
    expect(mayCreateOrganisations(actor([membership('a', 'admin', null as never)]))).toBe(false);
    expect(organisationKindsFor(actor([], true))).toContain('incubateur');
    expect(organisationKindsFor(actor([membership('a', 'admin')]))).not.toContain('incubateur');
  });

  it.each([
    ['an operator, anyone but themselves', actor([], true), { organisationIds: ['x'] }, true],
    ['an operator, an operator', actor([], true), { isOperator: true }, true],
    ['anyone, themselves', actor([], true), { agentId: 'me' }, false],
    [
      'an admin of every organisation of the agent',
      actor([membership('a', 'admin'), membership('b', 'admin')]),
      { organisationIds: ['a', 'b'] },
      true,
    ],
    [
      'an admin of only some of them',
      actor([membership('a', 'admin'), membership('b', 'agent')]),
      { organisationIds: ['a', 'b'] },
      false,
    ],
    [
      'an admin, an operator member',
      actor([membership('a', 'admin')]),
      { organisationIds: ['a'], isOperator: true },
      false,
    ],
    [
      'an admin, an agent in no organisation',
      actor([membership('a', 'admin')]),
      { organisationIds: [] },
      false,
    ],
    ['a plain agent', actor([membership('a', 'agent')]), { organisationIds: ['a'] }, false],
  ] as [
    string,
    Actor,
    Partial<{ agentId: string; isOperator: boolean; organisationIds: string[] }>,
    boolean,
  ][])('account status: %s → %s', (_label, who, target, expected) => {
    expect(
      mayChangeAccountStatus(who, { agentId: 'other', isOperator: false, organisationIds: [], ...target }),
    ).toBe(expected);
  });
});
