import { and, asc, count, desc, eq, inArray, isNull, sql } from 'drizzle-orm';
import { alias } from 'drizzle-orm/pg-core';
import type { Db } from '../../db/client.ts';
import { agents, organisations, territories } from '../../tenancy/tables.ts';
import { letterBatches, outboxMessages } from '../tables.ts';

/**
 * Letters are outbox messages on the 'letter' channel; a batch is a file of letters printed together.
 * Every function that reads letters (names and postal addresses) takes the organisation as a
 * required scope.
 */
const letterColumns = {
  id: outboxMessages.id,
  organisationId: outboxMessages.organisationId,
  territoryId: outboxMessages.territoryId,
  recipient: outboxMessages.recipient,
  recipientNormalised: outboxMessages.recipientNormalised,
  recipientName: outboxMessages.recipientName,
  template: outboxMessages.template,
  data: outboxMessages.data,
  status: outboxMessages.status,
  statusReason: outboxMessages.statusReason,
  letterBatchId: outboxMessages.letterBatchId,
  createdAt: outboxMessages.createdAt,
  sentAt: outboxMessages.sentAt,
};
export type Letter = {
  [K in keyof typeof letterColumns]: (typeof outboxMessages.$inferSelect)[K];
};

const ofOrganisation = (organisationId: string) =>
  and(eq(outboxMessages.organisationId, organisationId), eq(outboxMessages.channel, 'letter'));

/** Letters waiting to be printed that are in no batch yet, oldest first. */
export function listLettersToPrint(db: Db, organisationId: string): Promise<Letter[]> {
  return db
    .select(letterColumns)
    .from(outboxMessages)
    .where(
      and(
        ofOrganisation(organisationId),
        eq(outboxMessages.status, 'to_print'),
        isNull(outboxMessages.letterBatchId),
      ),
    )
    .orderBy(asc(outboxMessages.createdAt), asc(outboxMessages.id));
}

/** Letters that will never be printed as they are: bad address, or refused by the channel. */
export function listUnprintableLetters(db: Db, organisationId: string, limit: number): Promise<Letter[]> {
  return db
    .select(letterColumns)
    .from(outboxMessages)
    .where(and(ofOrganisation(organisationId), inArray(outboxMessages.status, ['invalid', 'failed', 'dead'])))
    .orderBy(desc(outboxMessages.createdAt))
    .limit(limit);
}

/** Letters queued and not yet handled by a worker (they become « à imprimer » within seconds). */
export async function countLettersBeingPrepared(db: Db, organisationId: string): Promise<number> {
  const [row] = await db
    .select({ n: count() })
    .from(outboxMessages)
    .where(
      and(ofOrganisation(organisationId), inArray(outboxMessages.status, ['queued', 'sending', 'retrying'])),
    );
  return Number(row?.n ?? 0);
}

const creators = alias(agents, 'creators');
const posters = alias(agents, 'posters');

export type LetterBatchSummary = {
  id: string;
  createdAt: Date;
  postedAt: Date | null;
  letters: number;
  createdBy: { firstName: string; lastName: string; email: string } | null;
  postedBy: { firstName: string; lastName: string; email: string } | null;
};

/** The organisation's batches, newest first, with their number of letters and who made and posted them. */
export async function listLetterBatches(
  db: Db,
  organisationId: string,
  limit: number,
): Promise<LetterBatchSummary[]> {
  const rows = await db
    .select({
      id: letterBatches.id,
      createdAt: letterBatches.createdAt,
      postedAt: letterBatches.postedAt,
      letters: sql<number>`(select count(*) from ${outboxMessages} where ${outboxMessages.letterBatchId} = ${letterBatches.id})`,
      creatorFirstName: creators.firstName,
      creatorLastName: creators.lastName,
      creatorEmail: creators.email,
      posterFirstName: posters.firstName,
      posterLastName: posters.lastName,
      posterEmail: posters.email,
    })
    .from(letterBatches)
    .leftJoin(creators, eq(creators.id, letterBatches.createdByAgentId))
    .leftJoin(posters, eq(posters.id, letterBatches.postedByAgentId))
    .where(eq(letterBatches.organisationId, organisationId))
    .orderBy(desc(letterBatches.createdAt), desc(letterBatches.id))
    .limit(limit);
  return rows.map((r) => ({
    id: r.id,
    createdAt: r.createdAt,
    postedAt: r.postedAt,
    letters: Number(r.letters),
    createdBy: r.creatorEmail
      ? { firstName: r.creatorFirstName!, lastName: r.creatorLastName!, email: r.creatorEmail }
      : null,
    postedBy: r.posterEmail
      ? { firstName: r.posterFirstName!, lastName: r.posterLastName!, email: r.posterEmail }
      : null,
  }));
}

