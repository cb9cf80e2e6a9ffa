/**
 * Where a milestone stands on a given day (Europe/Paris, 'YYYY-MM-DD'): done once it has a done_on;
 * otherwise late the day after its due date, upcoming until then (due today is not late yet).
 */
export type MilestoneStatus = 'fait' | 'en_retard' | 'a_venir';

export function milestoneStatus(milestone: { dueOn: string; doneOn: string | null }, today: string) {
  if (milestone.doneOn) return 'fait' as const;
  return milestone.dueOn < today ? ('en_retard' as const) : ('a_venir' as const);
}

export const milestoneStatusLabels: Record<MilestoneStatus, string> = {
  fait: 'Fait',
  en_retard: 'En retard',
  a_venir: 'À venir',
};
