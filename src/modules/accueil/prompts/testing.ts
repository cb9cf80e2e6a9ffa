import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { runProgram } from './programs.ts';

/**
 * A recording made by sox for tests: `seconds` of a quiet 440 Hz tone in
 * the container `kind`, by default at CD rate in stereo, so that conversion has something to resample and mix.
 */
export async function soxRecording(
  kind: 'wav' | 'flac' | 'ogg',
  seconds: number,
  options: { rate?: number; channels?: number } = {},
): Promise<Buffer> {
  const dir = await mkdtemp(path.join(tmpdir(), 'tremplin-enregistrement-'));
  const file = path.join(dir, `essai.${kind}`);
  try {
    await runProgram(
      'sox',
      [
        '-n',
        '-r',
        String(options.rate ?? 44100),
        '-c',
        String(options.channels ?? 2),
        '-b',
        '16',
        file,
        'synth',
        String(seconds),
        'sine',
        '440',
        'vol',
        '0.1',
      ],
      {
        timeoutMs: 20_000,
      },
    );
    return await readFile(file);
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}
