import { createHash } from 'node:crypto';
import type { Config } from '../../../platform/config.ts';
import type { Database, Db } from '../../../platform/db/client.ts';
import { isSystemPrompt, SYSTEM_PROMPTS } from '../flow/system-prompts.ts';
import type { PromptRef } from '../flow/types.ts';
import { g711Wav } from '../media/wav.ts';
import { BufferLru } from './lru.ts';
import { findPrompt, readRecording } from './prompts.repository.ts';
import {
  DIGIT_VOICE,
  type Law,
  PROMPT_VOICE,
  silence,
  silenceFor,
  synthesised,
  synthesisKey,
  type Voice,
} from './synth.ts';

/**
 * What a line says, as raw 8 kHz G.711 (the voice server plays it; the webhook and the admin page serve
 * it as WAV). For a prompt key, in this order: the line's recording, else the line's text, else the
 * system prompt's default text — texts synthesised (synth.ts). Digits are read one by one from clips.
 *
 * Prompts are played thousands of times: the last buffers are kept in memory. Their cache keys hold
 * what makes them what they are (the recording's update time, the hash of the text), so a change made
 * by any instance is heard on the next call without invalidating anything; only the small row that
 * says which version is current is read from the database each time.
 */
export type AudioPlatform = { config: Pick<Config, 'dataDir'>; database: Pick<Database, 'db'> };

/** A key that is neither a prompt of the line nor a system prompt: a flow naming a prompt never written. */
export class UnknownPromptError extends Error {
  constructor(readonly key: string) {
    super(`Annonce inconnue : « ${key} »`);
  }
}

export type ResolvedPrompt =
  | { kind: 'recording'; key: string; text: string; version: string; updatedAt: Date }
  | { kind: 'text'; key: string; text: string; version: string; customised: boolean };

// 32 MB is about 70 minutes of G.711: every prompt of a few lines in both laws, and the digit clips.
const recent = new BufferLru(32 * 1024 * 1024);

/** Forgets the buffers kept in memory (tests; never needed for correctness). */
export function clearPromptAudioCache(): void {
  recent.clear();
}

/**
 * A token that changes whenever the prompt's audio changes: the recording's update time, or the hash of
 * the text said. It goes into cache keys and into addresses (?v=) so that caches never need clearing.
 */
export function promptVersion(
  row: { source: 'synthese' | 'enregistrement'; updatedAt: Date } | undefined,
  text: string,
): string {
  if (row?.source === 'enregistrement') return `e${row.updatedAt.getTime().toString(36)}`;
  return `s${createHash('sha256').update(text).digest('base64url').slice(0, 12)}`;
}

/** Where a prompt's audio comes from now (see promptAudio), with its version. */
export async function resolvePrompt(db: Db, lineId: string, key: string): Promise<ResolvedPrompt> {
  const row = await findPrompt(db, lineId, key);
  if (row?.source === 'enregistrement') {
    return {
      kind: 'recording',
      key,
      text: row.text,
      version: promptVersion(row, row.text),
      updatedAt: row.updatedAt,
    };
  }
  const text = row?.text ?? (isSystemPrompt(key) ? SYSTEM_PROMPTS[key] : undefined);
  if (text === undefined) throw new UnknownPromptError(key);
  return { kind: 'text', key, text, version: promptVersion(row, text), customised: row !== undefined };
}

/** The text a prompt says (for a provider's <Say>, and as the transcript of a recording). */
export async function promptText(db: Db, lineId: string, key: string): Promise<string> {
  return (await resolvePrompt(db, lineId, key)).text;
}

export async function promptAudio(
  platform: AudioPlatform,
  lineId: string,
  ref: PromptRef,
  law: Law,
): Promise<Buffer> {
  const { dataDir } = platform.config;
  if ('digits' in ref) return digitsAudio(dataDir, ref.digits, law);
  const resolved = await resolvePrompt(platform.database.db, lineId, ref.prompt);
  if (resolved.kind === 'text') return spoken(dataDir, resolved.text, law, PROMPT_VOICE);
  const cacheKey = `enregistrement|${lineId}|${resolved.key}|${resolved.version}|${law}`;
  const kept = recent.get(cacheKey);
  if (kept) return kept;
  const audio = await readRecording(platform.database.db, lineId, resolved.key, law);
  // Reverted to synthesis between the two reads: say the text.
  if (!audio) return spoken(dataDir, resolved.text, law, PROMPT_VOICE);
  recent.set(cacheKey, audio);
  return audio;
}

/** A WAV of the prompt for a browser or a hosted provider's <Play>. */
export async function promptWav(
  platform: AudioPlatform,
  lineId: string,
  ref: PromptRef,
  law: Law = 'ulaw',
): Promise<Buffer> {
  return g711Wav(await promptAudio(platform, lineId, ref, law), law);
}

async function spoken(dataDir: string, text: string, law: Law, voice: Voice): Promise<Buffer> {
  const cacheKey = `synthese|${dataDir}|${synthesisKey(voice, text)}|${law}`;
  const kept = recent.get(cacheKey);
  if (kept) return kept;
  const audio = await synthesised(dataDir, text, law, voice);
  if (!audio) return silenceFor(text, law);
  recent.set(cacheKey, audio);
  return audio;
}

export const DIGIT_WORDS: Record<string, string> = {
  '0': 'zéro',
  '1': 'un',
  '2': 'deux',
  '3': 'trois',
  '4': 'quatre',
  '5': 'cinq',
  '6': 'six',
  '7': 'sept',
  '8': 'huit',
  '9': 'neuf',
  '*': 'étoile',
  '#': 'dièse',
};

/** Pauses between digits: longer after each pair, as a French number is said (06 12 34 56 78). */
const DIGIT_GAP_MS = 120;
const PAIR_GAP_MS = 350;

/**
 * A number read digit by digit. A French number in E.164 (+33…) is read as dialled (0…); characters
 * other than digits, * and # (spaces, dots) are skipped.
 */
export async function digitsAudio(dataDir: string, digits: string, law: Law): Promise<Buffer> {
  const said = [...digits.replace(/^\+33/, '0')].filter((c) => Object.hasOwn(DIGIT_WORDS, c));
  const clips = await Promise.all(said.map((c) => spoken(dataDir, DIGIT_WORDS[c]!, law, DIGIT_VOICE)));
  const pairs = said.length === 10;
  const parts: Buffer[] = [];
  clips.forEach((clip, index) => {
    if (index > 0) parts.push(silence(pairs && index % 2 === 0 ? PAIR_GAP_MS : DIGIT_GAP_MS, law));
    parts.push(clip);
  });
  return Buffer.concat(parts);
}
