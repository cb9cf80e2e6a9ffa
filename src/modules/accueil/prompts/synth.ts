import { createHash, randomBytes } from 'node:crypto';
import { mkdir, readFile, rename, rm } from 'node:fs/promises';
import path from 'node:path';
import { hasProgram, ProgramMissingError, runProgram, warnOnce } from './programs.ts';

/**
 * Text to speech for prompts: espeak-ng says the French text into a WAV, sox turns it into raw 8 kHz
 * mono G.711 in both laws (a trunk speaks one or the other). Each text is synthesised once and kept
 * on disk, named by the hash of voice and text, so the same sentence on two lines is one file and a
 * changed text simply names another file (nothing to invalidate).
 *
 * Without espeak-ng or sox (a machine with only Node) the result is silence as long as the text
 * would take to say, so calls still follow their flow; this is logged once and never cached.
 */
export type Law = 'ulaw' | 'alaw';
export const LAWS: readonly Law[] = ['ulaw', 'alaw'];

/** How a text is said. `id` goes into the cache key: change it when the arguments change. */
export type Voice = { id: string; espeakArgs: string[]; trimSilence: boolean };

/** Prompts: the French voice at 150 words a minute (espeak's 175 is hurried on a phone). */
export const PROMPT_VOICE: Voice = {
  id: 'fr-150',
  espeakArgs: ['-v', 'fr', '-s', '150'],
  trimSilence: false,
};

/** Digits read one by one: the same voice, with espeak's leading and trailing silence cut off. */
export const DIGIT_VOICE: Voice = {
  id: 'fr-150-court',
  espeakArgs: ['-v', 'fr', '-s', '150'],
  trimSilence: true,
};

const TIMEOUT_MS = 20_000;

/** Silence: the code of level zero is 0xFF in µ-law and 0xD5 in A-law. */
export function silence(ms: number, law: Law): Buffer {
  return Buffer.alloc(Math.round(ms * 8), law === 'ulaw' ? 0xff : 0xd5);
}

/** About as long as espeak takes to say the text at 150 words a minute (~65 ms a character). */
export function silenceFor(text: string, law: Law): Buffer {
  return silence(Math.min(60_000, Math.max(300, text.length * 65)), law);
}

export function promptCacheDir(dataDir: string): string {
  return path.join(dataDir, 'accueil', 'prompts');
}

export function synthesisKey(voice: Voice, text: string): string {
  return createHash('sha256').update(`${voice.id}|${text}`).digest('hex');
}

// One synthesis per file at a time in this process: 50 calls asking for the same new prompt wait for
// the same espeak run. Across processes the temp-file-then-rename keeps readers from half a file.
const inFlight = new Map<string, Promise<Record<Law, Buffer> | null>>();

/**
 * The text said in `law`, or null when it could not be synthesised (programs missing, failure):
 * callers that cache (audio.ts) must not keep a silence that a later attempt could replace.
 */
export async function synthesised(
  dataDir: string,
  text: string,
  law: Law,
  voice: Voice = PROMPT_VOICE,
): Promise<Buffer | null> {
  const base = path.join(promptCacheDir(dataDir), synthesisKey(voice, text));
  const running = inFlight.get(base);
  if (running) return (await running)?.[law] ?? null;
  try {
    return await readFile(`${base}.${law}`);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error;
  }
  let pending = inFlight.get(base);
  if (!pending) {
    pending = synthesiseBoth(base, text, voice).finally(() => inFlight.delete(base));
    inFlight.set(base, pending);
  }
  return (await pending)?.[law] ?? null;
}

/** The text said in `law`; silence of about its length when it cannot be synthesised. */
export async function synthesise(
  dataDir: string,
  text: string,
  law: Law,
  voice: Voice = PROMPT_VOICE,
): Promise<Buffer> {
  return (await synthesised(dataDir, text, law, voice)) ?? silenceFor(text, law);
}

async function synthesiseBoth(base: string, text: string, voice: Voice): Promise<Record<Law, Buffer> | null> {
  if (!hasProgram('espeak-ng') || !hasProgram('sox')) {
    warnMissing();
    return null;
  }
  const tmp = `${base}.${randomBytes(6).toString('hex')}`;
  try {
    await mkdir(path.dirname(base), { recursive: true });
    // Text on stdin (-b 1: UTF-8), never as an argument: a text starting with « - » stays text.
    await runProgram('espeak-ng', [...voice.espeakArgs, '-b', '1', '--stdin', '-w', `${tmp}.wav`], {
      input: text,
      timeoutMs: TIMEOUT_MS,
    });
    const trim = voice.trimSilence
      ? ['silence', '1', '0.02', '0.5%', 'reverse', 'silence', '1', '0.02', '0.5%', 'reverse']
      : [];
    const encode = async (law: Law) => {
      const encoding = law === 'ulaw' ? 'mu-law' : 'a-law';
      await runProgram(
        'sox',
        [
          '--no-glob',
          `${tmp}.wav`,
          '-r',
          '8000',
          '-c',
          '1',
          '-e',
          encoding,
          '-t',
          'raw',
          `${tmp}.${law}`,
          ...trim,
        ],
        { timeoutMs: TIMEOUT_MS },
      );
      return readFile(`${tmp}.${law}`);
    };
    const [ulaw, alaw] = await Promise.all([encode('ulaw'), encode('alaw')]);
    // Renamed only once complete: a concurrent reader (another process) sees the whole file or none.
    await Promise.all(LAWS.map((law) => rename(`${tmp}.${law}`, `${base}.${law}`)));
    return { ulaw, alaw };
  } catch (error) {
    if (error instanceof ProgramMissingError) warnMissing();
    else console.error(`Synthèse vocale impossible (« ${text.slice(0, 60)} ») : ${(error as Error).message}`);
    return null;
  } finally {
    await Promise.all(['wav', ...LAWS].map((ext) => rm(`${tmp}.${ext}`, { force: true })));
  }
}

function warnMissing(): void {
  warnOnce(
    'accueil-synthesis',
    'Accueil téléphonique : espeak-ng ou sox est absent, les annonces sans enregistrement sont remplacées par du silence (apt-get install espeak-ng sox).',
  );
}
