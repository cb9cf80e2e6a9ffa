/**
 * RTP packets (RFC 3550 §5.1): a 12-byte fixed header, CSRC list, optional header extension, payload,
 * optional padding whose length is the last byte.
 *
 *   0                   1                   2                   3
 *   |V=2|P|X|  CC   |M|     PT      |       sequence number         |
 *   |                           timestamp                           |
 *   |           synchronization source (SSRC) identifier            |
 */

export type RtpPacket = {
  marker: boolean;
  payloadType: number;
  /** 16 bits, wraps. */
  sequence: number;
  /** 32 bits, wraps; in samples (8000 per second for G.711 and telephone-event). */
  timestamp: number;
  ssrc: number;
  csrc: number[];
  /** The header extension (RFC 3550 §5.3.1): 16-bit profile-defined id and its data (whole 32-bit words). */
  extension: { profile: number; data: Buffer } | null;
  payload: Buffer;
  /** Padding bytes after the payload (counting the final count byte); 0 for none. */
  padding: number;
};

export const RTP_HEADER_BYTES = 12;

/** Serialises a packet. Fields default to no CSRC, no extension, no padding, no marker. */
export function encodeRtp(
  packet: Partial<RtpPacket> & Pick<RtpPacket, 'payloadType' | 'sequence' | 'timestamp' | 'ssrc' | 'payload'>,
): Buffer {
  const csrc = packet.csrc ?? [];
  const extension = packet.extension ?? null;
  const padding = packet.padding ?? 0;
  if (csrc.length > 15) throw new RangeError('RTP: at most 15 CSRC');
  if (padding < 0 || padding > 255) throw new RangeError('RTP: padding is 0..255 bytes');
  if (extension && extension.data.length % 4 !== 0)
    throw new RangeError('RTP: extension data is whole words');
  const extensionBytes = extension ? 4 + extension.data.length : 0;
  const headerBytes = RTP_HEADER_BYTES + csrc.length * 4 + extensionBytes;
  const out = Buffer.alloc(headerBytes + packet.payload.length + padding);
  out[0] = 0x80 | (padding > 0 ? 0x20 : 0) | (extension ? 0x10 : 0) | csrc.length;
  out[1] = (packet.marker ? 0x80 : 0) | (packet.payloadType & 0x7f);
  out.writeUInt16BE(packet.sequence & 0xffff, 2);
  out.writeUInt32BE(packet.timestamp >>> 0, 4);
  out.writeUInt32BE(packet.ssrc >>> 0, 8);
  let offset = RTP_HEADER_BYTES;
  for (const id of csrc) {
    out.writeUInt32BE(id >>> 0, offset);
    offset += 4;
  }
  if (extension) {
    out.writeUInt16BE(extension.profile & 0xffff, offset);
    out.writeUInt16BE(extension.data.length / 4, offset + 2);
    extension.data.copy(out, offset + 4);
    offset += extensionBytes;
  }
  packet.payload.copy(out, offset);
  if (padding > 0) out[out.length - 1] = padding;
  return out;
}

/**
 * Parses a datagram; null when it is not an RTP version 2 packet or its lengths do not add up (so a
 * stray or truncated datagram is dropped, never thrown on). The payload is a view on `data`.
 */
export function decodeRtp(data: Buffer): RtpPacket | null {
  if (data.length < RTP_HEADER_BYTES) return null;
  const first = data[0]!;
  if (first >> 6 !== 2) return null;
  const hasPadding = (first & 0x20) !== 0;
  const hasExtension = (first & 0x10) !== 0;
  const csrcCount = first & 0x0f;
  let offset = RTP_HEADER_BYTES + csrcCount * 4;
  if (data.length < offset) return null;
  const csrc: number[] = [];
  for (let i = 0; i < csrcCount; i++) csrc.push(data.readUInt32BE(RTP_HEADER_BYTES + i * 4));
  let extension: RtpPacket['extension'] = null;
  if (hasExtension) {
    if (data.length < offset + 4) return null;
    const profile = data.readUInt16BE(offset);
    const bytes = data.readUInt16BE(offset + 2) * 4;
    if (data.length < offset + 4 + bytes) return null;
    extension = { profile, data: data.subarray(offset + 4, offset + 4 + bytes) };
    offset += 4 + bytes;
  }
  let end = data.length;
  let padding = 0;
  if (hasPadding) {
    padding = data[data.length - 1]!;
    if (padding === 0 || end - padding < offset) return null;
    end -= padding;
  }
  return {
    marker: (data[1]! & 0x80) !== 0,
    payloadType: data[1]! & 0x7f,
    sequence: data.readUInt16BE(2),
    timestamp: data.readUInt32BE(4),
    ssrc: data.readUInt32BE(8),
    csrc,
    extension,
    payload: data.subarray(offset, end),
    padding,
  };
}

/** a − b for 16-bit sequence numbers, in −32768..32767 (positive when a is after b). */
export function sequenceDelta(a: number, b: number): number {
  return ((((a - b) & 0xffff) + 0x8000) & 0xffff) - 0x8000;
}

/** a − b for 32-bit timestamps, as a signed 32-bit difference. */
export function timestampDelta(a: number, b: number): number {
  return ((a >>> 0) - (b >>> 0)) | 0;
}
