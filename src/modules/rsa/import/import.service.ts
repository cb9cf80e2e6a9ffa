import { type AuditActor, recordAudit, systemActor } from '../../../platform/audit/audit.ts';
import type { Actor } from '../../../platform/auth/actor.ts';
import type { Db } from '../../../platform/db/client.ts';
import { invalid, notFound } from '../../../platform/errors.ts';
import { transactionDb } from '../../../platform/jobs/boss.ts';
import type { Platform } from '../../../platform/platform.ts';
import { isUuid } from '../../../platform/tenancy/caller.ts';
import { canRsa, type RsaAction } from '../policy.ts';
import { type OpenedFile, openFile, UnreadableFileError } from './file.ts';
import {
  addBatchOutcome,
  findImportContent,
  findImportingOrganisation,
  findImportSummary,
  type ImportingOrganisation,
  type ImportSummary,
  insertImport,
  insertNewBeneficiaries,
  listImportingOrganisations,
  listImports,
  lockImport,
  lockTerritoryBeneficiaries,
  moveImport,
  type NewBeneficiary,
  nirEnabledFor,
  savedMapping,
  saveMapping,
  updateBeneficiary,
  updateImport,
} from './import.repository.ts';
import { type ColumnMapping, importFields, missingRequired, resolveMapping } from './mapping.ts';
import { BATCH_SIZE, batchesOf, classifyBatch, type Rejection, sectorisation } from './pipeline.ts';

/**
 * The import's use-cases: an agent drops a file (startImport: read and previewed at once, nothing
 * written to the records), fixes the columns if needed (remapImport), confirms (confirmImport: a
 * background job applies it, applyImport) or gives up (abandonImport). The command line applies a
 * file directly (importFileDirectly). Every step is in the audit trail.
 */

export const IMPORT_QUEUE = 'rsa.import';
export const MAX_IMPORT_BYTES = 20 * 1024 * 1024;

/**
 * Who acts: an agent through the web (their permissions apply), or the command line (actor null: whoever
 * runs it on the server may already do everything).
 */
export type ImportCaller = { actor: Actor | null; audit: AuditActor };

function may(caller: ImportCaller, action: RsaAction, organisation: ImportingOrganisation): boolean {
  return caller.actor === null || canRsa(caller.actor, action, scopeOf(organisation));
}

export type ImportCounts = {
  totalRows: number;
  created: number;
  updated: number;
  unchanged: number;
  rejections: Rejection[];
};

const resourceType = 'rsa_import';

function scopeOf(organisation: ImportingOrganisation) {
  return { organisationId: organisation.id, territoryId: organisation.territoryId };
}

/** The organisations an agent may import for: those of a territory where they may manage beneficiaries. */
export async function importableOrganisations(db: Db, actor: Actor): Promise<ImportingOrganisation[]> {
  const all = await listImportingOrganisations(
    db,
    actor.isOperator ? 'all' : actor.memberships.map((m) => m.organisationId),
  );
  return all.filter((o) => canRsa(actor, 'rsa.manage', scopeOf(o)));
}

/** The latest imports the agent may see (their organisations', or their territory's for a direction). */
export async function recentImports(db: Db, actor: Actor) {
  const visible = actor.isOperator
    ? 'all'
    : (
        await listImportingOrganisations(db, 'all').then((all) =>
          all.filter((o) => canRsa(actor, 'rsa.view', scopeOf(o))),
        )
      ).map((o) => o.id);
  return listImports(db, visible, 20);
}

/**
 * An import the caller may see or act on, with its organisation; otherwise « not found », whether it
 * does not exist or belongs to another territory (the refusal is audited).
 */
export async function importFor(
  db: Db,
  caller: ImportCaller,
  id: string,
  action: RsaAction,
): Promise<{ item: ImportSummary; organisation: ImportingOrganisation }> {
  const item = isUuid(id) ? await findImportSummary(db, id) : undefined;
  const organisation = item && (await findImportingOrganisation(db, { id: item.organisationId }));
  if (!item || !organisation) throw notFound();
  if (!may(caller, action, organisation)) {
    await recordAudit(db, caller.audit, {
      action: 'denied',
      resourceType,
      resourceId: id,
      organisationId: organisation.id,
      territoryId: organisation.territoryId,
      details: { action },
    });
    throw notFound();
  }
  return { item, organisation };
}

