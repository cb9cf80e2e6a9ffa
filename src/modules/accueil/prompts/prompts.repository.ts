import { and, eq, sql } from 'drizzle-orm';
import type { Db } from '../../../platform/db/client.ts';
import { prompts } from '../tables.ts';
import type { Law } from './synth.ts';

/** A prompt row without its audio (the bytes are read only when they are played and not cached). */
export type PromptRow = {
  id: string;
  key: string;
  text: string;
  source: 'synthese' | 'enregistrement';
  durationMs: number | null;
  updatedAt: Date;
};

const summary = {
  id: prompts.id,
  key: prompts.key,
  text: prompts.text,
  source: prompts.source,
  durationMs: prompts.durationMs,
  updatedAt: prompts.updatedAt,
};

export async function findPrompt(db: Db, lineId: string, key: string): Promise<PromptRow | undefined> {
  const [row] = await db
    .select(summary)
    .from(prompts)
    .where(and(eq(prompts.lineId, lineId), eq(prompts.key, key)))
    .limit(1);
  return row;
}

export async function promptsOfLine(db: Db, lineId: string): Promise<PromptRow[]> {
  return db.select(summary).from(prompts).where(eq(prompts.lineId, lineId)).orderBy(prompts.key);
}

/** The recording of a prompt in one law, if it has one. */
export async function readRecording(db: Db, lineId: string, key: string, law: Law): Promise<Buffer | null> {
  const [row] = await db
    .select({ audio: law === 'ulaw' ? prompts.ulaw : prompts.alaw })
    .from(prompts)
    .where(and(eq(prompts.lineId, lineId), eq(prompts.key, key), eq(prompts.source, 'enregistrement')))
    .limit(1);
  return row?.audio ?? null;
}

/** Saves the text (a recording, if any, stays the prompt's audio; the text is its transcript). */
export async function savePromptText(db: Db, lineId: string, key: string, text: string): Promise<PromptRow> {
  const [row] = await db
    .insert(prompts)
    .values({ lineId, key, text })
    .onConflictDoUpdate({
      target: [prompts.lineId, prompts.key],
      set: { text, updatedAt: sql`now()` },
    })
    .returning(summary);
  return row!;
}

/** Stores a recording as the prompt's audio; `text` is used only when the prompt had no row yet. */
export async function saveRecording(
  db: Db,
  lineId: string,
  key: string,
  recording: { ulaw: Buffer; alaw: Buffer; durationMs: number; text: string },
): Promise<PromptRow> {
  const audio = {
    source: 'enregistrement' as const,
    ulaw: recording.ulaw,
    alaw: recording.alaw,
    durationMs: recording.durationMs,
  };
  const [row] = await db
    .insert(prompts)
    .values({ lineId, key, text: recording.text, ...audio })
    .onConflictDoUpdate({ target: [prompts.lineId, prompts.key], set: { ...audio, updatedAt: sql`now()` } })
    .returning(summary);
  return row!;
}

/** Drops the recording: the prompt is synthesised from its text again. */
export async function dropRecording(db: Db, lineId: string, key: string): Promise<PromptRow | undefined> {
  const [row] = await db
    .update(prompts)
    .set({ source: 'synthese', ulaw: null, alaw: null, durationMs: null, updatedAt: sql`now()` })
    .where(and(eq(prompts.lineId, lineId), eq(prompts.key, key)))
    .returning(summary);
  return row;
}
