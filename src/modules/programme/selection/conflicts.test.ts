import { describe, expect, it } from 'vitest';
import { type ConflictKind, isJurorConflicted, jurorConflict } from './conflicts.ts';

const problem = { id: 'p1', organisationId: 'uts-la-seyne', submitterAgentId: 'valerie' };

describe('is this juror conflicted on this problem', () => {
  const cases: {
    name: string;
    juror: { agentId: string; organisationIds: string[] };
    declared: { agentId: string; problemId: string }[];
    expected: ConflictKind | null;
  }[] = [
    {
      name: 'a juror of another service, nothing declared',
      juror: { agentId: 'victor', organisationIds: ['var-insertion'] },
      declared: [],
      expected: null,
    },
    {
      name: 'a juror with no membership at all (a coach)',
      juror: { agentId: 'coline', organisationIds: [] },
      declared: [],
      expected: null,
    },
    {
      name: 'a member of the submitting service',
      juror: { agentId: 'sabine', organisationIds: ['uts-la-seyne'] },
      declared: [],
      expected: 'organisation',
    },
    {
      name: 'a member of several services, one of them the submitting one',
      juror: { agentId: 'sabine', organisationIds: ['var-insertion', 'uts-la-seyne'] },
      declared: [],
      expected: 'organisation',
    },
    {
      name: 'the submitter, even after leaving the service',
      juror: { agentId: 'valerie', organisationIds: ['pau-ccas'] },
      declared: [],
      expected: 'submitter',
    },
    {
      name: 'a declared conflict on this problem',
      juror: { agentId: 'victor', organisationIds: ['var-insertion'] },
      declared: [{ agentId: 'victor', problemId: 'p1' }],
      expected: 'declared',
    },
    {
      name: 'a declaration on another problem does not count',
      juror: { agentId: 'victor', organisationIds: ['var-insertion'] },
      declared: [{ agentId: 'victor', problemId: 'p2' }],
      expected: null,
    },
    {
      name: 'another juror’s declaration does not count',
      juror: { agentId: 'victor', organisationIds: ['var-insertion'] },
      declared: [{ agentId: 'paul', problemId: 'p1' }],
      expected: null,
    },
    {
      name: 'member of the service and declared: the computed reason comes first',
      juror: { agentId: 'sabine', organisationIds: ['uts-la-seyne'] },
      declared: [{ agentId: 'sabine', problemId: 'p1' }],
      expected: 'organisation',
    },
  ];

  for (const c of cases) {
    it(c.name, () => {
      expect(jurorConflict(c.juror, problem, c.declared)).toBe(c.expected);
      expect(isJurorConflicted(c.juror, problem, c.declared)).toBe(c.expected !== null);
    });
  }
});
