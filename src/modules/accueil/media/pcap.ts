/**
 * The UDP payloads of a classic pcap capture (Ethernet or Linux cooked, IPv4), enough to replay SIPp's
 * RTP captures (/usr/share/sip-tester/*.pcap) through our decoders in tests and benches.
 */

export type CapturedDatagram = {
  /** Capture time in ms. */
  timeMs: number;
  source: { address: string; port: number };
  destination: { address: string; port: number };
  payload: Buffer;
};

const LINKTYPE_ETHERNET = 1;
const LINKTYPE_LINUX_SLL = 113;

export function readPcapUdp(file: Buffer): CapturedDatagram[] {
  if (file.length < 24) throw new Error('pcap: too short');
  const magic = file.readUInt32LE(0);
  const little = magic === 0xa1b2c3d4 || magic === 0xa1b23c4d;
  if (!little && file.readUInt32BE(0) !== 0xa1b2c3d4 && file.readUInt32BE(0) !== 0xa1b23c4d) {
    throw new Error('pcap: not a pcap file');
  }
  const nano = (little ? magic : file.readUInt32BE(0)) === 0xa1b23c4d;
  const u32 = (offset: number) => (little ? file.readUInt32LE(offset) : file.readUInt32BE(offset));
  const linkType = u32(20);
  const out: CapturedDatagram[] = [];
  let offset = 24;
  while (offset + 16 <= file.length) {
    const seconds = u32(offset);
    const fraction = u32(offset + 4);
    const captured = u32(offset + 8);
    const frame = file.subarray(offset + 16, offset + 16 + captured);
    offset += 16 + captured;
    const ip = linkLayerPayload(frame, linkType);
    if (!ip || ip.length < 20 || ip[0]! >> 4 !== 4 || ip[9] !== 17) continue;
    const udp = ip.subarray((ip[0]! & 0x0f) * 4);
    if (udp.length < 8) continue;
    const udpLength = udp.readUInt16BE(4);
    out.push({
      timeMs: seconds * 1000 + fraction / (nano ? 1e6 : 1e3),
      source: { address: ip.subarray(12, 16).join('.'), port: udp.readUInt16BE(0) },
      destination: { address: ip.subarray(16, 20).join('.'), port: udp.readUInt16BE(2) },
      payload: udp.subarray(8, Math.min(udp.length, udpLength)),
    });
  }
  return out;
}

function linkLayerPayload(frame: Buffer, linkType: number): Buffer | null {
  if (linkType === LINKTYPE_ETHERNET) {
    if (frame.length < 14) return null;
    let offset = 12;
    let etherType = frame.readUInt16BE(offset);
    while (etherType === 0x8100 && frame.length >= offset + 6) {
      offset += 4; // 802.1Q VLAN tag
      etherType = frame.readUInt16BE(offset);
    }
    return etherType === 0x0800 ? frame.subarray(offset + 2) : null;
  }
  if (linkType === LINKTYPE_LINUX_SLL) {
    return frame.length >= 16 && frame.readUInt16BE(14) === 0x0800 ? frame.subarray(16) : null;
  }
  return null;
}