export type LettersOrganisation = {
  id: string;
  slug: string;
  name: string;
  territoryId: string | null;
  territoryName: string | null;
};

const organisationColumns = {
  id: organisations.id,
  slug: organisations.slug,
  name: organisations.name,
  territoryId: organisations.territoryId,
  territoryName: territories.name,
};

/** A batch and the organisation it belongs to (no personal data: the letters are read separately). */
export async function findLetterBatch(db: Db, batchId: string) {
  const [row] = await db
    .select({
      id: letterBatches.id,
      createdAt: letterBatches.createdAt,
      postedAt: letterBatches.postedAt,
      organisation: organisationColumns,
    })
    .from(letterBatches)
    .innerJoin(organisations, eq(organisations.id, letterBatches.organisationId))
    .leftJoin(territories, eq(territories.id, organisations.territoryId))
    .where(eq(letterBatches.id, batchId))
    .limit(1);
  return row as
    | { id: string; createdAt: Date; postedAt: Date | null; organisation: LettersOrganisation }
    | undefined;
}

/** The organisation a letter belongs to (nothing else about the letter, before the permission check). */
export async function findLetterOrganisation(
  db: Db,
  messageId: string,
): Promise<LettersOrganisation | undefined> {
  const [row] = await db
    .select(organisationColumns)
    .from(outboxMessages)
    .innerJoin(organisations, eq(organisations.id, outboxMessages.organisationId))
    .leftJoin(territories, eq(territories.id, organisations.territoryId))
    .where(and(eq(outboxMessages.id, messageId), eq(outboxMessages.channel, 'letter')))
    .limit(1);
  return row;
}

export async function findLetterOf(db: Db, organisationId: string, messageId: string) {
  const [row] = await db
    .select({ ...letterColumns, batchCreatedAt: letterBatches.createdAt })
    .from(outboxMessages)
    .leftJoin(letterBatches, eq(letterBatches.id, outboxMessages.letterBatchId))
    .where(and(ofOrganisation(organisationId), eq(outboxMessages.id, messageId)))
    .limit(1);
  return row;
}

export function listLettersOfBatch(db: Db, organisationId: string, batchId: string): Promise<Letter[]> {
  return db
    .select(letterColumns)
    .from(outboxMessages)
    .where(and(ofOrganisation(organisationId), eq(outboxMessages.letterBatchId, batchId)))
    .orderBy(asc(outboxMessages.createdAt), asc(outboxMessages.id));
}

/**
 * Puts every letter waiting to be printed (and in no batch) into the batch. The condition on
 * letter_batch_id is checked again on each row after a concurrent batch commits, so a letter never
 * lands in two batches when two agents click at once.
 */
export async function attachLettersToBatch(
  tx: Db,
  organisationId: string,
  batchId: string,
): Promise<string[]> {
  const rows = await tx
    .update(outboxMessages)
    .set({ letterBatchId: batchId, updatedAt: sql`now()` })
    .where(
      and(
        ofOrganisation(organisationId),
        eq(outboxMessages.status, 'to_print'),
        isNull(outboxMessages.letterBatchId),
      ),
    )
    .returning({ id: outboxMessages.id });
  return rows.map((r) => r.id);
}

export async function insertLetterBatch(tx: Db, values: typeof letterBatches.$inferInsert) {
  const [row] = await tx.insert(letterBatches).values(values).returning();
  return row!;
}

/** Marks the batch posted, once: undefined when it was already posted (or is not the organisation's). */
export async function setLetterBatchPosted(
  tx: Db,
  input: { organisationId: string; batchId: string; agentId: string | null; now: Date },
) {
  const [row] = await tx
    .update(letterBatches)
    .set({ postedAt: input.now, postedByAgentId: input.agentId })
    .where(
      and(
        eq(letterBatches.id, input.batchId),
        eq(letterBatches.organisationId, input.organisationId),
        isNull(letterBatches.postedAt),
      ),
    )
    .returning();
  return row;
}

/** The batch's letters leave: status 'posted', sent when the batch was posted. */
export async function markBatchLettersPosted(
  tx: Db,
  input: { organisationId: string; batchId: string; now: Date },
): Promise<number> {
  const rows = await tx
    .update(outboxMessages)
    .set({ status: 'posted', sentAt: input.now, updatedAt: sql`now()` })
    .where(
      and(
        ofOrganisation(input.organisationId),
        eq(outboxMessages.letterBatchId, input.batchId),
        eq(outboxMessages.status, 'to_print'),
      ),
    )
    .returning({ id: outboxMessages.id });
  return rows.length;
}
