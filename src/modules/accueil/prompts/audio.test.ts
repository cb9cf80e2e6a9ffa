import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Database } from '../../../platform/db/client.ts';
import { openTestDatabase } from '../../../platform/testing/harness.ts';
import { SYSTEM_PROMPTS } from '../flow/system-prompts.ts';
import { utsLaSeynePromptTexts } from '../flow/uts-la-seyne.ts';
import { type AccueilWorld, accueilWorld } from '../testing.ts';
import {
  type AudioPlatform,
  clearPromptAudioCache,
  DIGIT_WORDS,
  promptAudio,
  promptText,
  promptWav,
  resolvePrompt,
  UnknownPromptError,
} from './audio.ts';
import { dropRecording, savePromptText, saveRecording } from './prompts.repository.ts';
import { DIGIT_VOICE, silence, synthesise } from './synth.ts';

// Runs with or without espeak-ng: the expected audio is what synthesise() gives for the expected text
// (speech with espeak-ng, silence as long as the text without it).
describe('promptAudio: recording, else the line’s text, else the default', () => {
  let database: Database;
  let drop: () => Promise<void>;
  let dataDir: string;
  let platform: AudioPlatform;
  let world: AccueilWorld;
  const db = () => database.db;

  beforeAll(async () => {
    ({ database, drop } = await openTestDatabase());
    dataDir = await mkdtemp(path.join(tmpdir(), 'tremplin-audio-'));
    platform = { config: { dataDir }, database };
    world = await accueilWorld(db());
  });
  afterAll(async () => {
    await drop();
    await rm(dataDir, { recursive: true, force: true });
  });

  it('says a system prompt’s default text until the line writes its own, then its recording', async () => {
    const lineId = world.line.id;
    const ref = { prompt: 'au-revoir' };
    expect(await promptText(db(), lineId, 'au-revoir')).toBe(SYSTEM_PROMPTS['au-revoir']);
    expect(await promptAudio(platform, lineId, ref, 'ulaw')).toEqual(
      await synthesise(dataDir, SYSTEM_PROMPTS['au-revoir'], 'ulaw'),
    );

    const own = 'Merci d’avoir appelé l’UTS de La Seyne. À bientôt.';
    await savePromptText(db(), lineId, 'au-revoir', own);
    expect(await promptText(db(), lineId, 'au-revoir')).toBe(own);
    expect(await promptAudio(platform, lineId, ref, 'alaw')).toEqual(await synthesise(dataDir, own, 'alaw'));

    const ulaw = Buffer.alloc(1600, 0x42);
    const alaw = Buffer.alloc(1600, 0x24);
    await saveRecording(db(), lineId, 'au-revoir', { ulaw, alaw, durationMs: 200, text: 'ignoré' });
    expect(await promptText(db(), lineId, 'au-revoir')).toBe(own); // the text stays, as the transcript
    expect(await promptAudio(platform, lineId, ref, 'ulaw')).toEqual(ulaw);
    expect(await promptAudio(platform, lineId, ref, 'alaw')).toEqual(alaw);
    // Played again: the very buffer kept in memory.
    const first = await promptAudio(platform, lineId, ref, 'ulaw');
    expect(await promptAudio(platform, lineId, ref, 'ulaw')).toBe(first);

    // Another line does not hear it.
    const other = await accueilWorld(db(), { number: '+33494000001' });
    expect(await promptAudio(platform, other.line.id, ref, 'ulaw')).toEqual(
      await synthesise(dataDir, SYSTEM_PROMPTS['au-revoir'], 'ulaw'),
    );

    await dropRecording(db(), lineId, 'au-revoir');
    expect(await promptAudio(platform, lineId, ref, 'ulaw')).toEqual(await synthesise(dataDir, own, 'ulaw'));
  });

  it('says the flow’s prompts from the line’s texts, and refuses a key with no text anywhere', async () => {
    const lineId = world.line.id;
    expect(await promptAudio(platform, lineId, { prompt: 'aspi-ferme' }, 'ulaw')).toEqual(
      await synthesise(dataDir, utsLaSeynePromptTexts['aspi-ferme']!, 'ulaw'),
    );
    await expect(promptAudio(platform, lineId, { prompt: 'inconnue' }, 'ulaw')).rejects.toBeInstanceOf(
      UnknownPromptError,
    );
    await expect(promptText(db(), lineId, 'inconnue')).rejects.toThrow('Annonce inconnue : « inconnue »');
  });

  it('changes version whenever the audio changes, so that caches need no clearing', async () => {
    const lineId = world.line.id;
    const v1 = (await resolvePrompt(db(), lineId, 'menu-principal')).version;
    await savePromptText(db(), lineId, 'menu-principal', 'Pour l’ASPI, tapez 1.');
    const v2 = (await resolvePrompt(db(), lineId, 'menu-principal')).version;
    await saveRecording(db(), lineId, 'menu-principal', {
      ulaw: Buffer.alloc(8, 1),
      alaw: Buffer.alloc(8, 2),
      durationMs: 1,
      text: '',
    });
    const v3 = (await resolvePrompt(db(), lineId, 'menu-principal')).version;
    expect(new Set([v1, v2, v3]).size).toBe(3);
    await dropRecording(db(), lineId, 'menu-principal');
    expect((await resolvePrompt(db(), lineId, 'menu-principal')).version).toBe(v2);
  });

  it('reads digits one by one, pairs apart, from clips shared by every line', async () => {
    clearPromptAudioCache();
    const clip = (digit: string) => synthesise(dataDir, DIGIT_WORDS[digit]!, 'ulaw', DIGIT_VOICE);
    const [zero, six, one, star] = await Promise.all(['0', '6', '1', '*'].map(clip));
    expect(await promptAudio(platform, world.line.id, { digits: '06 1*' }, 'ulaw')).toEqual(
      Buffer.concat([
        zero!,
        silence(120, 'ulaw'),
        six!,
        silence(120, 'ulaw'),
        one!,
        silence(120, 'ulaw'),
        star!,
      ]),
    );
    const number = await promptAudio(platform, world.line.id, { digits: '+33611111111' }, 'ulaw');
    // 06 11 11 11 11: ten clips, five short gaps inside the pairs and four longer ones between them.
    expect(number.length).toBe(zero!.length + six!.length + 8 * one!.length + (5 * 120 + 4 * 350) * 8);
  });

  it('wraps a prompt in a WAV for browsers and providers (G.711 as it is, format 7 or 6)', async () => {
    const wav = await promptWav(platform, world.line.id, { prompt: 'transfert' });
    const raw = await promptAudio(platform, world.line.id, { prompt: 'transfert' }, 'ulaw');
    expect(wav.subarray(0, 4).toString('latin1')).toBe('RIFF');
    expect(wav.subarray(8, 12).toString('latin1')).toBe('WAVE');
    expect(wav.readUInt16LE(20)).toBe(7);
    expect(wav.readUInt32LE(24)).toBe(8000);
    expect(wav.subarray(58, 58 + raw.length)).toEqual(raw); // RIFF, fmt (18), fact, data headers
    const alaw = await promptWav(platform, world.line.id, { prompt: 'transfert' }, 'alaw');
    expect(alaw.readUInt16LE(20)).toBe(6);
  });
});
