import { randomUUID } from 'node:crypto';
import { recordAudit } from '../../audit/audit.ts';
import type { Db } from '../../db/client.ts';
import { conflict, forbidden, notFound } from '../../errors.ts';
import type { Caller } from '../../tenancy/caller.ts';
import { isUuid } from '../../tenancy/caller.ts';
import { findOrganisationBySlug } from '../../tenancy/organisation.repository.ts';
import type { Messaging } from '../messaging.ts';
import { territoryNameOf } from '../outbox.repository.ts';
import { formatLetterDate, type LetterToPrint, renderLettersPdf } from './letter.pdf.ts';
import {
  attachLettersToBatch,
  countLettersBeingPrepared,
  findLetterBatch,
  findLetterOf,
  findLetterOrganisation,
  insertLetterBatch,
  type Letter,
  type LettersOrganisation,
  listLetterBatches,
  listLettersOfBatch,
  listLettersToPrint,
  listUnprintableLetters,
  markBatchLettersPosted,
  setLetterBatchPosted,
} from './letters.repository.ts';
import { mayPrintLetters, mayViewLetters } from './policy.ts';

/**
 * Letters from « à imprimer » to « envoyée »: an agent gathers the organisation's letters waiting to
 * be printed into a batch, downloads its PDF, prints it, puts the letters in window envelopes, and
 * marks the batch posted. Every read of names and addresses is audited (a PDF download as an export).
 */
const TIME_ZONE = 'Europe/Paris';
const SHOWN_BATCHES = 50;
const SHOWN_UNPRINTABLE = 50;

export type PrintDeps = { db: Db; messaging: Pick<Messaging, 'templates' | 'baseUrl'> };

/** The organisation whose letters the agent asks for; 404 (audited) when they are not a member. */
export async function openLetterDesk(db: Db, caller: Caller, slug: string): Promise<LettersOrganisation> {
  const organisation = await findOrganisationBySlug(db, slug);
  if (!organisation) throw notFound();
  await assertMayView(db, caller, organisation, { resourceType: 'letter', details: { slug } });
  return organisation;
}

/** What the letters page shows: letters to print, letters that cannot be printed, past batches. */
export async function showLettersToPrint(db: Db, caller: Caller, organisation: LettersOrganisation) {
  const [toPrint, unprintable, preparing, batches] = await Promise.all([
    listLettersToPrint(db, organisation.id),
    listUnprintableLetters(db, organisation.id, SHOWN_UNPRINTABLE),
    countLettersBeingPrepared(db, organisation.id),
    listLetterBatches(db, organisation.id, SHOWN_BATCHES),
  ]);
  await recordAudit(db, caller.audit, {
    action: 'list',
    resourceType: 'letter',
    organisationId: organisation.id,
    territoryId: organisation.territoryId,
    details: { toPrint: toPrint.length, unprintable: unprintable.length },
  });
  return {
    toPrint,
    unprintable,
    preparing,
    batches,
    mayPrint: mayPrintLetters(caller.actor, organisation.id),
  };
}

/**
 * Gathers every letter of the organisation waiting to be printed into a new batch, in one
 * transaction. Null when there was none (or another agent batched them a moment before).
 */
export async function batchLettersToPrint(
  db: Db,
  caller: Caller,
  organisation: LettersOrganisation,
  now = new Date(),
): Promise<{ id: string; letters: number } | null> {
  await assertMayPrint(db, caller, organisation, { resourceType: 'letter_batch' });
  return db.transaction(async (tx) => {
    const id = randomUUID();
    const letters = await attachLettersToBatch(tx, organisation.id, id);
    if (letters.length === 0) return null;
    await insertLetterBatch(tx, {
      id,
      organisationId: organisation.id,
      createdByAgentId: caller.actor.agentId,
      createdAt: now,
    });
    await recordAudit(tx, caller.audit, {
      action: 'create',
      resourceType: 'letter_batch',
      resourceId: id,
      organisationId: organisation.id,
      territoryId: organisation.territoryId,
      details: { letters: letters.length },
    });
    return { id, letters: letters.length };
  });
}

