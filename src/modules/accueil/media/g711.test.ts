import { describe, expect, it } from 'vitest';
import {
  ALAW_TO_ULAW,
  alawToLinear,
  decodeG711,
  encodeG711,
  linearToAlaw,
  linearToUlaw,
  SILENCE_BYTE,
  silence,
  tone,
  transcode,
  ULAW_TO_ALAW,
  ulawToLinear,
} from './g711.ts';

describe('µ-law (G.711 PCMU)', () => {
  it.each([
    // [code, linear] from the recommendation's decoding rule (±8159 × 4 after the 14-bit scaling).
    [0xff, 0],
    [0x7f, 0],
    [0xfe, 8],
    [0x7e, -8],
    [0xf0, 120],
    [0xef, 132],
    [0xce, 988],
    [0x80, 32124],
    [0x00, -32124],
  ])('decodes code %i to %i', (code, linear) => {
    expect(ulawToLinear(code)).toBe(linear);
  });

  it.each([
    [0, 0xff],
    [-1, 0x7f],
    [1000, 0xce],
    [-1000, 0x4e],
    [32767, 0x80],
    [-32768, 0x00],
    [40000, 0x80],
  ])('encodes %i to its code', (linear, code) => {
    expect(linearToUlaw(linear)).toBe(code);
  });

  it('re-encodes every decoded code to itself (negative zero aside)', () => {
    for (let code = 0; code < 256; code++) {
      expect(linearToUlaw(ulawToLinear(code))).toBe(code === 0x7f ? 0xff : code);
    }
  });

  it('is monotonic: larger inputs never give smaller reconstructions', () => {
    let previous = Number.NEGATIVE_INFINITY;
    for (let x = -32768; x <= 32767; x += 7) {
      const y = ulawToLinear(linearToUlaw(x));
      expect(y).toBeGreaterThanOrEqual(previous);
      previous = y;
    }
  });
});

describe('A-law (G.711 PCMA)', () => {
  it.each([
    [0xd5, 8],
    [0x55, -8],
    [0xd4, 24],
    [0xfa, 1008],
    [0xaa, 32256],
    [0x2a, -32256],
    [0x80, 5504],
  ])('decodes code %i to %i', (code, linear) => {
    expect(alawToLinear(code)).toBe(linear);
  });

  it.each([
    [0, 0xd5],
    [-1, 0x55],
    [1000, 0xfa],
    [-1000, 0x7a],
    [32767, 0xaa],
    [-32768, 0x2a],
  ])('encodes %i to its code', (linear, code) => {
    expect(linearToAlaw(linear)).toBe(code);
  });

  it('re-encodes every decoded code to itself', () => {
    for (let code = 0; code < 256; code++) expect(linearToAlaw(alawToLinear(code))).toBe(code);
  });

  it('keeps the quantisation error within half a step of the segment', () => {
    for (let x = -32000; x <= 32000; x += 13) {
      const error = Math.abs(alawToLinear(linearToAlaw(x)) - x);
      const magnitude = Math.abs(x);
      const step = magnitude < 512 ? 16 : 2 ** Math.ceil(Math.log2((magnitude + 1) / 32));
      expect(error).toBeLessThanOrEqual(step);
    }
  });
});

describe('law-to-law transcoding', () => {
  it('maps silence to silence', () => {
    expect(ULAW_TO_ALAW[SILENCE_BYTE.ulaw]).toBe(SILENCE_BYTE.alaw);
    expect(ALAW_TO_ULAW[SILENCE_BYTE.alaw]).toBe(0xfe); // +8 is µ-law's first step above zero
    expect(SILENCE_BYTE).toEqual({ ulaw: 0xff, alaw: 0xd5 });
  });

  it('stays within one quantisation step of the source value', () => {
    for (let code = 0; code < 256; code++) {
      const u = ulawToLinear(code);
      const a = alawToLinear(ULAW_TO_ALAW[code]!);
      expect(Math.abs(u - a)).toBeLessThanOrEqual(Math.max(16, Math.abs(u) / 16));
      const a2 = alawToLinear(code);
      const u2 = ulawToLinear(ALAW_TO_ULAW[code]!);
      expect(Math.abs(a2 - u2)).toBeLessThanOrEqual(Math.max(16, Math.abs(a2) / 16));
    }
  });

  it('keeps the sign', () => {
    for (let code = 0; code < 256; code++) {
      if (ulawToLinear(code) > 0) expect(alawToLinear(ULAW_TO_ALAW[code]!)).toBeGreaterThan(0);
      if (ulawToLinear(code) < 0) expect(alawToLinear(ULAW_TO_ALAW[code]!)).toBeLessThan(0);
    }
  });

  it('transcodes a buffer, and copies it when the laws agree', () => {
    const ulaw = Buffer.from([0xff, 0x80, 0x00, 0xce]);
    expect([...transcode(ulaw, 'ulaw', 'alaw')]).toEqual([0xd5, 0xaa, 0x2a, linearToAlaw(988)]);
    const same = transcode(ulaw, 'ulaw', 'ulaw');
    expect(same).toEqual(ulaw);
    expect(same).not.toBe(ulaw);
  });
});

describe('buffers, silence and tones', () => {
  it('encodes and decodes sample arrays', () => {
    const samples = Int16Array.from([0, 1000, -1000, 32767]);
    expect([...encodeG711(samples, 'ulaw')]).toEqual([0xff, 0xce, 0x4e, 0x80]);
    expect([...decodeG711(encodeG711(samples, 'alaw'), 'alaw')]).toEqual([8, 1008, -1008, 32256]);
  });

  it('makes 8 bytes of silence per millisecond', () => {
    expect(silence(20, 'ulaw')).toEqual(Buffer.alloc(160, 0xff));
    expect(silence(20, 'alaw')).toEqual(Buffer.alloc(160, 0xd5));
  });

  it('makes a tone of the requested length and frequency', () => {
    const beep = decodeG711(tone([1000], 400, 'alaw', 0.3), 'alaw');
    expect(beep.length).toBe(3200);
    // 1 kHz at 8 kHz: 8 samples a period, so 2 sign changes every 8 samples in the steady part.
    let crossings = 0;
    for (let i = 801; i < 1601; i++) if (Math.sign(beep[i]!) !== Math.sign(beep[i - 1]!)) crossings++;
    expect(crossings).toBeGreaterThanOrEqual(199);
    expect(crossings).toBeLessThanOrEqual(201);
    expect(Math.max(...beep)).toBeGreaterThan(9000);
    expect(Math.max(...beep)).toBeLessThan(11000);
  });
});
