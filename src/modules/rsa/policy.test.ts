import { describe, expect, it } from 'vitest';
import type { Actor, Membership, MembershipRole } from '../../platform/auth/actor.ts';
import { canRsa, rsaScope } from './policy.ts';

const membership = (
  organisationId: string,
  territoryId: string | null,
  organisationKind: string,
  role: MembershipRole,
): Membership => ({
  organisationId,
  organisationSlug: organisationId,
  organisationName: organisationId,
  organisationKind,
  territoryId,
  territoryName: territoryId,
  territorySlug: territoryId,
  territoryLogoVersion: null,
  role,
});
const actor = (memberships: Membership[], isOperator = false): Actor => ({
  agentId: 'a',
  email: 'a@exemple.fr',
  firstName: 'A',
  lastName: 'B',
  isOperator,
  memberships,
});

const varUts = { organisationId: 'uts-la-seyne', territoryId: 'var' };
const varOtherUts = { organisationId: 'uts-draguignan', territoryId: 'var' };

describe('who may see and act on a beneficiary', () => {
  it('members of the organisation that follows the person; read-only members only see', () => {
    const agent = actor([membership('uts-la-seyne', 'var', 'uts', 'agent')]);
    const reader = actor([membership('uts-la-seyne', 'var', 'uts', 'readonly')]);
    expect(canRsa(agent, 'rsa.view', varUts)).toBe(true);
    expect(canRsa(agent, 'rsa.manage', varUts)).toBe(true);
    expect(canRsa(agent, 'rsa.configure', varUts)).toBe(false);
    expect(canRsa(reader, 'rsa.view', varUts)).toBe(true);
    expect(canRsa(reader, 'rsa.manage', varUts)).toBe(false);
    expect(canRsa(agent, 'rsa.view', varOtherUts)).toBe(false);
  });

  it('the territory’s direction sees and acts on the whole territory, not on another one', () => {
    const direction = actor([membership('var-insertion', 'var', 'direction', 'agent')]);
    expect(canRsa(direction, 'rsa.manage', varOtherUts)).toBe(true);
    expect(canRsa(direction, 'rsa.view', { organisationId: 'ccas-pau', territoryId: 'pau' })).toBe(false);
    expect(rsaScope(direction)).toEqual({ territoryIds: ['var'], organisationIds: ['var-insertion'] });
  });

  it('a service of another kind does not widen to its territory; operators see everything', () => {
    const service = actor([membership('pau-ccas', 'pau', 'ccas', 'admin')]);
    expect(canRsa(service, 'rsa.view', { organisationId: 'autre', territoryId: 'pau' })).toBe(false);
    expect(rsaScope(service)).toEqual({ territoryIds: [], organisationIds: ['pau-ccas'] });
    expect(canRsa(actor([], true), 'rsa.configure', varUts)).toBe(true);
    expect(rsaScope(actor([], true))).toBe('all');
  });
});