/** Reads the whole file as the apply will and counts what it would do, writing nothing. */
export async function previewCounts(
  db: Db,
  organisation: ImportingOrganisation,
  content: Buffer | OpenedFile,
  mapping: ColumnMapping,
  now: Date,
): Promise<ImportCounts> {
  const file = Buffer.isBuffer(content) ? await openFile(content) : content;
  const nirEnabled = await nirEnabledFor(db, organisation.id);
  const counts: ImportCounts = { totalRows: 0, created: 0, updated: 0, unchanged: 0, rejections: [] };
  const claimed = new Map<string, number>();
  for await (const batch of batchesOf(file, { organisation, mapping, nirEnabled, now })) {
    for (const outcome of await classifyBatch(db, organisation.territoryId, batch, claimed)) {
      counts.totalRows++;
      if (outcome.kind === 'create') counts.created++;
      else if (outcome.kind === 'update') counts.updated++;
      else if (outcome.kind === 'unchanged') counts.unchanged++;
      else counts.rejections.push(outcome.rejection);
    }
  }
  return counts;
}

function countsColumns(counts: ImportCounts) {
  return {
    totalRows: counts.totalRows,
    processedRows: 0,
    created: counts.created,
    updated: counts.updated,
    unchanged: counts.unchanged,
    rejected: counts.rejections.length,
    rejections: counts.rejections,
  };
}

/**
 * Keeps the file and its preview. The columns are those the organisation chose last time, where the
 * file has them, else recognised from their headers.
 */
export async function startImport(
  db: Db,
  caller: ImportCaller,
  input: {
    organisation: ImportingOrganisation;
    fileName: string;
    content: Buffer;
    now: Date;
    /** false: no preview, the import goes straight to « applying » (the command line). */
    preview?: boolean;
  },
): Promise<ImportSummary> {
  const { organisation } = input;
  if (!may(caller, 'rsa.manage', organisation)) throw notFound();
  let file: Awaited<ReturnType<typeof openFile>>;
  try {
    file = await openFile(input.content);
  } catch (error) {
    if (error instanceof UnreadableFileError) throw invalid({ fichier: error.message });
    throw error;
  }
  const mapping = resolveMapping(file.headers, await savedMapping(db, organisation.id));
  const preview = input.preview ?? true;
  const counts = preview
    ? await readCounts(db, organisation, file, mapping, input.now)
    : { totalRows: 0, created: 0, updated: 0, unchanged: 0, rejections: [] };
  const created = await insertImport(db, {
    organisationId: organisation.id,
    agentId: caller.actor?.agentId ?? null,
    fileName: input.fileName.slice(0, 200),
    content: input.content,
    mapping,
    state: preview || missingRequired(file.headers, mapping).length ? 'preview' : 'applying',
    ...countsColumns(counts),
    createdAt: input.now,
  });
  await recordAudit(db, caller.audit, {
    action: 'create',
    resourceType,
    resourceId: created.id,
    ...scopeOf(organisation),
    details: { fileName: created.fileName, rows: counts.totalRows },
  });
  return (await findImportSummary(db, created.id))!;
}

async function readCounts(
  db: Db,
  organisation: ImportingOrganisation,
  content: Buffer | OpenedFile,
  mapping: ColumnMapping,
  now: Date,
): Promise<ImportCounts> {
  try {
    return await previewCounts(db, organisation, content, mapping, now);
  } catch (error) {
    if (error instanceof UnreadableFileError) throw invalid({ fichier: error.message });
    throw error;
  }
}

/** What the preview page needs beside the counts: the file's headers and how it was read. */
export async function describeFile(db: Db, id: string) {
  const content = await findImportContent(db, id);
  if (!content) return null;
  const file = await openFile(content, { headerOnly: true });
  return { headers: file.headers, detail: file.detail };
}

