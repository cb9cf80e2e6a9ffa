import { describe, expect, it } from 'vitest';
import { type PhaseRow, planPhaseChange, undoPhaseChange } from './phases.ts';

const day = '2019-06-04';
const investigating: PhaseRow[] = [
  { id: 'inv', phase: 'investigation', startsOn: '2019-02-11', endsOn: null },
];

describe('phase changes of a committee decision', () => {
  it.each([
    [
      'go closes investigation the day before and opens construction',
      'go',
      investigating,
      {
        close: { id: 'inv', endsOn: '2019-06-03' },
        open: { phase: 'construction', startsOn: day, comment: 'c' },
      },
    ],
    [
      'stop closes investigation and opens abandon',
      'stop',
      investigating,
      { close: { id: 'inv', endsOn: '2019-06-03' }, open: { phase: 'abandon', startsOn: day, comment: 'c' } },
    ],
    ['provisoire changes nothing', 'provisoire', investigating, { close: null, open: null }],
    [
      'go on a project already in construction changes nothing',
      'go',
      [{ id: 'con', phase: 'construction', startsOn: '2019-04-01', endsOn: null }],
      { close: null, open: null },
    ],
    [
      'stop on an abandoned project changes nothing',
      'stop',
      [{ id: 'ab', phase: 'abandon', startsOn: '2019-04-01', endsOn: null }],
      { close: null, open: null },
    ],
    [
      'stop during construction closes construction',
      'stop',
      [
        { id: 'inv', phase: 'investigation', startsOn: '2019-02-11', endsOn: '2019-03-31' },
        { id: 'con', phase: 'construction', startsOn: '2019-04-01', endsOn: null },
      ],
      { close: { id: 'con', endsOn: '2019-06-03' }, open: { phase: 'abandon', startsOn: day, comment: 'c' } },
    ],
    [
      'a project without phases only gets the new one',
      'go',
      [],
      { close: null, open: { phase: 'construction', startsOn: day, comment: 'c' } },
    ],
  ] as const)('%s', (_, decision, phases, expected) => {
    expect(planPhaseChange(decision, [...phases], day, 'c')).toEqual(expected);
  });

  it('refuses when the current phase starts on the committee day or later', () => {
    const plan = planPhaseChange(
      'go',
      [{ id: 'inv', phase: 'investigation', startsOn: day, endsOn: null }],
      day,
      'c',
    );
    expect(plan).toHaveProperty('error');
  });

  it('undoes what it did', () => {
    const after: PhaseRow[] = [
      { id: 'inv', phase: 'investigation', startsOn: '2019-02-11', endsOn: '2019-06-03' },
      { id: 'con', phase: 'construction', startsOn: day, endsOn: null },
    ];
    expect(undoPhaseChange('go', after, day)).toEqual({ deleteId: 'con', reopenId: 'inv' });
    expect(undoPhaseChange('stop', after, day)).toEqual({ deleteId: null, reopenId: null });
    expect(undoPhaseChange('provisoire', after, day)).toEqual({ deleteId: null, reopenId: null });
  });
});
