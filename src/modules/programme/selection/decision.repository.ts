import { and, asc, eq, inArray, isNull } from 'drizzle-orm';
import type { Db } from '../../../platform/db/client.ts';
import { agents } from '../../../platform/tenancy/tables.ts';
import { meToos, problems, projects } from '../tables.ts';
import { DECISIONS, type Decision } from './selection.repository.ts';

/** The jury's decisions on problems and their notification. */

/** The problem's row, locked until the decision's transaction ends (two staff deciding at once wait). */
export async function lockProblem(tx: Db, problemId: string) {
  const [row] = await tx
    .select({ status: problems.status, notifiedAt: problems.notifiedAt })
    .from(problems)
    .where(eq(problems.id, problemId))
    .for('update');
  return row ?? null;
}

export async function setDecision(
  tx: Db,
  problemId: string,
  values: { decision: Decision; note: string; redirectTo: string; agentId: string; now: Date },
): Promise<void> {
  await tx
    .update(problems)
    .set({
      status: values.decision,
      decisionNote: values.note,
      redirectTo: values.redirectTo,
      decidedBy: values.agentId,
      decidedAt: values.now,
      updatedAt: values.now,
    })
    .where(eq(problems.id, problemId));
}

/** Back before the decision: the problem is « recevable » again, awaiting the jury. */
export async function clearDecision(tx: Db, problemId: string, now: Date): Promise<void> {
  await tx
    .update(problems)
    .set({
      status: 'recevable',
      decisionNote: '',
      redirectTo: '',
      decidedBy: null,
      decidedAt: null,
      updatedAt: now,
    })
    .where(eq(problems.id, problemId));
}

/** The decided problems of a call not yet notified, locked so two clicks cannot both notify them. */
export async function decisionsToNotify(tx: Db, callId: string) {
  return tx
    .select({
      id: problems.id,
      title: problems.title,
      status: problems.status,
      decisionNote: problems.decisionNote,
      redirectTo: problems.redirectTo,
      organisationId: problems.organisationId,
      territoryId: problems.territoryId,
      submitterEmail: agents.email,
      submitterFirstName: agents.firstName,
      submitterLastName: agents.lastName,
      projectSlug: projects.slug,
    })
    .from(problems)
    .innerJoin(agents, eq(agents.id, problems.submitterAgentId))
    .leftJoin(projects, eq(projects.problemId, problems.id))
    .where(
      and(eq(problems.callId, callId), inArray(problems.status, [...DECISIONS]), isNull(problems.notifiedAt)),
    )
    .orderBy(asc(problems.decidedAt), asc(problems.id))
    .for('update', { of: problems });
}

/** The agents who said « moi aussi » on a problem (still active), to tell them it was retained. */
export async function meTooAgents(tx: Db, problemId: string) {
  return tx
    .select({
      agentId: agents.id,
      email: agents.email,
      firstName: agents.firstName,
      lastName: agents.lastName,
    })
    .from(meToos)
    .innerJoin(agents, eq(agents.id, meToos.agentId))
    .where(and(eq(meToos.problemId, problemId), isNull(agents.deactivatedAt)))
    .orderBy(asc(meToos.createdAt));
}

export async function markNotified(tx: Db, problemIds: string[], now: Date): Promise<void> {
  if (problemIds.length === 0) return;
  await tx.update(problems).set({ notifiedAt: now, updatedAt: now }).where(inArray(problems.id, problemIds));
}
