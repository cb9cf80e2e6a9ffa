import { and, desc, eq, inArray, isNull, sql } from 'drizzle-orm';
import type { Db } from '../../../platform/db/client.ts';
import { agents } from '../../../platform/tenancy/tables.ts';
import { voicemails } from '../tables.ts';

/** Voicemails of one line (the caller checked the line first, access.ts). The audio is read only to be played. */

export type VoicemailRow = {
  id: string;
  callId: string;
  serviceKey: string | null;
  callerNumber: string | null;
  durationMs: number;
  recordedAt: Date;
  handledAt: Date | null;
  hasAudio: boolean;
  audioDeletedAt: Date | null;
  handledByFirstName: string | null;
  handledByLastName: string | null;
};

const voicemailColumns = {
  id: voicemails.id,
  callId: voicemails.callId,
  serviceKey: voicemails.serviceKey,
  callerNumber: voicemails.callerNumber,
  durationMs: voicemails.durationMs,
  recordedAt: voicemails.recordedAt,
  handledAt: voicemails.handledAt,
  hasAudio: sql<boolean>`(${voicemails.audio} is not null)`,
  audioDeletedAt: voicemails.audioDeletedAt,
  handledByFirstName: agents.firstName,
  handledByLastName: agents.lastName,
};

/** Not handled first (newest first), then handled ones (newest first). */
export async function listVoicemails(db: Db, lineId: string, limit: number): Promise<VoicemailRow[]> {
  return db
    .select(voicemailColumns)
    .from(voicemails)
    .leftJoin(agents, eq(agents.id, voicemails.handledBy))
    .where(eq(voicemails.lineId, lineId))
    .orderBy(sql`(${voicemails.handledAt} is null) desc`, desc(voicemails.recordedAt))
    .limit(limit);
}

export async function voicemailsOfNumber(db: Db, lineId: string, number: string): Promise<VoicemailRow[]> {
  return db
    .select(voicemailColumns)
    .from(voicemails)
    .leftJoin(agents, eq(agents.id, voicemails.handledBy))
    .where(and(eq(voicemails.lineId, lineId), eq(voicemails.callerNumber, number)))
    .orderBy(desc(voicemails.recordedAt))
    .limit(200);
}

export async function findVoicemail(db: Db, lineId: string, id: string): Promise<VoicemailRow | undefined> {
  const [row] = await db
    .select(voicemailColumns)
    .from(voicemails)
    .leftJoin(agents, eq(agents.id, voicemails.handledBy))
    .where(and(eq(voicemails.lineId, lineId), eq(voicemails.id, id)))
    .limit(1);
  return row;
}

/** The WAV file of a message (null once the retention job deleted it). */
export async function voicemailAudio(db: Db, lineId: string, id: string): Promise<Buffer | null | undefined> {
  const [row] = await db
    .select({ audio: voicemails.audio })
    .from(voicemails)
    .where(and(eq(voicemails.lineId, lineId), eq(voicemails.id, id)))
    .limit(1);
  return row ? (row.audio ?? null) : undefined;
}

/** Marks a message handled once; false when someone already had (or it does not exist). */
export async function markVoicemailHandledRow(
  db: Db,
  lineId: string,
  id: string,
  agentId: string,
  now: Date,
): Promise<boolean> {
  const rows = await db
    .update(voicemails)
    .set({ handledAt: now, handledBy: agentId })
    .where(and(eq(voicemails.lineId, lineId), eq(voicemails.id, id), isNull(voicemails.handledAt)))
    .returning({ id: voicemails.id });
  return rows.length > 0;
}

/** Per line: messages nobody has handled yet. */
export async function unhandledVoicemailCountsOf(db: Db, lineIds: string[]): Promise<Map<string, number>> {
  if (lineIds.length === 0) return new Map();
  const rows = await db
    .select({ lineId: voicemails.lineId, count: sql<number>`count(*)::int` })
    .from(voicemails)
    .where(and(inArray(voicemails.lineId, lineIds), isNull(voicemails.handledAt)))
    .groupBy(voicemails.lineId);
  return new Map(rows.map((r) => [r.lineId, r.count]));
}
