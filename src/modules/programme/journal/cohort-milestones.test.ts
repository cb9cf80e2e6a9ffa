import { describe, expect, it } from 'vitest';
import { defaultCohortMilestones } from './cohort-milestones.ts';

describe('the default milestones of a cohort', () => {
  it('places kick-off, mid-point and restitution on the cohort’s dates', () => {
    // The 2019 cohort: 4 February to 28 June, 144 days; halfway is day 72, 17 April.
    expect(defaultCohortMilestones('2019-02-04', '2019-06-28').map((m) => [m.kind, m.dueOn])).toEqual([
      ['lancement', '2019-02-04'],
      ['mi_parcours', '2019-04-17'],
      ['restitution', '2019-06-28'],
    ]);
  });

  it('crosses the change to summer time without losing a day', () => {
    expect(defaultCohortMilestones('2027-03-20', '2027-04-03')[1]!.dueOn).toBe('2027-03-27');
  });
});
