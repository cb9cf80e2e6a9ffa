import { recordAudit } from '../../../platform/audit/audit.ts';
import { findActiveActor } from '../../../platform/auth/actor.repository.ts';
import type { Db } from '../../../platform/db/client.ts';
import { notFound } from '../../../platform/errors.ts';
import { transactionDb } from '../../../platform/jobs/boss.ts';
import type { Platform } from '../../../platform/platform.ts';
import { type Caller, isUuid } from '../../../platform/tenancy/caller.ts';
import { canRsa } from '../policy.ts';
import { type OrganisationInfo, organisationsByIds } from './invitations.repository.ts';
import {
  inBatches,
  NOT_FOUND_REASON,
  newInvitationRound,
  prepareInvitations,
  warnAgents,
  writeInvitationBatch,
} from './invite.service.ts';
import type { ChannelChoice } from './reach.ts';
import {
  findRun,
  type InvitationRun,
  insertRun,
  lockRun,
  markRunRunning,
  organisationOfFirst,
  RunTaken,
  recordRunProgress,
  updateRun,
} from './runs.repository.ts';

/**
 * Bulk invitations too large to wait for (issue 5, scope 3): more than RUN_THRESHOLD people become a
 * run, sent by a background job (run.job.ts) with the same functions as a small bulk (invite.service.ts),
 * chunk by chunk; the agent follows it on GET /rsa/invitations/envois/:id, then reads its summary.
 *
 * The job acts as the agent who asked: their actor is read again from the database when it runs (their
 * rights then, not those of an old request), and the audit trail names them. Each batch's transaction
 * also counts its people on the run (recordRunProgress), so a retried job goes on with the others.
 */
export const RUN_THRESHOLD = 50;
export const INVITATION_RUN_QUEUE = 'rsa.invitation-run';
/** People prepared (read and checked) at once; their batches are then written as a small bulk's. */
const CHUNK = 200;

const resourceType = 'rsa_invitation_run';

/**
 * Records the run and hands it to the job, in one transaction. The run belongs to the agent's current
 * organisation (an operator's: that of the first person listed). Null when there is nobody to invite
 * at all (then the small path answers at once).
 */
export async function startInvitationRun(
  platform: Platform,
  caller: Caller,
  input: { ids: string[]; channel: ChannelChoice; organisationId: string | null },
): Promise<string | null> {
  const { db } = platform.database;
  const ids = [...new Set(input.ids)];
  const valid = ids.filter(isUuid);
  const organisationId = input.organisationId ?? (await organisationOfFirst(db, valid));
  if (!organisationId) return null;
  const invalid = ids.filter((id) => !isUuid(id));
  const organisation = (await organisationsByIds(db, [organisationId])).get(organisationId);
  return db.transaction(async (tx) => {
    const id = await insertRun(tx, {
      organisationId,
      agentId: caller.actor.agentId,
      beneficiaryIds: valid,
      channel: input.channel,
      total: ids.length,
      processed: invalid.length,
      skipped: invalid.map((beneficiaryId) => ({ beneficiaryId, reason: NOT_FOUND_REASON })),
    });
    await platform.messaging.boss.send(
      INVITATION_RUN_QUEUE,
      { runId: id },
      { db: transactionDb(tx), singletonKey: id },
    );
    await recordAudit(tx, caller.audit, {
      action: 'create',
      resourceType,
      resourceId: id,
      organisationId,
      territoryId: organisation?.territoryId ?? null,
      details: { total: ids.length, channel: input.channel },
    });
    return id;
  });
}

/**
 * A run the caller may see (members of its organisation, of a direction of its territory, operators),
 * with its organisation; otherwise « not found », whether it does not exist or is another territory's
 * (the refusal is audited).
 */
