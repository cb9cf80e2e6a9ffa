import { addWeeks, weekOfDay, weeksBetween } from './weeks.ts';

/**
 * Planned vs actual days, pure. The plan of a member is their own (days per week, weeks), else the
 * project's, else the cohort's (1 day a week for 12 weeks by default). Planned days = days per week ×
 * weeks; actual days = the sum of their weekly check-ins.
 *
 * Worked example: a member joins on Wednesday 5 February 2025 with the cohort's plan (1 × 12). Their
 * detachment weeks are the 12 Mondays from 3 February to 21 April. On Thursday 20 February they are
 * due three weeks (3, 10 and 17 February): 3 days planned to date out of 12. With one check-in of
 * 1.5 days (3 Feb), they have 1.5 actual days and one week without a check-in (10 Feb; 17 Feb is the
 * current week, not over, so not flagged yet).
 */

/** numeric columns come back from PostgreSQL as strings ('1.0'). */
type Numeric = string | number | null;

export type Plan = { daysPerWeek: number; weeks: number };

export function planOf(
  member: { daysPerWeek: Numeric; weeks: number | null },
  project: { detachmentDaysPerWeek: Numeric; detachmentWeeks: number | null },
  cohort: { detachmentDaysPerWeek: Numeric; detachmentWeeks: number },
): Plan {
  const daysPerWeek = member.daysPerWeek ?? project.detachmentDaysPerWeek ?? cohort.detachmentDaysPerWeek;
  const weeks = member.weeks ?? project.detachmentWeeks ?? cohort.detachmentWeeks;
  return { daysPerWeek: Number(daysPerWeek), weeks };
}

export type Detachment = { joinedOn: string; leftOn: string | null; plan: Plan };

/**
 * The weeks a member is detached: from the week they join, `plan.weeks` weeks, cut at the week they
 * leave (a member who leaves on a Wednesday still owes that week's check-in).
 */
export function detachmentWeeks({ joinedOn, leftOn, plan }: Detachment): string[] {
  if (plan.weeks <= 0 || (leftOn !== null && leftOn < joinedOn)) return [];
  const planEnd = addWeeks(weekOfDay(joinedOn), plan.weeks - 1);
  const end = leftOn !== null && leftOn < planEnd ? leftOn : planEnd;
  return weeksBetween(joinedOn, end);
}

/** The detachment weeks that have begun by `today`: the ones a check-in is asked for. */
export function weeksDue(detachment: Detachment, today: string): string[] {
  const current = weekOfDay(today);
  return detachmentWeeks(detachment).filter((week) => week <= current);
}

export type CheckinDays = { weekStart: string; days: Numeric };

export type MemberTime = {
  planned: number;
  plannedToDate: number;
  actual: number;
  /** Past detachment weeks (the current one excluded: it is not over) without a check-in. */
  missingWeeks: string[];
};

export function memberTime(detachment: Detachment, checkins: CheckinDays[], today: string): MemberTime {
  const current = weekOfDay(today);
  const due = weeksDue(detachment, today);
  const answered = new Set(checkins.map((c) => c.weekStart));
  return {
    planned: detachment.plan.daysPerWeek * detachment.plan.weeks,
    plannedToDate: detachment.plan.daysPerWeek * due.length,
    actual: checkins.reduce((sum, c) => sum + Number(c.days), 0),
    missingWeeks: due.filter((week) => week < current && !answered.has(week)),
  };
}

export type TeamTime = { planned: number; plannedToDate: number; actual: number; missingWeeks: number };

export function teamTime(members: MemberTime[]): TeamTime {
  return members.reduce<TeamTime>(
    (total, m) => ({
      planned: total.planned + m.planned,
      plannedToDate: total.plannedToDate + m.plannedToDate,
      actual: total.actual + m.actual,
      missingWeeks: total.missingWeeks + m.missingWeeks.length,
    }),
    { planned: 0, plannedToDate: 0, actual: 0, missingWeeks: 0 },
  );
}

/** Actual days as a share of planned days, in whole percent (null when nothing is planned). */
export function progressPercent(actual: number, planned: number): number | null {
  return planned > 0 ? Math.round((actual / planned) * 100) : null;
}

const dayNumber = new Intl.NumberFormat('fr-FR', { maximumFractionDigits: 1 });

/** 1.5 → « 1,5 ». */
export function formatDays(days: number): string {
  return dayNumber.format(days);
}

/** The half-days a check-in may record: 0, 0.5 … 5 (a full working week). */
export const DAY_CHOICES = Array.from({ length: 11 }, (_, i) => i / 2);
