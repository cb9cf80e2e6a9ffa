import { describe, expect, it } from 'vitest';
import type { Actor, Membership, MembershipRole } from '../../platform/auth/actor.ts';
import {
  type CohortFacts,
  canConfigureCohort,
  canViewCohort,
  canViewProject,
  canWorkOnProject,
  incubatorsAdministered,
  isPartnerAgent,
  isStaff,
  type ProjectFacts,
  submittingOrganisations,
} from './policy.ts';

const membership = (
  organisationId: string,
  territoryId: string | null,
  role: MembershipRole,
  organisationKind = territoryId ? 'service' : 'incubateur',
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

const actor = (agentId: string, memberships: Membership[], isOperator = false): Actor => ({
  agentId,
  email: `${agentId}@exemple.fr`,
  firstName: agentId,
  lastName: 'Test',
  isOperator,
  memberships,
});

/** A cohort of the incubator with the Var and Pau as partners, and one coach from outside. */
const cohort: CohortFacts = {
  id: 'saison',
  incubatorOrganisationId: 'incubateur',
  territoryIds: ['var', 'pau'],
  coachIds: ['coach'],
};

const people = {
  operator: actor('operator', [], true),
  incubatorAdmin: actor('ines', [membership('incubateur', null, 'admin')]),
  incubatorAgent: actor('igor', [membership('incubateur', null, 'agent')]),
  incubatorReader: actor('irene', [membership('incubateur', null, 'readonly')]),
  coach: actor('coach', []),
  varAgent: actor('valerie', [membership('uts-la-seyne', 'var', 'agent')]),
  varAdmin: actor('vincent', [membership('uts-la-seyne', 'var', 'admin')]),
  varReader: actor('rita', [membership('uts-la-seyne', 'var', 'readonly')]),
  outsider: actor('oscar', [membership('service-voisin', 'voisin', 'admin')]),
  otherIncubatorAdmin: actor('olga', [membership('autre-incubateur', null, 'admin')]),
  nobody: actor('nina', []),
};
type Person = keyof typeof people;

describe('the cohort rules, person by person', () => {
  // configure, staff, view, partner
  const table: [Person, boolean, boolean, boolean, boolean][] = [
    ['operator', true, true, true, false],
    ['incubatorAdmin', true, true, true, false],
    ['incubatorAgent', false, true, true, false],
    ['incubatorReader', false, false, true, false],
    ['coach', false, true, true, false],
    ['varAgent', false, false, true, true],
    ['varAdmin', false, false, true, true],
    ['varReader', false, false, true, false],
    ['outsider', false, false, false, false],
    ['otherIncubatorAdmin', false, false, false, false],
    ['nobody', false, false, false, false],
  ];
  it.each(table)(
    '%s: configures %s, staff %s, sees %s, partner %s',
    (who, configure, staff, view, partner) => {
      const person = people[who];
      expect(canConfigureCohort(person, cohort)).toBe(configure);
      expect(isStaff(person, cohort)).toBe(staff);
      expect(canViewCohort(person, cohort)).toBe(view);
      expect(isPartnerAgent(person, cohort)).toBe(partner);
    },
  );
});

describe('incubatorsAdministered', () => {
  it.each([
    ['operator', 'all'],
    ['incubatorAdmin', ['incubateur']],
    ['incubatorAgent', []],
    ['varAdmin', []],
    ['nobody', []],
  ] as [Person, 'all' | string[]][])('%s → %j', (who, expected) => {
    expect(incubatorsAdministered(people[who])).toEqual(expected);
  });

  it('an admin of a service that is not an incubator administers no incubator', () => {
    const admin = actor('a', [membership('direction', null, 'admin', 'direction')]);
    expect(incubatorsAdministered(admin)).toEqual([]);
  });
});

describe('submittingOrganisations', () => {
  it('lists the partner organisations where the agent is not read-only', () => {
    const both = actor('b', [
      membership('uts-la-seyne', 'var', 'agent'),
      membership('ccas-pau', 'pau', 'admin'),
      membership('insertion', 'var', 'readonly'),
      membership('service-voisin', 'voisin', 'agent'),
      membership('incubateur', null, 'admin'),
    ]);
    expect(submittingOrganisations(both, cohort).map((m) => m.organisationId)).toEqual([
      'uts-la-seyne',
      'ccas-pau',
    ]);
  });

  it.each([
    ['varReader', []],
    ['outsider', []],
    ['incubatorAdmin', []],
    ['varAgent', ['uts-la-seyne']],
  ] as [Person, string[]][])('%s → %j', (who, expected) => {
    expect(submittingOrganisations(people[who], cohort).map((m) => m.organisationId)).toEqual(expected);
  });
});

describe('the project rules', () => {
  const project: ProjectFacts = {
    cohort,
    coachAgentId: 'project-coach',
    teamAgentIds: ['valerie'],
    managerAgentIds: ['manager'],
  };
  const projectCoach = actor('project-coach', []);
  const manager = actor('manager', [membership('uts-la-seyne', 'var', 'agent')]);
  const otherVarAgent = actor('victor', [membership('insertion', 'var', 'agent')]);

  it.each([
    ['team member', people.varAgent, true, true],
    ['the project’s coach', projectCoach, true, true],
    ['a cohort coach (staff)', people.coach, true, true],
    ['an incubator agent (staff)', people.incubatorAgent, true, true],
    ['the operator', people.operator, true, true],
    ['a team member’s manager', manager, false, true],
    ['another partner agent', otherVarAgent, false, false],
    ['a read-only incubator member', people.incubatorReader, false, false],
    ['an outsider', people.outsider, false, false],
  ] as [string, Actor, boolean, boolean][])('%s: works on it %s, sees it %s', (_, who, work, view) => {
    expect(canWorkOnProject(who, project)).toBe(work);
    expect(canViewProject(who, project)).toBe(view);
  });
});
