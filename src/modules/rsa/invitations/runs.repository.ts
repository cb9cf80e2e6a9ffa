import { and, eq, inArray, isNull, sql } from 'drizzle-orm';
import type { Db } from '../../../platform/db/client.ts';
import { beneficiaries, invitationRuns } from '../tables.ts';

/**
 * The SQL of background bulk invitations (rsa_invitation_runs) and of the agent they act for. No rule
 * lives here: run.service.ts decides who sees a run and what a batch writes.
 */
export type InvitationRun = typeof invitationRuns.$inferSelect;
export type RunNoSlot = InvitationRun['noSlot'][number];
export type RunSkipped = InvitationRun['skipped'][number];

/** The run was finished, or these people were already counted, by another worker (a job handed on). */
export class RunTaken extends Error {
  constructor() {
    super('envoi déjà traité par un autre processus');
  }
}

export async function insertRun(tx: Db, values: typeof invitationRuns.$inferInsert): Promise<string> {
  const [row] = await tx.insert(invitationRuns).values(values).returning({ id: invitationRuns.id });
  return row!.id;
}

export async function findRun(db: Db, id: string): Promise<InvitationRun | undefined> {
  const [row] = await db.select().from(invitationRuns).where(eq(invitationRuns.id, id));
  return row;
}

/** The organisation of the first of these people that exists (the scope of an operator's run). */
export async function organisationOfFirst(db: Db, beneficiaryIds: string[]): Promise<string | null> {
  if (beneficiaryIds.length === 0) return null;
  const [row] = await db
    .select({ organisationId: beneficiaries.organisationId })
    .from(beneficiaries)
    .where(and(inArray(beneficiaries.id, beneficiaryIds.slice(0, 1000)), isNull(beneficiaries.anonymisedAt)))
    .limit(1);
  return row?.organisationId ?? null;
}

export async function markRunRunning(db: Db, id: string): Promise<void> {
  await db
    .update(invitationRuns)
    .set({ state: 'running' })
    .where(and(eq(invitationRuns.id, id), eq(invitationRuns.state, 'queued')));
}

/**
 * Counts people as handled, in the caller's transaction (the one that writes their invitations): the
 * run's row is locked, and if any of them is already counted — another worker got there first — the
 * transaction is undone (RunTaken), so nobody is invited twice.
 */
export async function recordRunProgress(
  tx: Db,
  id: string,
  progress: {
    ids: string[];
    invited: { channel: 'sms' | 'email' | 'letter' }[];
    skipped: RunSkipped[];
    noSlot?: RunNoSlot[];
  },
): Promise<void> {
  if (progress.ids.length === 0 && !progress.noSlot?.length) return;
  const ids = `{${progress.ids.join(',')}}`;
  const [locked] = await tx
    .select({
      state: invitationRuns.state,
      noSlot: invitationRuns.noSlot,
      overlap: sql<boolean>`${invitationRuns.doneIds} && ${ids}::uuid[]`,
    })
    .from(invitationRuns)
    .where(eq(invitationRuns.id, id))
    .for('update');
  if (!locked || locked.state === 'done' || locked.state === 'failed' || locked.overlap) throw new RunTaken();
  const by = (channel: string) => progress.invited.filter((i) => i.channel === channel).length;
  await tx
    .update(invitationRuns)
    .set({
      state: 'running',
      doneIds: sql`${invitationRuns.doneIds} || ${ids}::uuid[]`,
      processed: sql`${invitationRuns.processed} + ${progress.ids.length}`,
      invited: sql`${invitationRuns.invited} + ${progress.invited.length}`,
      invitedSms: sql`${invitationRuns.invitedSms} + ${by('sms')}`,
      invitedEmail: sql`${invitationRuns.invitedEmail} + ${by('email')}`,
      invitedLetter: sql`${invitationRuns.invitedLetter} + ${by('letter')}`,
      skipped: sql`${invitationRuns.skipped} || ${JSON.stringify(progress.skipped)}::jsonb`,
      noSlot: mergeNoSlot(locked.noSlot, progress.noSlot ?? []),
    })
    .where(eq(invitationRuns.id, id));
}

/** One warning per organisation: people held added up, communes listed once. */
export function mergeNoSlot(before: RunNoSlot[], added: RunNoSlot[]): RunNoSlot[] {
  const merged = new Map(before.map((entry) => [entry.organisationId, { ...entry }]));
  for (const entry of added) {
    const found = merged.get(entry.organisationId);
    if (!found) {
      merged.set(entry.organisationId, { ...entry });
      continue;
    }
    found.held += entry.held;
    for (const commune of entry.communes) if (!found.communes.includes(commune)) found.communes.push(commune);
  }
  return [...merged.values()];
}

/** Locks the run until the transaction ends (its last step). */
export async function lockRun(tx: Db, id: string): Promise<InvitationRun | undefined> {
  const [row] = await tx.select().from(invitationRuns).where(eq(invitationRuns.id, id)).for('update');
  return row;
}

export async function updateRun(
  db: Db,
  id: string,
  values: Partial<Pick<InvitationRun, 'state' | 'error' | 'finishedAt'>>,
): Promise<void> {
  await db.update(invitationRuns).set(values).where(eq(invitationRuns.id, id));
}
