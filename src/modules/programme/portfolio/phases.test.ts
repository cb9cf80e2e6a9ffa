import { describe, expect, it } from 'vitest';
import { betagouvPhaseName, chronological, currentPhase, type PhaseStep } from './phases.ts';

const investigation: PhaseStep = { phase: 'investigation', startsOn: '2019-02-04', endsOn: '2019-06-05' };
const construction: PhaseStep = { phase: 'construction', startsOn: '2019-09-01', endsOn: null };
const stoppedEarly: PhaseStep = { phase: 'abandon', startsOn: '2019-07-01', endsOn: null };
const stoppedLate: PhaseStep = { phase: 'abandon', startsOn: '2021-03-01', endsOn: '2021-03-01' };

describe('phases', () => {
  it('takes the open phase as the current one, else the latest started', () => {
    expect(currentPhase([])).toBeNull();
    expect(currentPhase([investigation])).toBe(investigation);
    expect(currentPhase([construction, investigation])).toBe(construction);
    expect(currentPhase([investigation, { ...construction, endsOn: '2021-03-01' }, stoppedLate])).toBe(
      stoppedLate,
    );
    // Two open phases (a forgotten end date): the later one.
    const reopened = { ...investigation, endsOn: null };
    expect(currentPhase([construction, reopened])).toBe(construction);
  });

  it('orders the timeline by start', () => {
    expect(chronological([construction, investigation]).map((s) => s.phase)).toEqual([
      'investigation',
      'construction',
    ]);
  });

  it('names a project stopped at its first step « abandon-investigation » for beta.gouv.fr', () => {
    const early = [investigation, stoppedEarly];
    expect(early.map((s) => betagouvPhaseName(s, early))).toEqual(['investigation', 'abandon-investigation']);
    const late = [investigation, { ...construction, endsOn: '2021-03-01' }, stoppedLate];
    expect(late.map((s) => betagouvPhaseName(s, late))).toEqual(['investigation', 'construction', 'abandon']);
    const transfer: PhaseStep = { phase: 'transfer', startsOn: '2022-01-01', endsOn: null };
    expect(betagouvPhaseName(transfer, [transfer])).toBe('transfer');
  });
});
