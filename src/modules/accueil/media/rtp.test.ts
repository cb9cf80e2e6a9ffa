import { describe, expect, it } from 'vitest';
import { decodeRtp, encodeRtp, sequenceDelta, timestampDelta } from './rtp.ts';

describe('RTP packets', () => {
  it('decodes a telephone-event packet captured by SIPp', () => {
    // dtmf_2833_1.pcap, first packet: V=2, marker, PT 101, seq 0x1f30, ts 0x33e0, SSRC 0x0e05384e.
    const packet = decodeRtp(Buffer.from('80e51f30000033e00e05384e010a0000', 'hex'))!;
    expect(packet).toMatchObject({
      marker: true,
      payloadType: 101,
      sequence: 0x1f30,
      timestamp: 0x33e0,
      ssrc: 0x0e05384e,
      csrc: [],
      extension: null,
      padding: 0,
    });
    expect(packet.payload.toString('hex')).toBe('010a0000');
  });

  it('writes the 12-byte header of RFC 3550', () => {
    const bytes = encodeRtp({
      payloadType: 8,
      sequence: 65535,
      timestamp: 0xfffffff0,
      ssrc: 0xdeadbeef,
      marker: true,
      payload: Buffer.from([1, 2, 3]),
    });
    expect(bytes.toString('hex')).toBe('8088fffffffffff0deadbeef010203');
  });

  it('round-trips CSRC, header extension and padding', () => {
    const original = {
      marker: false,
      payloadType: 0,
      sequence: 42,
      timestamp: 123456,
      ssrc: 7,
      csrc: [1, 0xffffffff],
      extension: { profile: 0xbede, data: Buffer.from([9, 8, 7, 6, 5, 4, 3, 2]) },
      payload: Buffer.alloc(160, 0xff),
      padding: 4,
    };
    const bytes = encodeRtp(original);
    expect(bytes.length).toBe(12 + 8 + 4 + 8 + 160 + 4);
    expect(bytes[0]).toBe(0x80 | 0x20 | 0x10 | 2);
    const decoded = decodeRtp(bytes)!;
    expect(decoded).toEqual(original);
  });

  it('masks out-of-range fields when writing', () => {
    const decoded = decodeRtp(
      encodeRtp({
        payloadType: 0x80 | 8,
        sequence: 0x10001,
        timestamp: 2 ** 32 + 5,
        ssrc: -1,
        payload: Buffer.alloc(0),
      }),
    )!;
    expect(decoded).toMatchObject({
      payloadType: 8,
      sequence: 1,
      timestamp: 5,
      ssrc: 0xffffffff,
      marker: false,
    });
  });

  it.each([
    ['too short', '80000001'],
    ['version 1', `40000001000000010000000100`],
    ['CSRC count beyond the data', '8f000001000000010000000100'],
    ['extension beyond the data', '90000001000000010000000100'],
    ['padding longer than the payload', 'a000000100000001000000010020'],
    ['zero padding count', 'a000000100000001000000010000'],
  ])('rejects a datagram that is not RTP: %s', (_name, hex) => {
    expect(decodeRtp(Buffer.from(hex, 'hex'))).toBeNull();
  });

  it('refuses to write what the header cannot say', () => {
    const base = { payloadType: 0, sequence: 0, timestamp: 0, ssrc: 0, payload: Buffer.alloc(0) };
    expect(() => encodeRtp({ ...base, csrc: Array(16).fill(1) })).toThrow(RangeError);
    expect(() => encodeRtp({ ...base, padding: 256 })).toThrow(RangeError);
    expect(() => encodeRtp({ ...base, extension: { profile: 1, data: Buffer.alloc(3) } })).toThrow(
      RangeError,
    );
  });

  it('compares sequence numbers and timestamps across wrap-around', () => {
    expect(sequenceDelta(1, 65535)).toBe(2);
    expect(sequenceDelta(65535, 1)).toBe(-2);
    expect(sequenceDelta(100, 100)).toBe(0);
    expect(timestampDelta(80, 0xffffffb0)).toBe(160);
    expect(timestampDelta(0xffffffb0, 80)).toBe(-160);
  });
});
