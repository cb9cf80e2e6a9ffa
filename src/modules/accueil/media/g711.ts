/**
 * ITU-T G.711 companding: 16-bit linear PCM ↔ µ-law (PCMU, payload type 0) and A-law (PCMA, payload
 * type 8), 8 bits per sample at 8 kHz. Decoding uses 256-entry tables built once; encoding uses the
 * segment arithmetic of the recommendation (the classic Sun reference implementation), so encode is
 * exact for every 16-bit input and decode(encode(x)) is the G.711 reconstruction of x.
 */

export type Law = 'ulaw' | 'alaw';

/** The byte each law sends for digital silence: µ-law 0xFF (+0), A-law 0xD5 (+8, the smallest step). */
export const SILENCE_BYTE: Record<Law, number> = { ulaw: 0xff, alaw: 0xd5 };

/** Static RTP payload types of RFC 3551. */
export const PAYLOAD_TYPE: Record<Law, 0 | 8> = { ulaw: 0, alaw: 8 };

const ULAW_BIAS = 0x84;
const ULAW_CLIP = 32635;

/** Encodes one 16-bit linear sample (clamped to int16) as µ-law. */
export function linearToUlaw(sample: number): number {
  let s = clamp16(sample);
  const sign = s < 0 ? 0x80 : 0;
  if (s < 0) s = -s;
  if (s > ULAW_CLIP) s = ULAW_CLIP;
  s += ULAW_BIAS;
  // The exponent is the position of the highest set bit above bit 7 (0..7).
  let exponent = 7;
  for (let mask = 0x4000; (s & mask) === 0 && exponent > 0; mask >>= 1) exponent--;
  const mantissa = (s >> (exponent + 3)) & 0x0f;
  return ~(sign | (exponent << 4) | mantissa) & 0xff;
}

/** Decodes one µ-law byte to a 16-bit linear sample (range ±32124). */
export function ulawToLinear(byte: number): number {
  const u = ~byte & 0xff;
  const exponent = (u >> 4) & 0x07;
  const magnitude = ((((u & 0x0f) << 3) + ULAW_BIAS) << exponent) - ULAW_BIAS;
  return u & 0x80 && magnitude !== 0 ? -magnitude : magnitude;
}

/** Encodes one 16-bit linear sample (clamped to int16) as A-law. */
export function linearToAlaw(sample: number): number {
  // A-law works on 13 bits: drop the 3 low bits, keep the sign in the mask.
  let v = clamp16(sample) >> 3;
  let mask: number;
  if (v >= 0) {
    mask = 0xd5;
  } else {
    mask = 0x55;
    v = -v - 1;
  }
  let segment = 0;
  while (segment < 8 && v > (0x20 << segment) - 1) segment++;
  if (segment >= 8) return 0x7f ^ mask;
  const quantised = segment < 2 ? (v >> 1) & 0x0f : (v >> segment) & 0x0f;
  return ((segment << 4) | quantised) ^ mask;
}

/** Decodes one A-law byte to a 16-bit linear sample (range ±32256). */
export function alawToLinear(byte: number): number {
  const a = (byte & 0xff) ^ 0x55;
  const segment = (a & 0x70) >> 4;
  let t = (a & 0x0f) << 4;
  if (segment === 0) t += 8;
  else t = (t + 0x108) << (segment - 1);
  return a & 0x80 ? t : -t;
}

function clamp16(sample: number): number {
  const s = Math.round(sample);
  return Math.min(32767, Math.max(-32768, s));
}

const ULAW_DECODE = Int16Array.from({ length: 256 }, (_, i) => ulawToLinear(i));
const ALAW_DECODE = Int16Array.from({ length: 256 }, (_, i) => alawToLinear(i));
/**
 * Law-to-law transcoding through the linear value: each code maps to the code of the other law whose
 * reconstruction is the G.711 quantisation of this one's. Bridging two legs that negotiated different
 * laws costs one table lookup per byte.
 */
export const ULAW_TO_ALAW = Uint8Array.from(ULAW_DECODE, (s) => linearToAlaw(s));
export const ALAW_TO_ULAW = Uint8Array.from(ALAW_DECODE, (s) => linearToUlaw(s));

/** The decoding table of a law (256 signed 16-bit samples). */
export function decodeTable(law: Law): Int16Array {
  return law === 'ulaw' ? ULAW_DECODE : ALAW_DECODE;
}

/** Encodes 16-bit linear samples as G.711 bytes of the given law. */
export function encodeG711(samples: ArrayLike<number>, law: Law): Buffer {
  const out = Buffer.allocUnsafe(samples.length);
  const encode = law === 'ulaw' ? linearToUlaw : linearToAlaw;
  for (let i = 0; i < samples.length; i++) out[i] = encode(samples[i]!);
  return out;
}

/** Decodes G.711 bytes of the given law to 16-bit linear samples. */
export function decodeG711(bytes: Uint8Array, law: Law): Int16Array {
  const table = decodeTable(law);
  const out = new Int16Array(bytes.length);
  for (let i = 0; i < bytes.length; i++) out[i] = table[bytes[i]!]!;
  return out;
}

/** Converts G.711 bytes from one law to another (a copy; the same bytes copied when the laws agree). */
export function transcode(bytes: Uint8Array, from: Law, to: Law): Buffer {
  if (from === to) return Buffer.from(bytes);
  const table = from === 'ulaw' ? ULAW_TO_ALAW : ALAW_TO_ULAW;
  const out = Buffer.allocUnsafe(bytes.length);
  for (let i = 0; i < bytes.length; i++) out[i] = table[bytes[i]!]!;
  return out;
}

/** `ms` milliseconds of digital silence in the given law (8 bytes per millisecond). */
export function silence(ms: number, law: Law): Buffer {
  return Buffer.alloc(Math.round(ms * 8), SILENCE_BYTE[law]);
}

/**
 * A sum of sine tones, `ms` long, in the given law. `amplitude` is per tone, as a fraction of full scale;
 * a 5 ms ramp at each end avoids clicks.
 */
export function tone(frequencies: number[], ms: number, law: Law, amplitude = 0.25): Buffer {
  const n = Math.round(ms * 8);
  const ramp = Math.min(40, Math.floor(n / 2));
  const samples = new Int16Array(n);
  for (let i = 0; i < n; i++) {
    let v = 0;
    for (const f of frequencies) v += Math.sin((2 * Math.PI * f * i) / 8000);
    const envelope = i < ramp ? i / ramp : i >= n - ramp ? (n - 1 - i) / ramp : 1;
    samples[i] = Math.round(v * amplitude * 32767 * envelope);
  }
  return encodeG711(samples, law);
}