/** The agent's choice of columns: kept for the organisation's next files, and the preview redone. */
export async function remapImport(
  db: Db,
  caller: ImportCaller,
  id: string,
  choice: Record<string, string>,
  now: Date,
): Promise<void> {
  const { item, organisation } = await importFor(db, caller, id, 'rsa.manage');
  if (item.state !== 'preview') return;
  const content = await findImportContent(db, id);
  if (!content) throw notFound();
  const file = await openFile(content);
  const mapping: ColumnMapping = {};
  for (const field of importFields) {
    const header = choice[field];
    if (header && file.headers.includes(header)) mapping[field] = header;
  }
  const counts = await readCounts(db, organisation, file, mapping, now);
  await db.transaction(async (tx) => {
    await updateImport(tx, id, { mapping, ...countsColumns(counts) });
    await saveMapping(tx, organisation.id, mapping, now);
    await recordAudit(tx, caller.audit, {
      action: 'update',
      resourceType,
      resourceId: id,
      ...scopeOf(organisation),
      details: { mapping },
    });
  });
}

/**
 * Hands the import to the background job, in the same transaction as its state change: it is applied
 * once, even if the agent clicks twice. Refused while a required column is missing.
 */
export async function confirmImport(
  platform: Platform,
  caller: ImportCaller,
  id: string,
  now: Date,
): Promise<void> {
  const { db } = platform.database;
  const { item, organisation } = await importFor(db, caller, id, 'rsa.manage');
  if (item.state !== 'preview') return;
  const described = await describeFile(db, id);
  if (described && missingRequired(described.headers, item.mapping).length) {
    throw invalid({ colonnes: 'Choisissez d’abord les colonnes du nom et du prénom.' });
  }
  await db.transaction(async (tx) => {
    const moved = await moveImport(tx, id, 'preview', {
      state: 'applying',
      processedRows: 0,
      created: 0,
      updated: 0,
      unchanged: 0,
      rejected: 0,
      rejections: [],
    });
    if (!moved) return;
    await saveMapping(tx, organisation.id, item.mapping as ColumnMapping, now);
    await platform.messaging.boss.send(
      IMPORT_QUEUE,
      { importId: id },
      { db: transactionDb(tx), singletonKey: id },
    );
    await recordAudit(tx, caller.audit, {
      action: 'update',
      resourceType,
      resourceId: id,
      ...scopeOf(organisation),
      details: { confirmed: true, fileName: item.fileName },
    });
  });
}

export async function abandonImport(db: Db, caller: ImportCaller, id: string): Promise<void> {
  const { organisation } = await importFor(db, caller, id, 'rsa.manage');
  await db.transaction(async (tx) => {
    if (!(await moveImport(tx, id, 'preview', { state: 'abandoned', content: null, finishedAt: new Date() })))
      return;
    await recordAudit(tx, caller.audit, {
      action: 'delete',
      resourceType,
      resourceId: id,
      ...scopeOf(organisation),
      details: { abandoned: true },
    });
  });
}

/**
 * Applies a confirmed import, one transaction per batch: the batch's records, their first status,
 * and the import's progress and counts commit together, so a batch is never half-written and a retry
 * (a crashed worker, a lost connection) resumes after the last committed batch. The batches already
 * applied are read again without writing, to remember which records they matched. When all are done
 * the file is emptied. An import not in « applying » (done, abandoned) is left alone.
 */
