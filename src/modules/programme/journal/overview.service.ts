import type { Db } from '../../../platform/db/client.ts';
import type { Caller } from '../../../platform/tenancy/caller.ts';
import { openJournal } from './access.ts';
import { ledgerOf } from './evidence.repository.ts';
import { groupByClaim } from './evidence-summary.ts';
import { hypothesesOf } from './hypotheses.repository.ts';
import { interviewCountOf, interviewListOf } from './interviews.repository.ts';
import { keyFiguresOf } from './key-figures.repository.ts';
import { milestoneStatus } from './milestone-status.ts';
import { milestonesOfProject } from './milestones.repository.ts';

const RECENT_INTERVIEWS = 5;

/**
 * The journal's overview: hypotheses, the evidence ledger by claim, key figures, milestones (the
 * cohort's and the project's, each with its status on `today`) and the latest interviews — by role and
 * date only, so opening the overview reads no one's name.
 */
export async function journalOverview(db: Db, caller: Caller, slug: string, today: string) {
  const project = await openJournal(db, caller, slug, 'read');
  const [hypotheses, ledger, keyFigures, milestones, interviews, interviewCount] = await Promise.all([
    hypothesesOf(db, project.id),
    ledgerOf(db, project.id),
    keyFiguresOf(db, project.id),
    milestonesOfProject(db, project.cohort.id, project.id),
    interviewListOf(db, project.id, RECENT_INTERVIEWS),
    interviewCountOf(db, project.id),
  ]);
  return {
    project,
    hypotheses,
    ledger: groupByClaim(ledger),
    keyFigures,
    milestones: milestones.map((m) => ({ ...m, status: milestoneStatus(m, today) })),
    interviews,
    interviewCount,
  };
}

export type JournalOverview = Awaited<ReturnType<typeof journalOverview>>;
