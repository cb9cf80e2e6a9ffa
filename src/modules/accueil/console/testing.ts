import { randomBytes } from 'node:crypto';
import type { Db } from '../../../platform/db/client.ts';
import { calls, type Line, tickets, voicemails } from '../tables.ts';

/** Small factories for the console's tests: calls, tickets and voicemails written straight to the tables. */

type LineRef = Pick<Line, 'id' | 'organisationId'>;

export async function newCall(db: Db, line: LineRef, values: Partial<typeof calls.$inferInsert> = {}) {
  const startedAt = values.startedAt ?? new Date();
  const [row] = await db
    .insert(calls)
    .values({
      lineId: line.id,
      organisationId: line.organisationId,
      channel: 'sip',
      externalId: `test-${randomBytes(6).toString('hex')}`,
      callerNumber: '+33612345678',
      startedAt,
      endedAt: new Date(startedAt.getTime() + 60_000),
      serviceKey: 'aspi',
      menuPath: ['principal', '1', 'aspi'],
      outcome: 'rappel_demande',
      outcomeAt: new Date(startedAt.getTime() + 50_000),
      ...values,
    })
    .returning();
  return row!;
}

/** A ticket with the call that created it (rappel demandé), due four hours later unless told. */
export async function newTicket(db: Db, line: LineRef, values: Partial<typeof tickets.$inferInsert> = {}) {
  const createdAt = values.createdAt ?? new Date();
  const number = values.callerNumber === undefined ? '+33612345678' : values.callerNumber;
  const call =
    values.callId === undefined
      ? await newCall(db, line, { callerNumber: number, startedAt: new Date(createdAt.getTime() - 60_000) })
      : null;
  const [row] = await db
    .insert(tickets)
    .values({
      lineId: line.id,
      organisationId: line.organisationId,
      callId: call?.id ?? values.callId ?? null,
      serviceKey: 'aspi',
      reason: 'rappel_demande',
      callerNumber: number,
      dueAt: new Date(createdAt.getTime() + 4 * 3_600_000),
      createdAt,
      ...values,
    })
    .returning();
  return row!;
}

export async function newVoicemail(
  db: Db,
  line: LineRef,
  values: Partial<typeof voicemails.$inferInsert> = {},
) {
  const recordedAt = values.recordedAt ?? new Date();
  const number = values.callerNumber === undefined ? '+33612345678' : values.callerNumber;
  const callId =
    values.callId ??
    (
      await newCall(db, line, {
        callerNumber: number,
        startedAt: new Date(recordedAt.getTime() - 30_000),
        outcome: 'message_vocal',
      })
    ).id;
  const [row] = await db
    .insert(voicemails)
    .values({
      lineId: line.id,
      organisationId: line.organisationId,
      callId,
      serviceKey: 'aspi',
      callerNumber: number,
      audio: testWav(),
      durationMs: 1000,
      recordedAt,
      ...values,
    })
    .returning();
  return row!;
}

/**
 * A valid WAV of `ms` milliseconds of µ-law silence (8 kHz mono, format 7), as the voice server
 * records them: enough for a browser to read its header and for a test to check the bytes.
 */
export function testWav(ms = 1000): Buffer {
  const samples = Math.round((8000 * ms) / 1000);
  const header = Buffer.alloc(46);
  header.write('RIFF', 0, 'ascii');
  header.writeUInt32LE(38 + samples, 4);
  header.write('WAVE', 8, 'ascii');
  header.write('fmt ', 12, 'ascii');
  header.writeUInt32LE(18, 16); // fmt chunk size (with cbSize)
  header.writeUInt16LE(7, 20); // µ-law
  header.writeUInt16LE(1, 22); // mono
  header.writeUInt32LE(8000, 24);
  header.writeUInt32LE(8000, 28); // bytes per second
  header.writeUInt16LE(1, 32); // block align
  header.writeUInt16LE(8, 34); // bits per sample
  header.writeUInt16LE(0, 36); // cbSize
  header.write('data', 38, 'ascii');
  header.writeUInt32LE(samples, 42);
  return Buffer.concat([header, Buffer.alloc(samples, 0xff)]);
}
