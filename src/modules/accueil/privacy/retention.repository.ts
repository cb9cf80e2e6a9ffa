import { sql } from 'drizzle-orm';
import type { Db } from '../../../platform/db/client.ts';
import { organisations } from '../../../platform/tenancy/tables.ts';
import { calls, lines, tickets, voicemails } from '../tables.ts';

/**
 * What the retention job erases, line by line. Each statement only touches rows that still hold what it
 * erases (audio is not null, caller_number is not null…), so running it again erases nothing more and
 * counts 0: the job is idempotent, and two workers running it at once do no harm.
 */
export type LineRetention = {
  id: string;
  organisationId: string;
  territoryId: string | null;
  audioRetentionDays: number;
  numberRetentionDays: number;
};

function rowsOf<T>(result: unknown): T[] {
  return (result as { rows: T[] }).rows;
}

const countOf = (result: unknown) => Number(rowsOf<{ n: unknown }>(result)[0]?.n ?? 0);

export async function listLinesForRetention(db: Db): Promise<LineRetention[]> {
  const result = await db.execute(sql`
    select l.id, l.organisation_id, o.territory_id, l.audio_retention_days, l.number_retention_days
      from ${lines} l
      join ${organisations} o on o.id = l.organisation_id
     order by l.id`);
  return rowsOf<Record<string, unknown>>(result).map((r) => ({
    id: String(r.id),
    organisationId: String(r.organisation_id),
    territoryId: (r.territory_id as string | null) ?? null,
    audioRetentionDays: Number(r.audio_retention_days),
    numberRetentionDays: Number(r.number_retention_days),
  }));
}

/** Voicemail audio recorded before `before`: the audio goes, the row (when, how long, which service) stays. */
export async function deleteVoicemailAudio(tx: Db, lineId: string, before: Date, now: Date): Promise<number> {
  return countOf(
    await tx.execute(sql`
      with deleted as (
        update ${voicemails} v set audio = null, audio_deleted_at = ${now.toISOString()}::timestamptz
         where v.line_id = ${lineId}::uuid and v.recorded_at < ${before.toISOString()}::timestamptz
           and v.audio is not null
        returning 1)
      select count(*)::int as n from deleted`),
  );
}

/**
 * Callers' numbers on the calls ended before `before`. The engine's saved state goes too: it holds the
 * number presented and any number typed (confirmed for a callback or an SMS), and an ended call no
 * longer needs it. A call whose callback ticket is still open keeps its number (the ticket needs it).
 */
export async function eraseCallNumbers(tx: Db, lineId: string, before: Date): Promise<number> {
  return countOf(
    await tx.execute(sql`
      with erased as (
        update ${calls} c set caller_number = null, state = null
         where c.line_id = ${lineId}::uuid
           and c.ended_at is not null and c.ended_at < ${before.toISOString()}::timestamptz
           and (c.caller_number is not null or c.state is not null)
           and not exists (
             select 1 from ${tickets} t
              where t.call_id = c.id and t.status in ('a_rappeler', 'en_cours'))
        returning 1)
      select count(*)::int as n from erased`),
  );
}

/** Numbers on the callback tickets closed (fait, injoignable) before `before`; open tickets keep theirs. */
export async function eraseTicketNumbers(tx: Db, lineId: string, before: Date): Promise<number> {
  return countOf(
    await tx.execute(sql`
      with erased as (
        update ${tickets} t set caller_number = null
         where t.line_id = ${lineId}::uuid
           and t.status in ('fait', 'injoignable')
           and coalesce(t.closed_at, t.updated_at) < ${before.toISOString()}::timestamptz
           and t.caller_number is not null
        returning 1)
      select count(*)::int as n from erased`),
  );
}

/** Numbers on the voicemails recorded before `before`. */
export async function eraseVoicemailNumbers(tx: Db, lineId: string, before: Date): Promise<number> {
  return countOf(
    await tx.execute(sql`
      with erased as (
        update ${voicemails} v set caller_number = null
         where v.line_id = ${lineId}::uuid and v.recorded_at < ${before.toISOString()}::timestamptz
           and v.caller_number is not null
        returning 1)
      select count(*)::int as n from erased`),
  );
}
