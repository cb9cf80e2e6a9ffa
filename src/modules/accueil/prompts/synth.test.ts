import { execFile } from 'node:child_process';
import { createHash } from 'node:crypto';
import { mkdtemp, readdir, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { hasProgram } from './programs.ts';
import { DIGIT_VOICE, PROMPT_VOICE, promptCacheDir, silence, silenceFor, synthesise } from './synth.ts';

// The real execFile, counted: how many times espeak-ng actually ran.
vi.mock('node:child_process', async (importOriginal) => {
  const actual = await importOriginal<typeof import('node:child_process')>();
  return { ...actual, execFile: vi.fn(actual.execFile) };
});
const runs = (program: string) => vi.mocked(execFile).mock.calls.filter((call) => call[0] === program).length;

describe('silence', () => {
  it('is the zero level of each law, as long as asked, and about as long as the text would be', () => {
    expect(silence(20, 'ulaw')).toEqual(Buffer.alloc(160, 0xff));
    expect(silence(20, 'alaw')).toEqual(Buffer.alloc(160, 0xd5));
    expect(silenceFor('Oui', 'ulaw').length).toBe(300 * 8);
    expect(silenceFor('Au revoir.', 'ulaw').length).toBe(650 * 8);
    expect(silenceFor('x'.repeat(100), 'alaw').length).toBe(6500 * 8);
  });
});

describe.skipIf(!hasProgram('espeak-ng') || !hasProgram('sox'))('synthesis with espeak-ng and sox', () => {
  let dataDir: string;
  beforeAll(async () => {
    dataDir = await mkdtemp(path.join(tmpdir(), 'tremplin-synth-'));
  });
  afterAll(() => rm(dataDir, { recursive: true, force: true }));

  it('says a French sentence as 8 kHz µ-law and A-law of plausible length, then reads it from the cache', async () => {
    const text = 'Bonjour, vous êtes à l’Unité territoriale de solidarité de La Seyne-sur-Mer.';
    const before = runs('espeak-ng');
    const ulaw = await synthesise(dataDir, text, 'ulaw');
    expect(runs('espeak-ng')).toBe(before + 1);
    // About 75 characters at 150 words a minute: between 2 and 9 seconds of 8000 samples.
    expect(ulaw.length).toBeGreaterThan(2 * 8000);
    expect(ulaw.length).toBeLessThan(9 * 8000);
    expect(ulaw.filter((byte) => byte !== 0xff && byte !== 0x7f).length).toBeGreaterThan(ulaw.length / 4);

    const file = path.join(
      promptCacheDir(dataDir),
      createHash('sha256').update(`${PROMPT_VOICE.id}|${text}`).digest('hex'),
    );
    expect(await readFile(`${file}.ulaw`)).toEqual(ulaw);
    const alaw = await synthesise(dataDir, text, 'alaw');
    expect(alaw.length).toBe(ulaw.length);
    expect(alaw).not.toEqual(ulaw);
    expect(await synthesise(dataDir, text, 'ulaw')).toEqual(ulaw);
    expect(runs('espeak-ng')).toBe(before + 1); // both laws came from the one run
  });

  it('synthesises once for 20 simultaneous requests and leaves no temporary file', async () => {
    const text = 'Pour le pôle accueil, tapez 3.';
    const before = runs('espeak-ng');
    const results = await Promise.all(
      Array.from({ length: 20 }, (_, i) => synthesise(dataDir, text, i % 2 ? 'alaw' : 'ulaw')),
    );
    expect(runs('espeak-ng')).toBe(before + 1);
    expect(new Set(results.filter((_, i) => i % 2 === 0).map((b) => b.toString('hex'))).size).toBe(1);
    const files = await readdir(promptCacheDir(dataDir));
    expect(files.filter((f) => !/^[0-9a-f]{64}\.(ulaw|alaw)$/.test(f))).toEqual([]);
  });

  it('takes text that looks like an option as text, and trims the silence around digit clips', async () => {
    const dash = await synthesise(dataDir, '--help', 'ulaw');
    expect(dash.length).toBeGreaterThan(2000);
    const plain = await synthesise(dataDir, 'six', 'ulaw');
    const trimmed = await synthesise(dataDir, 'six', 'ulaw', DIGIT_VOICE);
    expect(trimmed.length).toBeLessThan(plain.length);
    expect(trimmed.length).toBeGreaterThan(800); // still a tenth of a second of speech
  });
});