/** A batch with its letters, for its page. */
export async function showLetterBatch(db: Db, caller: Caller, batchId: string) {
  const batch = await openBatch(db, caller, batchId);
  const letters = await listLettersOfBatch(db, batch.organisation.id, batch.id);
  await recordAudit(db, caller.audit, {
    action: 'read',
    resourceType: 'letter_batch',
    resourceId: batch.id,
    organisationId: batch.organisation.id,
    territoryId: batch.organisation.territoryId,
  });
  return { batch, letters, mayPrint: mayPrintLetters(caller.actor, batch.organisation.id) };
}

/** The batch's PDF, every letter dated the day the batch was made. Audited as an export. */
export async function printLetterBatch(
  deps: PrintDeps,
  caller: Caller,
  batchId: string,
  options: { duplex: boolean; now?: Date },
): Promise<{ filename: string; pdf: Buffer }> {
  const batch = await openBatch(deps.db, caller, batchId);
  const { organisation } = batch;
  const letters = await listLettersOfBatch(deps.db, organisation.id, batch.id);
  if (letters.length === 0) throw conflict('Ce lot ne contient aucune lettre.');
  const pdf = await renderLettersPdf(await lettersToPrint(deps, organisation, letters, batch.createdAt), {
    timeZone: TIME_ZONE,
    now: options.now ?? new Date(),
    title: `Lettres de ${organisation.name} – lot du ${formatLetterDate(batch.createdAt, TIME_ZONE)}`,
    duplex: options.duplex,
  });
  await recordAudit(deps.db, caller.audit, {
    action: 'export',
    resourceType: 'letter_batch',
    resourceId: batch.id,
    organisationId: organisation.id,
    territoryId: organisation.territoryId,
    details: { letters: letters.length, duplex: options.duplex },
  });
  return {
    filename: `lettres-${organisation.slug}-${isoDay(batch.createdAt)}-${batch.id.slice(0, 8)}.pdf`,
    pdf,
  };
}

/**
 * « Marquer comme posté »: the batch gets its posting time and agent, its letters the status
 * 'posted', in one transaction. Marking it twice changes nothing.
 */
export async function markLetterBatchPosted(
  db: Db,
  caller: Caller,
  batchId: string,
  now = new Date(),
): Promise<{ letters: number } | 'already_posted'> {
  const batch = await openBatch(db, caller, batchId);
  const { organisation } = batch;
  await assertMayPrint(db, caller, organisation, { resourceType: 'letter_batch', resourceId: batch.id });
  return db.transaction(async (tx) => {
    const posted = await setLetterBatchPosted(tx, {
      organisationId: organisation.id,
      batchId: batch.id,
      agentId: caller.actor.agentId,
      now,
    });
    if (!posted) return 'already_posted' as const;
    const letters = await markBatchLettersPosted(tx, {
      organisationId: organisation.id,
      batchId: batch.id,
      now,
    });
    await recordAudit(tx, caller.audit, {
      action: 'update',
      resourceType: 'letter_batch',
      resourceId: batch.id,
      organisationId: organisation.id,
      territoryId: organisation.territoryId,
      details: { posted: true, letters },
    });
    return { letters };
  });
}

/** One letter's PDF (to print it again, or on its own). Audited as an export. */
export async function printLetter(
  deps: PrintDeps,
  caller: Caller,
  messageId: string,
  now = new Date(),
): Promise<{ filename: string; pdf: Buffer }> {
  if (!isUuid(messageId)) throw notFound();
  const organisation = await findLetterOrganisation(deps.db, messageId);
  if (!organisation) throw notFound();
  await assertMayView(deps.db, caller, organisation, { resourceType: 'letter', resourceId: messageId });
  const letter = await findLetterOf(deps.db, organisation.id, messageId);
  if (!letter) throw notFound();
  if (letter.status !== 'to_print' && letter.status !== 'posted') {
    throw conflict(
      'Cette lettre ne peut pas être imprimée : son adresse n’a pas été acceptée ou elle est en préparation.',
    );
  }
  const date = letter.batchCreatedAt ?? now;
  const [toPrint] = await lettersToPrint(deps, organisation, [letter], date);
  const pdf = await renderLettersPdf([toPrint!], {
    timeZone: TIME_ZONE,
    now,
    title: `Lettre de ${organisation.name} – ${toPrint!.reference}`,
  });
  await recordAudit(deps.db, caller.audit, {
    action: 'export',
    resourceType: 'letter',
    resourceId: letter.id,
    organisationId: organisation.id,
    territoryId: organisation.territoryId,
  });
  return { filename: `lettre-${toPrint!.reference.toLowerCase()}.pdf`, pdf };
}

