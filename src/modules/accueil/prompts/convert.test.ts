import { describe, expect, it } from 'vitest';
import { AppError } from '../../../platform/errors.ts';
import { acceptedKinds, convertRecording, detectAudioKind, MAX_RECORDING_BYTES } from './convert.ts';
import { hasProgram } from './programs.ts';
import { soxRecording } from './testing.ts';

/** G.711 µ-law decoding (ITU-T G.711), to measure what conversion wrote. */
function ulawToLinear(byte: number): number {
  const u = ~byte & 0xff;
  const magnitude = ((((u & 0x0f) << 3) + 0x84) << ((u >> 4) & 7)) - 0x84;
  return u & 0x80 ? -magnitude : magnitude;
}

/** The French message a refused file gets on the « fichier » field. */
async function refusal(data: Buffer): Promise<string> {
  try {
    await convertRecording(data);
  } catch (error) {
    if (error instanceof AppError && error.code === 'validation') return error.fields.fichier ?? '';
    throw error;
  }
  throw new Error('the file was accepted');
}

describe('the type of an uploaded file, from its first bytes', () => {
  it('recognises WAV, OGG, FLAC and MP3, and nothing else', () => {
    const riff = Buffer.concat([Buffer.from('RIFF'), Buffer.alloc(4), Buffer.from('WAVEfmt ')]);
    expect(detectAudioKind(riff)).toBe('wav');
    expect(detectAudioKind(Buffer.from('OggS\0\x02'))).toBe('ogg');
    expect(detectAudioKind(Buffer.from('fLaC\0\0\0\x22'))).toBe('flac');
    expect(detectAudioKind(Buffer.from('ID3\x04\0'))).toBe('mp3');
    expect(detectAudioKind(Buffer.from([0xff, 0xfb, 0x90, 0x64]))).toBe('mp3');
    expect(detectAudioKind(Buffer.from('%PDF-1.7\n'))).toBeNull();
    expect(detectAudioKind(Buffer.from('RIFF\0\0\0\0AVI LIST'))).toBeNull();
    expect(detectAudioKind(Buffer.alloc(0))).toBeNull();
  });

  it('refuses a file that is not audio, or too big, whatever its name says (no sox needed)', async () => {
    expect(await refusal(Buffer.from('%PDF-1.7\nBonjour'))).toMatch(
      /^Ce fichier n’est pas un enregistrement audio : envoyez un fichier WAV/,
    );
    const big = Buffer.concat([Buffer.from('RIFF\0\0\0\0WAVE'), Buffer.alloc(MAX_RECORDING_BYTES)]);
    expect(await refusal(big)).toContain('dépasse 5 Mo');
    expect(await refusal(Buffer.alloc(0))).toContain('vide');
  });
});

describe.skipIf(!hasProgram('sox'))('conversion with sox', () => {
  it('turns a stereo 44.1 kHz WAV into normalised 8 kHz mono µ-law and A-law', async () => {
    const converted = await convertRecording(await soxRecording('wav', 2));
    expect(converted.durationMs).toBe(2000);
    expect(converted.ulaw.length).toBe(16_000);
    expect(converted.alaw.length).toBe(16_000);
    // The tone was at a tenth of full scale: normalised, its peak is at -3 dBFS (0.71 of full scale).
    const peak = Math.max(...Array.from(converted.ulaw, (byte) => Math.abs(ulawToLinear(byte)))) / 32768;
    expect(peak).toBeGreaterThan(0.6);
    expect(peak).toBeLessThan(0.75);
  });

  it('reads FLAC too', async () => {
    expect((await acceptedKinds()).includes('flac')).toBe(true);
    const converted = await convertRecording(await soxRecording('flac', 1));
    expect(converted.durationMs).toBe(1000);
  });

  it('refuses an unreadable WAV, a recording over 3 minutes, and MP3 when this sox cannot read it', async () => {
    const broken = Buffer.concat([Buffer.from('RIFF\x24\0\0\0WAVEjunk'), Buffer.alloc(64, 7)]);
    expect(await refusal(broken)).toMatch(/^Ce fichier audio est illisible ou abîmé/);
    expect(await refusal(await soxRecording('wav', 181, { rate: 8000, channels: 1 }))).toBe(
      'Cet enregistrement dure 3 min 01 s : une annonce dure 3 minutes au plus.',
    );
    if (!(await acceptedKinds()).includes('mp3')) {
      expect(await refusal(Buffer.concat([Buffer.from('ID3\x04\0'), Buffer.alloc(100)]))).toMatch(
        /^Ce serveur ne lit pas les fichiers MP3/,
      );
    }
  });
});
