import { describe, expect, it } from 'vitest';
import { checkEdit, currentPhase, type PhaseRow, planAddition, planDeletion } from './phases.ts';

const investigation: PhaseRow = {
  id: 'a',
  phase: 'investigation',
  startsOn: '2025-02-03',
  endsOn: null,
  comment: '',
};
const closedInvestigation = { ...investigation, endsOn: '2025-05-14' };
const construction: PhaseRow = {
  id: 'b',
  phase: 'construction',
  startsOn: '2025-05-15',
  endsOn: null,
  comment: 'Comité du 15 mai',
};

describe('currentPhase', () => {
  it.each([
    ['the open one', [closedInvestigation, construction], 'b'],
    ['the latest when all are closed', [closedInvestigation, { ...construction, endsOn: '2025-12-31' }], 'b'],
    ['none', [], undefined],
  ])('%s', (_, rows, id) => {
    expect(currentPhase(rows)?.id).toBe(id);
  });
});

describe('planAddition', () => {
  it('closes the open phase the day before the new one', () => {
    expect(
      planAddition([investigation], {
        phase: 'construction',
        startsOn: '2025-05-15',
        endsOn: null,
        comment: '',
      }),
    ).toEqual({ ok: true, close: { id: 'a', endsOn: '2025-05-14' } });
  });

  it('fills in history between closed phases without closing anything', () => {
    const rows = [{ ...investigation, endsOn: '2025-02-28' }, construction];
    expect(
      planAddition(rows, { phase: 'abandon', startsOn: '2025-03-01', endsOn: '2025-03-31', comment: '' }),
    ).toEqual({ ok: true, close: null });
  });

  it.each([
    [
      'a start on the open phase’s start',
      [investigation],
      { startsOn: '2025-02-03', endsOn: null },
      'debut',
      /chevauche la phase « Investigation » \(depuis le 3 février 2025, sans fin\)/,
    ],
    [
      'a start inside a closed phase',
      [closedInvestigation, construction],
      { startsOn: '2025-04-01', endsOn: '2025-04-30' },
      'debut',
      /chevauche la phase « Investigation » \(du 3 février 2025 au 14 mai 2025\)/,
    ],
    [
      'an end before the start',
      [investigation],
      { startsOn: '2025-06-01', endsOn: '2025-05-01' },
      'fin',
      /ne peut pas précéder/,
    ],
    [
      'an open phase before an existing one',
      [closedInvestigation, construction],
      { startsOn: '2025-01-01', endsOn: null },
      'fin',
      /chevauche la phase « Investigation »/,
    ],
  ])('refuses %s', (_, rows, dates, field, message) => {
    const result = planAddition(rows, { phase: 'acceleration', comment: '', ...dates });
    expect(result.ok).toBe(false);
    if (!result.ok) expect(Object.entries(result.errors)).toEqual([[field, expect.stringMatching(message)]]);
  });
});

describe('checkEdit', () => {
  it('accepts a moved date that still fits', () => {
    expect(
      checkEdit([closedInvestigation, construction], 'a', { ...closedInvestigation, endsOn: '2025-05-10' }),
    ).toBeNull();
  });

  it('refuses a row that would overlap the next one', () => {
    expect(
      checkEdit([closedInvestigation, construction], 'a', { ...closedInvestigation, endsOn: '2025-05-20' }),
    ).toEqual({ fin: expect.stringContaining('« Construction »') });
  });

  it('refuses reopening a phase that another follows', () => {
    expect(
      checkEdit([closedInvestigation, construction], 'a', { ...closedInvestigation, endsOn: null }),
    ).toEqual({ fin: expect.stringContaining('chevauche') });
  });
});

describe('planDeletion', () => {
  it('reopens the phase the deleted one had closed', () => {
    expect(planDeletion([closedInvestigation, construction], 'b')).toEqual({ ok: true, reopen: 'a' });
  });

  it('reopens nothing when deleting an earlier phase', () => {
    expect(planDeletion([closedInvestigation, construction], 'a')).toEqual({ ok: true, reopen: null });
  });

  it('keeps at least one phase', () => {
    expect(planDeletion([investigation], 'a').ok).toBe(false);
  });
});
