import { describe, expect, it } from 'vitest';
import { conflictsOf, describeConflict, tallyVotes } from './conflicts.ts';

const project = { teamAgentIds: ['team-1', 'team-2'], coachAgentId: 'coach', managerAgentIds: ['boss'] };

describe('conflicts of interest of committee members', () => {
  it.each([
    ['team-1', [], ['equipe']],
    ['coach', [], ['coach']],
    ['boss', [], ['manager']],
    ['neutral', [], []],
    ['neutral', [{ agentId: 'neutral', reason: 'ancien collègue' }], ['declare']],
    ['neutral', [{ agentId: 'someone-else', reason: 'x' }], []],
    ['team-2', [{ agentId: 'team-2', reason: 'aussi déclaré' }], ['equipe', 'declare']],
  ])('%s with declarations %j: %j', (agentId, declared, kinds) => {
    expect(conflictsOf(agentId, project, declared).map((r) => r.kind)).toEqual(kinds);
  });

  it('says why in French', () => {
    expect(
      conflictsOf('neutral', project, [{ agentId: 'neutral', reason: 'ma sœur' }]).map(describeConflict),
    ).toEqual(['conflit déclaré : ma sœur']);
    expect(describeConflict({ kind: 'manager' })).toBe('responsable hiérarchique d’un membre de l’équipe');
  });
});

describe('tally of votes', () => {
  const votes = [
    { memberAgentId: 'a', score: 4, vote: 'go' as const },
    { memberAgentId: 'b', score: 2, vote: 'provisoire' as const },
    { memberAgentId: 'conflicted', score: 0, vote: 'stop' as const },
    { memberAgentId: 'former-member', score: 0, vote: 'stop' as const },
  ];

  it.each([
    [['a', 'b'], 2, 3, { go: 1, provisoire: 1, stop: 0 }, 0],
    [['a', 'b', 'c'], 2, 3, { go: 1, provisoire: 1, stop: 0 }, 1],
    [['a', 'b', 'conflicted'], 3, 2, { go: 1, provisoire: 1, stop: 1 }, 0],
    [['c'], 0, null, { go: 0, provisoire: 0, stop: 0 }, 1],
  ])('eligible %j: %i counted, mean %s', (eligible, counted, mean, counts, awaiting) => {
    expect(tallyVotes(votes, eligible)).toEqual({ counted, meanScore: mean, counts, awaiting });
  });

  it('rounds the mean to one decimal', () => {
    const three = [
      { memberAgentId: 'a', score: 3, vote: 'go' as const },
      { memberAgentId: 'b', score: 3, vote: 'go' as const },
      { memberAgentId: 'c', score: 2, vote: 'go' as const },
    ];
    expect(tallyVotes(three, ['a', 'b', 'c']).meanScore).toBe(2.7);
  });
});
