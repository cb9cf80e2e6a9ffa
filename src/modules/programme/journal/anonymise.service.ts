import { recordAudit, systemActor } from '../../../platform/audit/audit.ts';
import type { Db } from '../../../platform/db/client.ts';
import { localDayOf } from '../../../platform/scheduling/agenda/week-grid.ts';
import {
  anonymiseInterviewsOfCohort,
  claimCohort,
  cohortsDueForAnonymisation,
  markCohortAnonymised,
} from './anonymise.repository.ts';

/**
 * Once a cohort is over (the day after its last day, Europe/Paris), the interviews of its projects are
 * anonymised:
 * - erased, always: the interviewee's name and contact — the investigation needs what was said, not
 *   who said it, and the consent was asked for the time of the cohort;
 * - erased, without recorded consent: the notes (the issue asks for « anonymisation/deletion »:
 *   notes may quote or describe the person, and nobody agreed to keep them);
 * - kept: the role, the date, whether and how consent was given, the notes of those who consented,
 *   and the evidence citing the interviews (its own summary never holds a name).
 * One transaction per cohort (the erasure, the cohort's interviews_anonymised_at and the line in the
 * audit trail, written as the system). Safe to run twice or on two workers at once: a cohort is
 * claimed under a row lock and skipped once marked, and an interview already anonymised is not
 * touched again. The journal refuses names on a cohort marked anonymised (interview-consent.ts), so
 * an interview added afterwards cannot bring one back.
 */
export async function anonymiseEndedCohorts(
  db: Db,
  now: Date,
): Promise<{ cohorts: number; interviews: number }> {
  const today = localDayOf(now);
  let cohorts = 0;
  let interviews = 0;
  for (const cohort of await cohortsDueForAnonymisation(db, today)) {
    const changed = await db.transaction(async (tx) => {
      if (!(await claimCohort(tx, cohort.id))) return null;
      const rows = await anonymiseInterviewsOfCohort(tx, cohort.id, now);
      await markCohortAnonymised(tx, cohort.id, now);
      await recordAudit(tx, systemActor, {
        action: 'delete',
        resourceType: 'programme_cohort_interviews',
        resourceId: cohort.id,
        organisationId: cohort.incubatorOrganisationId,
        details: {
          anonymisation: true,
          endsOn: cohort.endsOn,
          interviews: rows.length,
          notesDeleted: rows.filter((r) => !r.consentRecorded).length,
          interviewIds: rows.map((r) => r.id),
        },
      });
      return rows.length;
    });
    if (changed === null) continue;
    cohorts++;
    interviews += changed;
  }
  return { cohorts, interviews };
}
