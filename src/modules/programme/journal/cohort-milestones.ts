import type { MilestoneValues } from './milestones.repository.ts';

const DAY = 86_400_000;

/**
 * The three milestones every cohort has, from its dates: the kick-off on its first day, the mid-point
 * halfway (rounded down to a day), the restitution on its last day. Staff adjust them afterwards.
 */
export function defaultCohortMilestones(startsOn: string, endsOn: string): MilestoneValues[] {
  const start = Date.parse(`${startsOn}T00:00:00Z`);
  const end = Date.parse(`${endsOn}T00:00:00Z`);
  const middle = new Date(start + Math.floor((end - start) / DAY / 2) * DAY).toISOString().slice(0, 10);
  return [
    { kind: 'lancement', title: 'Lancement de la saison', dueOn: startsOn },
    { kind: 'mi_parcours', title: 'Point de mi-parcours', dueOn: middle },
    { kind: 'restitution', title: 'Restitution des équipes', dueOn: endsOn },
  ];
}