export async function applyImport(
  db: Db,
  id: string,
  options: { now?: Date; batchSize?: number } = {},
): Promise<void> {
  const now = options.now ?? new Date();
  const size = options.batchSize ?? BATCH_SIZE;
  const item = await findImportSummary(db, id);
  if (item?.state !== 'applying') return;
  const organisation = (await findImportingOrganisation(db, { id: item.organisationId }))!;
  const content = await findImportContent(db, id);
  if (!content) return;
  const file = await openFile(content);
  const nirEnabled = await nirEnabledFor(db, organisation.id);
  const mapping = item.mapping as ColumnMapping;
  const claimed = new Map<string, number>();
  const assign = sectorisation(organisation);
  const reason = `Import ${item.fileName}`;
  for await (const batch of batchesOf(file, { organisation, mapping, nirEnabled, now }, size)) {
    const end = batch.start + batch.items.length;
    if (end <= item.processedRows) {
      await classifyBatch(db, organisation.territoryId, batch, claimed);
      continue;
    }
    await db.transaction(async (tx) => {
      const locked = await lockImport(tx, id);
      // Another worker took this batch meanwhile (a job handed on after its expiry): leave it theirs.
      if (locked?.state !== 'applying' || locked.processedRows !== batch.start) return;
      await lockTerritoryBeneficiaries(tx, organisation.territoryId);
      const outcomes = await classifyBatch(tx, organisation.territoryId, batch, claimed);
      const creates: NewBeneficiary[] = [];
      for (const outcome of outcomes) {
        if (outcome.kind !== 'create') continue;
        const { line: _line, ...fields } = outcome.person;
        creates.push({ ...fields, ...(await assign(tx, fields.communeCode)) });
      }
      const created = await insertNewBeneficiaries(tx, organisation.territoryId, creates, {
        reason,
        at: now,
      });
      for (const outcome of outcomes) {
        if (outcome.kind !== 'update') continue;
        await updateBeneficiary(tx, organisation.territoryId, outcome.existingId, {
          ...outcome.changes,
          updatedAt: now,
          lastActivityAt: now,
        });
      }
      await addBatchOutcome(tx, id, {
        processedRows: end,
        created,
        updated: outcomes.filter((o) => o.kind === 'update').length,
        unchanged: outcomes.filter((o) => o.kind === 'unchanged').length,
        rejections: outcomes.flatMap((o) => (o.kind === 'rejected' ? [o.rejection] : [])),
      });
    });
  }
  await db.transaction(async (tx) => {
    const locked = await lockImport(tx, id);
    if (locked?.state !== 'applying') return;
    await updateImport(tx, id, {
      state: 'done',
      content: null,
      finishedAt: new Date(),
      totalRows: locked.processedRows,
      error: null,
    });
    await recordAudit(tx, systemActor, {
      action: 'update',
      resourceType,
      resourceId: id,
      ...scopeOf(organisation),
      details: {
        applied: true,
        created: locked.created,
        updated: locked.updated,
        unchanged: locked.unchanged,
        rejected: locked.rejected,
      },
    });
  });
}

/** Notes the error on the import (shown on its page) before the job is retried. */
/** Shows the error on the import's page; after the last attempt the import is marked failed. */
export async function noteImportError(db: Db, id: string, error: Error, lastAttempt: boolean): Promise<void> {
  await updateImport(db, id, {
    error: error.message.slice(0, 500),
    ...(lastAttempt ? { state: 'failed' as const, finishedAt: new Date() } : {}),
  });
}

/**
 * The command line: reads, previews and applies a file at once, as the system, for the organisation
 * named by its slug. Returns the import as applied.
 */
export async function importFileDirectly(
  db: Db,
  input: { organisation: ImportingOrganisation; fileName: string; content: Buffer; now: Date },
): Promise<ImportSummary> {
  const caller: ImportCaller = { actor: null, audit: { ...systemActor, actorLabel: 'ligne de commande' } };
  const started = await startImport(db, caller, { ...input, preview: false });
  if (started.state === 'preview') {
    // A required column is missing: nothing can be applied, and nobody will fix it in a preview.
    await moveImport(db, started.id, 'preview', {
      state: 'abandoned',
      content: null,
      finishedAt: new Date(),
    });
  } else {
    await applyImport(db, started.id, { now: input.now });
  }
  return (await findImportSummary(db, started.id))!;
}

export async function organisationBySlug(db: Db, slug: string) {
  return findImportingOrganisation(db, { slug });
}
