/**
 * WAV (RIFF/WAVE) files of G.711 audio, for voicemails played in the browser and for prompts uploaded
 * as WAV. G.711 is not PCM, so the format chunk is the 18-byte WAVEFORMATEX and a fact chunk gives the
 * sample count, as the format requires for compressed data.
 */
import { ALAW_TO_ULAW, encodeG711, type Law, ULAW_TO_ALAW } from './g711.ts';

export const WAV_FORMAT = { pcm: 1, ieeeFloat: 3, alaw: 6, ulaw: 7, extensible: 0xfffe } as const;

/** A WAV of 8 kHz mono 8-bit G.711 (format 7 µ-law, 6 A-law). */
export function g711Wav(payload: Uint8Array, law: Law): Buffer {
  const dataBytes = payload.length;
  const pad = dataBytes % 2;
  const fmt = Buffer.alloc(8 + 18);
  fmt.write('fmt ', 0, 'ascii');
  fmt.writeUInt32LE(18, 4);
  fmt.writeUInt16LE(law === 'ulaw' ? WAV_FORMAT.ulaw : WAV_FORMAT.alaw, 8);
  fmt.writeUInt16LE(1, 10); // channels
  fmt.writeUInt32LE(8000, 12); // sample rate
  fmt.writeUInt32LE(8000, 16); // bytes per second
  fmt.writeUInt16LE(1, 20); // block align
  fmt.writeUInt16LE(8, 22); // bits per sample
  fmt.writeUInt16LE(0, 24); // no extra format bytes
  const fact = Buffer.alloc(12);
  fact.write('fact', 0, 'ascii');
  fact.writeUInt32LE(4, 4);
  fact.writeUInt32LE(dataBytes, 8); // samples (one byte each)
  const dataHeader = Buffer.alloc(8);
  dataHeader.write('data', 0, 'ascii');
  dataHeader.writeUInt32LE(dataBytes, 4);
  const riff = Buffer.alloc(12);
  const total = riff.length + fmt.length + fact.length + dataHeader.length + dataBytes + pad;
  riff.write('RIFF', 0, 'ascii');
  riff.writeUInt32LE(total - 8, 4);
  riff.write('WAVE', 8, 'ascii');
  return Buffer.concat([riff, fmt, fact, dataHeader, payload, Buffer.alloc(pad)], total);
}

export type WavInfo = {
  /** The format tag (1 PCM, 3 float, 6 A-law, 7 µ-law…); for WAVE_FORMAT_EXTENSIBLE, its sub-format's tag. */
  format: number;
  sampleRate: number;
  channels: number;
  bitsPerSample: number;
  /** The data chunk (a view on the input). */
  data: Buffer;
};

/** A WAV that cannot be read; the message is French, fit to show beside an upload field. */
export class WavError extends Error {
  override name = 'WavError';
}

/** Reads a WAV's header and data chunk, validating what it reads. Throws WavError. */
export function readWav(buffer: Buffer): WavInfo {
  if (
    buffer.length < 12 ||
    buffer.toString('ascii', 0, 4) !== 'RIFF' ||
    buffer.toString('ascii', 8, 12) !== 'WAVE'
  ) {
    throw new WavError('Le fichier n’est pas un fichier WAV (en-tête RIFF/WAVE absent).');
  }
  let fmt: Omit<WavInfo, 'data'> | null = null;
  let data: Buffer | null = null;
  let offset = 12;
  while (offset + 8 <= buffer.length) {
    const id = buffer.toString('ascii', offset, offset + 4);
    const size = buffer.readUInt32LE(offset + 4);
    const start = offset + 8;
    // Recorders writing to a pipe leave the data size at 0xFFFFFFFF: take what is there.
    const end = id === 'data' && start + size > buffer.length ? buffer.length : start + size;
    if (end > buffer.length) throw new WavError('Le fichier WAV est tronqué.');
    if (id === 'fmt ') fmt = readFormat(buffer.subarray(start, end));
    else if (id === 'data') data = buffer.subarray(start, end);
    offset = end + (size % 2); // chunks are word-aligned
    if (fmt && data) break;
  }
  if (!fmt) throw new WavError('Le fichier WAV n’a pas de description de format (bloc « fmt »).');
  if (!data) throw new WavError('Le fichier WAV ne contient pas de son (bloc « data » absent).');
  return { ...fmt, data };
}

function readFormat(chunk: Buffer): Omit<WavInfo, 'data'> {
  if (chunk.length < 16) throw new WavError('La description de format du fichier WAV est incomplète.');
  let format = chunk.readUInt16LE(0);
  const channels = chunk.readUInt16LE(2);
  const sampleRate = chunk.readUInt32LE(4);
  const bitsPerSample = chunk.readUInt16LE(14);
  if (format === WAV_FORMAT.extensible) {
    // The sub-format GUID starts with the ordinary format tag (bytes 24–25 of the chunk).
    if (chunk.length < 26) throw new WavError('La description de format du fichier WAV est incomplète.');
    format = chunk.readUInt16LE(24);
  }
  if (channels < 1 || sampleRate < 1 || bitsPerSample < 1) {
    throw new WavError(
      'La description de format du fichier WAV est invalide (canaux, fréquence ou taille nulle).',
    );
  }
  return { format, sampleRate, channels, bitsPerSample };
}

/**
 * The raw G.711 audio of a WAV that needs no resampling: 8 kHz mono G.711 (either law) or 16-bit PCM.
 * Null for anything else (other rates, stereo, float…), which needs sox.
 */
export function wavToG711(buffer: Buffer, law: Law): Buffer | null {
  const wav = readWav(buffer);
  if (wav.sampleRate !== 8000 || wav.channels !== 1) return null;
  if (wav.format === WAV_FORMAT.ulaw && wav.bitsPerSample === 8) {
    return law === 'ulaw' ? Buffer.from(wav.data) : Buffer.from(wav.data.map((b) => ULAW_TO_ALAW[b]!));
  }
  if (wav.format === WAV_FORMAT.alaw && wav.bitsPerSample === 8) {
    return law === 'alaw' ? Buffer.from(wav.data) : Buffer.from(wav.data.map((b) => ALAW_TO_ULAW[b]!));
  }
  if (wav.format === WAV_FORMAT.pcm && wav.bitsPerSample === 16) {
    const samples = new Int16Array(Math.floor(wav.data.length / 2));
    for (let i = 0; i < samples.length; i++) samples[i] = wav.data.readInt16LE(i * 2);
    return encodeG711(samples, law);
  }
  return null;
}