export async function invitationRunFor(
  db: Db,
  caller: Caller,
  id: string,
): Promise<{ run: InvitationRun; organisation: OrganisationInfo }> {
  const run = isUuid(id) ? await findRun(db, id) : undefined;
  const organisation = run && (await organisationsByIds(db, [run.organisationId])).get(run.organisationId);
  if (!run || !organisation) throw notFound('Cet envoi n’existe pas ou vous n’y avez pas accès.');
  if (
    !canRsa(caller.actor, 'rsa.view', {
      organisationId: organisation.id,
      territoryId: organisation.territoryId,
    })
  ) {
    await recordAudit(db, caller.audit, {
      action: 'denied',
      resourceType,
      resourceId: id,
      organisationId: organisation.id,
      territoryId: organisation.territoryId,
    });
    throw notFound('Cet envoi n’existe pas ou vous n’y avez pas accès.');
  }
  return { run, organisation };
}

/**
 * Sends a run: the people not yet counted, CHUNK at a time, each chunk's batches written as a small
 * bulk's (in parallel on PostgreSQL), each batch counted on the run in its own transaction. People left
 * out before any writing (rights, status, contact, no slot) are counted in a transaction of their own.
 * Safe to run again: the counted people are skipped, and a batch counted meanwhile by another worker
 * undoes itself (RunTaken). `interruptAfterBatches` fails every batch after that many, inside their
 * transactions (tests of a worker that crashed mid-run).
 */
export async function processInvitationRun(
  platform: Platform,
  runId: string,
  options: { now?: Date; interruptAfterBatches?: number } = {},
): Promise<void> {
  const { db } = platform.database;
  const run = await findRun(db, runId);
  if (!run || run.state === 'done' || run.state === 'failed') return;
  const actor = await findActiveActor(db, run.agentId);
  if (!actor) {
    await updateRun(db, runId, {
      state: 'failed',
      error: 'le compte de l’agent qui a lancé l’envoi n’est plus actif',
      finishedAt: new Date(),
    });
    return;
  }
  const caller: Caller = {
    actor,
    audit: {
      actorType: 'agent',
      actorId: actor.agentId,
      actorLabel: actor.email,
      ip: null,
      requestId: `rsa-invitation-run:${runId}`,
    },
  };
  await markRunRunning(db, runId);
  const round = newInvitationRound(platform, caller, { channel: run.channel, now: options.now });
  const counted = new Set(run.doneIds);
  const remaining = run.beneficiaryIds.filter((id) => !counted.has(id));
  let batches = 0;
  for (let start = 0; start < remaining.length; start += CHUNK) {
    const prepared = await prepareInvitations(round, remaining.slice(start, start + CHUNK));
    await db.transaction((tx) =>
      recordRunProgress(tx, runId, {
        ids: prepared.skipped.map((s) => s.beneficiaryId),
        invited: [],
        skipped: prepared.skipped,
        noSlot: prepared.noSlot,
      }),
    );
    await inBatches(platform, prepared.ready, async (batch) => {
      await writeInvitationBatch(round, batch, async (tx, outcome) => {
        if (options.interruptAfterBatches !== undefined && batches++ >= options.interruptAfterBatches) {
          throw new Error('envoi interrompu (essai)');
        }
        await recordRunProgress(tx, runId, {
          ids: batch.map((one) => one.beneficiary.id),
          invited: outcome.invited,
          skipped: outcome.refused,
        });
      });
    });
  }
  const counts = await findRun(db, runId);
  if (counts?.noSlot.length) await warnAgents(round, counts.noSlot);
  await db.transaction(async (tx) => {
    const locked = await lockRun(tx, runId);
    if (!locked || locked.state === 'done' || locked.state === 'failed') return;
    await updateRun(tx, runId, { state: 'done', error: null, finishedAt: new Date() });
    await recordAudit(tx, caller.audit, {
      action: 'update',
      resourceType,
      resourceId: runId,
      organisationId: locked.organisationId,
      territoryId: round.organisations.get(locked.organisationId)?.territoryId ?? null,
      details: { done: true, invited: locked.invited, skipped: locked.skipped.length },
    });
  });
}

/** The job failed (it will be retried): the page says so meanwhile. Another worker's run is left alone. */
/** Shows the error on the run's page; after the last attempt the run is marked failed. */
export async function noteRunError(db: Db, runId: string, error: Error, lastAttempt: boolean): Promise<void> {
  if (error instanceof RunTaken) return;
  await updateRun(db, runId, {
    error: error.message.slice(0, 500),
    ...(lastAttempt ? { state: 'failed' as const, finishedAt: new Date() } : {}),
  });
}
