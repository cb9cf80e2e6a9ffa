import { and, eq, inArray, isNull, lt, sql } from 'drizzle-orm';
import type { Db } from '../../../platform/db/client.ts';
import { cohorts, interviews, projects } from '../tables.ts';

/** The rows the end-of-cohort anonymisation reads and changes (anonymise.service.ts says what and why). */

/** Cohorts whose last day is before `today` and whose interviews are not anonymised yet. */
export async function cohortsDueForAnonymisation(db: Db, today: string) {
  return db
    .select({
      id: cohorts.id,
      endsOn: cohorts.endsOn,
      incubatorOrganisationId: cohorts.incubatorOrganisationId,
    })
    .from(cohorts)
    .where(and(lt(cohorts.endsOn, today), isNull(cohorts.interviewsAnonymisedAt)));
}

/**
 * Locks the cohort's row for the transaction and says whether it still waits for anonymisation: a
 * second worker running the same job waits here, then finds it done and leaves it.
 */
export async function claimCohort(db: Db, cohortId: string): Promise<boolean> {
  const [row] = await db
    .select({ done: cohorts.interviewsAnonymisedAt })
    .from(cohorts)
    .where(eq(cohorts.id, cohortId))
    .for('update');
  return row !== undefined && row.done === null;
}

/**
 * Erases the interviewees' names and contacts in every interview of the cohort's projects, and the
 * notes of those without recorded consent. Returns the interviews changed.
 */
export async function anonymiseInterviewsOfCohort(db: Db, cohortId: string, now: Date) {
  const projectIds = db.select({ id: projects.id }).from(projects).where(eq(projects.cohortId, cohortId));
  return db
    .update(interviews)
    .set({
      intervieweeName: null,
      intervieweeContact: null,
      notes: sql`case when ${interviews.consentRecorded} then ${interviews.notes} else '' end`,
      anonymisedAt: now,
    })
    .where(and(inArray(interviews.projectId, projectIds), isNull(interviews.anonymisedAt)))
    .returning({ id: interviews.id, consentRecorded: interviews.consentRecorded });
}

export async function markCohortAnonymised(db: Db, cohortId: string, now: Date): Promise<void> {
  await db.update(cohorts).set({ interviewsAnonymisedAt: now }).where(eq(cohorts.id, cohortId));
}
