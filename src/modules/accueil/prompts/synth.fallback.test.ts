import { mkdtemp, readdir, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { promptCacheDir, silenceFor, synthesise } from './synth.ts';

// As on a machine with only Node: no espeak-ng nor sox on PATH (this file's own module registry, so
// programs.ts looks them up under this PATH).
describe('synthesis without espeak-ng', () => {
  let dataDir: string;
  const path0 = process.env.PATH;
  beforeAll(async () => {
    dataDir = await mkdtemp(path.join(tmpdir(), 'tremplin-silence-'));
    process.env.PATH = path.join(dataDir, 'nothing-here');
  });
  afterAll(async () => {
    process.env.PATH = path0;
    await rm(dataDir, { recursive: true, force: true });
  });

  it('falls back to silence as long as the text, says so once, and caches nothing', async () => {
    const warn = vi.spyOn(console, 'warn').mockImplementation(() => {});
    const text = 'Nous vous mettons en relation. Merci de patienter.';
    expect(await synthesise(dataDir, text, 'ulaw')).toEqual(silenceFor(text, 'ulaw'));
    expect(await synthesise(dataDir, text, 'alaw')).toEqual(silenceFor(text, 'alaw'));
    expect(warn).toHaveBeenCalledTimes(1);
    expect(String(warn.mock.calls[0]![0])).toContain('espeak-ng');
    await expect(readdir(promptCacheDir(dataDir))).rejects.toThrow();
    warn.mockRestore();
  });
});