/** The reference printed on a letter and shown in the lists: the start of its outbox id. */
export function letterReference(id: string): string {
  return id.slice(0, 8).toUpperCase();
}

async function openBatch(db: Db, caller: Caller, batchId: string) {
  if (!isUuid(batchId)) throw notFound();
  const batch = await findLetterBatch(db, batchId);
  if (!batch) throw notFound();
  await assertMayView(db, caller, batch.organisation, { resourceType: 'letter_batch', resourceId: batch.id });
  return batch;
}

type Denied = { resourceType: string; resourceId?: string; details?: Record<string, unknown> };

/** Outside the organisation, a letter or a batch looks like one that does not exist; the attempt is audited. */
async function assertMayView(
  db: Db,
  caller: Caller,
  organisation: { id: string; territoryId: string | null },
  denied: Denied,
): Promise<void> {
  if (mayViewLetters(caller.actor, organisation.id)) return;
  await recordAudit(db, caller.audit, {
    action: 'denied',
    ...denied,
    organisationId: organisation.id,
    territoryId: organisation.territoryId,
  });
  throw notFound();
}

/** Read-only members see the letters but do not batch or post them: 403, audited. */
async function assertMayPrint(
  db: Db,
  caller: Caller,
  organisation: { id: string; territoryId: string | null },
  denied: Denied,
): Promise<void> {
  if (mayPrintLetters(caller.actor, organisation.id)) return;
  await recordAudit(db, caller.audit, {
    action: 'denied',
    ...denied,
    organisationId: organisation.id,
    territoryId: organisation.territoryId,
  });
  if (!mayViewLetters(caller.actor, organisation.id)) throw notFound();
  throw forbidden(
    'Les membres en lecture seule peuvent consulter les lettres mais pas préparer ni poster les lots.',
  );
}

/** Renders each letter's template with the data it was queued with, as the delivery job would. */
async function lettersToPrint(
  deps: PrintDeps,
  organisation: LettersOrganisation,
  letters: Letter[],
  date: Date,
): Promise<LetterToPrint[]> {
  const territoryNames = new Map<string, string | null>();
  const out: LetterToPrint[] = [];
  for (const letter of letters) {
    const template = deps.messaging.templates.get(letter.template);
    if (template.channel !== 'letter')
      throw new Error(`template ${letter.template} is not a letter template`);
    let territoryName = organisation.territoryName;
    if (letter.territoryId && letter.territoryId !== organisation.territoryId) {
      if (!territoryNames.has(letter.territoryId))
        territoryNames.set(
          letter.territoryId,
          await territoryNameOf(deps.db, { territoryId: letter.territoryId }),
        );
      territoryName = territoryNames.get(letter.territoryId) ?? null;
    }
    out.push({
      reference: letterReference(letter.id),
      sender: { organisationName: organisation.name, territoryName },
      addressLines: (letter.recipientNormalised ?? letter.recipient).split('\n'),
      date,
      content: template.render(letter.data as never, { territoryName, baseUrl: deps.messaging.baseUrl }),
    });
  }
  return out;
}

/** 2025-03-01: the day in Paris, for file names. */
function isoDay(date: Date): string {
  return new Intl.DateTimeFormat('en-CA', {
    timeZone: TIME_ZONE,
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
  }).format(date);
}
