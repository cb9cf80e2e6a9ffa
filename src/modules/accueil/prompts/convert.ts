import { randomBytes } from 'node:crypto';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { invalid } from '../../../platform/errors.ts';
import { hasProgram, ProgramFailedError, ProgramMissingError, runProgram } from './programs.ts';
import type { Law } from './synth.ts';

/**
 * An uploaded recording becomes a prompt: sox reads it (WAV, OGG, FLAC, and MP3 when this sox was built
 * with it), mixes it to mono, normalises its volume to -3 dBFS and writes raw 8 kHz G.711 in both laws.
 * The type is read from the file's first bytes, never from its name or the browser's word.
 */
export const MAX_RECORDING_BYTES = 5 * 1024 * 1024;
export const MAX_RECORDING_SECONDS = 180;

export type AudioKind = 'wav' | 'ogg' | 'flac' | 'mp3';

export type ConvertedRecording = Record<Law, Buffer> & { durationMs: number };

const TIMEOUT_MS = 30_000;

/** The container a file's first bytes announce, or null for anything that is not audio we know. */
export function detectAudioKind(data: Buffer): AudioKind | null {
  const ascii = (from: number, to: number) => data.subarray(from, to).toString('latin1');
  if (ascii(0, 4) === 'RIFF' && ascii(8, 12) === 'WAVE') return 'wav';
  if (ascii(0, 4) === 'OggS') return 'ogg';
  if (ascii(0, 4) === 'fLaC') return 'flac';
  if (ascii(0, 3) === 'ID3') return 'mp3';
  // An MPEG audio frame header: 11 sync bits, then a layer that is not « reserved ».
  if (data.length > 2 && data[0] === 0xff && (data[1]! & 0xe0) === 0xe0 && (data[1]! & 0x06) !== 0)
    return 'mp3';
  return null;
}

let formats: Promise<Set<string>> | undefined;

/** The file formats this machine's sox reads (its `sox -h` list), asked once. */
export function soxFormats(): Promise<Set<string>> {
  if (!hasProgram('sox')) return Promise.resolve(new Set());
  formats ??= runProgram('sox', ['-h'], { timeoutMs: 5000 })
    .then((out) => {
      const line = /AUDIO FILE FORMATS:(.*)/.exec(out.toString('utf8'))?.[1] ?? '';
      return new Set(line.trim().split(/\s+/));
    })
    .catch(() => new Set<string>());
  return formats;
}

const names: Record<AudioKind, string> = { wav: 'WAV', ogg: 'OGG', flac: 'FLAC', mp3: 'MP3' };

/** The kinds accepted here, for messages and the form's hint: « WAV, OGG ou FLAC ». */
export async function acceptedKinds(): Promise<AudioKind[]> {
  const known = await soxFormats();
  return (['wav', 'ogg', 'flac', 'mp3'] as const).filter((kind) => kind === 'wav' || known.has(kind));
}

export function listKinds(kinds: AudioKind[]): string {
  const labels = kinds.map((k) => names[k]);
  return labels.length > 1 ? `${labels.slice(0, -1).join(', ')} ou ${labels.at(-1)}` : (labels[0] ?? '');
}

const refuse = (message: string) => invalid({ fichier: message }, message);

function minutesAndSeconds(ms: number): string {
  const total = Math.round(ms / 1000);
  const minutes = Math.floor(total / 60);
  const seconds = total % 60;
  return minutes ? `${minutes} min ${String(seconds).padStart(2, '0')} s` : `${seconds} s`;
}

/**
 * The recording as raw 8 kHz mono µ-law and A-law, normalised. Throws a validation error on the
 * « fichier » field, in French, for a file that is too big, not audio, unreadable, empty or too long.
 */
export async function convertRecording(data: Buffer): Promise<ConvertedRecording> {
  if (data.length === 0) throw refuse('Le fichier est vide : choisissez un enregistrement.');
  if (data.length > MAX_RECORDING_BYTES) {
    throw refuse(
      'Ce fichier dépasse 5 Mo : raccourcissez l’enregistrement ou enregistrez-le en qualité plus basse.',
    );
  }
  const kind = detectAudioKind(data);
  if (!kind) {
    throw refuse(
      `Ce fichier n’est pas un enregistrement audio : envoyez un fichier ${listKinds(await acceptedKinds())}.`,
    );
  }
  if (!hasProgram('sox')) {
    throw refuse(
      'La conversion des enregistrements n’est pas disponible sur ce serveur (le programme sox manque) : gardez la synthèse vocale pour le moment.',
    );
  }
  const kinds = await acceptedKinds();
  if (!kinds.includes(kind)) {
    throw refuse(
      `Ce serveur ne lit pas les fichiers ${names[kind]} : envoyez l’enregistrement en ${listKinds(kinds)}.`,
    );
  }
  const unreadable = () =>
    refuse(`Ce fichier audio est illisible ou abîmé : enregistrez-le à nouveau en ${listKinds(kinds)}.`);
  const tooLong = (ms: number) =>
    refuse(`Cet enregistrement dure ${minutesAndSeconds(ms)} : une annonce dure 3 minutes au plus.`);

  const dir = await mkdtemp(path.join(tmpdir(), 'tremplin-annonce-'));
  const input = path.join(dir, `${randomBytes(6).toString('hex')}.${kind}`);
  try {
    await writeFile(input, data);
    // The header's duration first, so that a long file is refused before it is decoded.
    const announced = Number(
      (await sox(['--i', '-D', input]).catch(() => Promise.reject(unreadable()))).trim(),
    );
    if (Number.isFinite(announced) && announced * 1000 > MAX_RECORDING_SECONDS * 1000 + 500) {
      throw tooLong(announced * 1000);
    }
    const encode = async (law: Law) => {
      const output = path.join(dir, `out.${law}`);
      await sox([
        '-t',
        kind,
        '--no-glob',
        input,
        '-r',
        '8000',
        '-c',
        '1',
        '-e',
        law === 'ulaw' ? 'mu-law' : 'a-law',
        '-t',
        'raw',
        output,
        'gain',
        '-n',
        '-3',
      ]).catch((error) => Promise.reject(error instanceof ProgramFailedError ? unreadable() : error));
      return readFile(output);
    };
    const [ulaw, alaw] = await Promise.all([encode('ulaw'), encode('alaw')]);
    // 8000 one-byte samples a second: the converted length is the true duration.
    const durationMs = Math.round(ulaw.length / 8);
    if (durationMs < 100) throw refuse('Cet enregistrement est vide ou presque : enregistrez-le à nouveau.');
    if (durationMs > MAX_RECORDING_SECONDS * 1000 + 500) throw tooLong(durationMs);
    return { ulaw, alaw, durationMs };
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

function sox(args: string[]): Promise<string> {
  return runProgram('sox', args, { timeoutMs: TIMEOUT_MS })
    .then((out) => out.toString('utf8'))
    .catch((error) => {
      if (error instanceof ProgramMissingError) {
        throw refuse(
          'La conversion des enregistrements n’est pas disponible sur ce serveur (le programme sox manque).',
        );
      }
      throw error;
    });
}
