import { and, desc, eq, gte, inArray, isNotNull, type SQL, sql } from 'drizzle-orm';
import type { Db } from '../db/client.ts';
import { organisations, territories } from '../tenancy/tables.ts';
import type { Channel, OutboxMessage } from './channels.ts';
import { optOuts, outboxMessages } from './tables.ts';

/**
 * Reads of the outbox for the pages that show it (development outbox, an organisation's messages, a
 * person's history) and the opt-outs written by unsubscribe links. Every read of messages sent by
 * organisations takes the organisations the reader may see: 'all' (operators) or a list of ids.
 * Messages with no organisation (an agent's sign-in link) are seen only with 'all'.
 */
export type OrganisationScope = 'all' | string[];
export type MessageStatus = OutboxMessage['status'];

/** A message as the pages show it: the row, and the territory's name its template is rendered with. */
export type ListedMessage = OutboxMessage & { territoryName: string | null; organisationName: string | null };

function inScope(scope: OrganisationScope): SQL | undefined {
  if (scope === 'all') return undefined;
  // An empty list matches nothing (inArray with [] would be invalid SQL).
  return scope.length ? inArray(outboxMessages.organisationId, scope) : sql`false`;
}

const listed = {
  message: outboxMessages,
  territoryName: territories.name,
  organisationName: organisations.name,
};

function withNames(
  rows: { message: OutboxMessage; territoryName: string | null; organisationName: string | null }[],
) {
  return rows.map(({ message, territoryName, organisationName }) => ({
    ...message,
    territoryName,
    organisationName,
  }));
}

function selectListed(db: Db) {
  return db
    .select(listed)
    .from(outboxMessages)
    .leftJoin(organisations, eq(organisations.id, outboxMessages.organisationId))
    .leftJoin(
      territories,
      sql`${territories.id} = coalesce(${outboxMessages.territoryId}, ${organisations.territoryId})`,
    );
}

/** The development outbox: every message, newest first. It exists only outside production. */
export async function listLatestMessages(db: Db, limit: number): Promise<ListedMessage[]> {
  const rows = await selectListed(db)
    .orderBy(desc(outboxMessages.createdAt), desc(outboxMessages.id))
    .limit(limit);
  return withNames(rows);
}

export type MessageFilter = { status?: MessageStatus; channel?: Channel };

/**
 * Recent messages of the organisations in scope, those that need someone first (dead letters and
 * failures, which offer « Réessayer »), then the newest.
 */
export async function listOrganisationMessages(
  db: Db,
  scope: OrganisationScope,
  filter: MessageFilter,
  limit: number,
): Promise<ListedMessage[]> {
  const rows = await selectListed(db)
    .where(
      and(
        inScope(scope),
        filter.status ? eq(outboxMessages.status, filter.status) : undefined,
        filter.channel ? eq(outboxMessages.channel, filter.channel) : undefined,
      ),
    )
    .orderBy(
      sql`case when ${outboxMessages.status} in ('dead', 'failed') then 0 else 1 end`,
      desc(outboxMessages.createdAt),
      desc(outboxMessages.id),
    )
    .limit(limit);
  return withNames(rows);
}

/** Messages about one person (their subject), newest first, within the scope. */
export async function listMessagesAbout(
  db: Db,
  scope: OrganisationScope,
  subject: { type: string; id: string },
  limit: number,
): Promise<ListedMessage[]> {
  const rows = await selectListed(db)
    .where(
      and(
        inScope(scope),
        eq(outboxMessages.subjectType, subject.type),
        eq(outboxMessages.subjectId, subject.id),
      ),
    )
    .orderBy(desc(outboxMessages.createdAt), desc(outboxMessages.id))
    .limit(limit);
  return withNames(rows);
}

export async function findMessageById(db: Db, id: string): Promise<OutboxMessage | undefined> {
  const [row] = await db.select().from(outboxMessages).where(eq(outboxMessages.id, id)).limit(1);
  return row;
}

/**
 * What the organisations in scope sent per month (Europe/Paris) and channel since `since`: messages
 * a provider accepted (sent_at is set when it does; a letter when its PDF is made) and SMS segments,
 * which are what an SMS provider bills.
 */
export async function countSentPerMonth(db: Db, scope: OrganisationScope, since: Date) {
  const month = sql<string>`to_char(${outboxMessages.sentAt} at time zone 'Europe/Paris', 'YYYY-MM')`;
  const rows = await db
    .select({
      month,
      channel: outboxMessages.channel,
      messages: sql<number>`count(*)::int`,
      segments: sql<number>`coalesce(sum(${outboxMessages.segments}), 0)::int`,
    })
    .from(outboxMessages)
    .where(and(inScope(scope), isNotNull(outboxMessages.sentAt), gte(outboxMessages.sentAt, since)))
    .groupBy(month, outboxMessages.channel)
    .orderBy(desc(month));
  return rows.map((r) => ({ ...r, messages: Number(r.messages), segments: Number(r.segments) }));
}

/** Whether an address already opted out of a channel (the unsubscribe page says so). */
export async function findOptOut(db: Db, channel: Channel, address: string) {
  const [row] = await db
    .select()
    .from(optOuts)
    .where(and(eq(optOuts.channel, channel), eq(optOuts.address, address)))
    .limit(1);
  return row;
}

/** Records an opt-out; opting out twice keeps the first date. Returns whether it is new. */
export async function insertOptOut(
  db: Db,
  values: { channel: Channel; address: string; source: string },
): Promise<boolean> {
  const rows = await db
    .insert(optOuts)
    .values(values)
    .onConflictDoNothing()
    .returning({ address: optOuts.address });
  return rows.length > 0;
}
