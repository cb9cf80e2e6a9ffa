import { describe, expect, it } from 'vitest';
import { milestoneStatus } from './milestone-status.ts';

describe('milestone status', () => {
  it.each([
    ['2019-03-15', null, '2019-03-14', 'a_venir'],
    ['2019-03-15', null, '2019-03-15', 'a_venir'],
    ['2019-03-15', null, '2019-03-16', 'en_retard'],
    ['2019-03-15', '2019-03-20', '2019-04-01', 'fait'],
    ['2019-03-15', '2019-03-10', '2019-03-12', 'fait'],
  ])('due %s, done %s, on %s: %s', (dueOn, doneOn, today, status) => {
    expect(milestoneStatus({ dueOn, doneOn }, today)).toBe(status);
  });
});
