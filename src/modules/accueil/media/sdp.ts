/**
 * SDP offer/answer (RFC 3264) for one G.711 audio stream with RFC 4733 telephone-events.
 * Offers are parsed with sdp-transform; answers and offers are written by hand so their text is fixed
 * and easy to check against what operators' trunks expect.
 */
import { isIPv4 } from 'node:net';
import { parse } from 'sdp-transform';
import { type Law, PAYLOAD_TYPE } from './g711.ts';

export type Direction = 'sendrecv' | 'sendonly' | 'recvonly' | 'inactive';

/** An m= line of the offer, kept so the answer can reject the streams we do not take (port 0). */
export type OfferedStream = { type: string; protocol: string; payloads: string };

export type Negotiated = {
  law: Law;
  payloadType: 0 | 8;
  /** The offer's telephone-event/8000 payload type (any dynamic number), null when it has none. */
  dtmfPayloadType: number | null;
  /** Where to send RTP. 0.0.0.0 (hold), an IPv6 or a missing address is left for the session to judge. */
  remote: { address: string; port: number };
  /** Packet duration the offerer asked for (ms); we send 20 ms frames whatever it says. */
  ptime: number;
  /** The offerer's direction. */
  offerDirection: Direction;
  /** The direction to write in our answer (sendonly ↔ recvonly). */
  answerDirection: Direction;
  /** The offerer put the call on hold (c=0.0.0.0, sendonly or inactive). */
  hold: boolean;
  /** Every m= line of the offer and the index of the one taken. */
  streams: OfferedStream[];
  streamIndex: number;
};

const DIRECTIONS: readonly string[] = ['sendrecv', 'sendonly', 'recvonly', 'inactive'];
const CODEC: Record<0 | 8, { law: Law; name: string }> = {
  0: { law: 'ulaw', name: 'PCMU' },
  8: { law: 'alaw', name: 'PCMA' },
};

/**
 * Picks the first audio stream of `offer` that carries PCMU or PCMA over plain RTP. The law is `prefer`
 * when offered, otherwise the offerer's first G.711 payload. Null when there is none (answer 488) or
 * when the text is not SDP.
 */
export function negotiate(offer: string, prefer?: Law): Negotiated | null {
  let session: ReturnType<typeof parse>;
  try {
    session = parse(offer);
  } catch {
    return null;
  }
  const media = session.media ?? [];
  const streams = media.map((m) => ({
    type: m.type,
    protocol: m.protocol,
    payloads: String(m.payloads ?? ''),
  }));
  for (const [index, m] of media.entries()) {
    if (m.type !== 'audio' || !m.port || !/^RTP\/AVPF?$/i.test(m.protocol ?? '')) continue;
    const payloads = String(m.payloads ?? '')
      .trim()
      .split(/\s+/)
      .map(Number)
      .filter((n) => Number.isInteger(n));
    const rtpmap = new Map((m.rtp ?? []).map((r) => [r.payload, r]));
    const g711 = payloads.filter((pt): pt is 0 | 8 => {
      if (pt !== 0 && pt !== 8) return false;
      const map = rtpmap.get(pt);
      // Static payload types need no rtpmap; when one is given it must agree.
      return !map || (map.codec.toUpperCase() === CODEC[pt].name && (map.rate ?? 8000) === 8000);
    });
    if (g711.length === 0) continue;
    const wanted = prefer ? PAYLOAD_TYPE[prefer] : undefined;
    const payloadType = wanted !== undefined && g711.includes(wanted) ? wanted : g711[0]!;
    const dtmf = (m.rtp ?? []).find(
      (r) =>
        r.codec.toLowerCase() === 'telephone-event' &&
        (r.rate ?? 8000) === 8000 &&
        payloads.includes(r.payload),
    );
    const address = hostOf(m.connection?.ip ?? session.connection?.ip ?? '');
    const direction = directionOf(m.direction ?? session.direction);
    return {
      law: CODEC[payloadType].law,
      payloadType,
      dtmfPayloadType: dtmf ? dtmf.payload : null,
      remote: { address, port: m.port },
      ptime: m.ptime && m.ptime > 0 ? m.ptime : 20,
      offerDirection: direction,
      answerDirection: answerDirectionOf(direction),
      hold: address === '0.0.0.0' || direction === 'sendonly' || direction === 'inactive',
      streams,
      streamIndex: index,
    };
  }
  return null;
}

function hostOf(ip: string): string {
  // "224.2.1.1/127" carries a TTL (multicast); keep the address only.
  return ip.split('/')[0]!.trim();
}

function directionOf(value: string | undefined): Direction {
  return value && DIRECTIONS.includes(value) ? (value as Direction) : 'sendrecv';
}

function answerDirectionOf(offered: Direction): Direction {
  if (offered === 'sendonly') return 'recvonly';
  if (offered === 'recvonly') return 'sendonly';
  return offered;
}

export type AnswerParams = {
  /** Our media address and the session's RTP port. */
  address: string;
  port: number;
  law: Law;
  payloadType: 0 | 8;
  dtmfPayloadType: number | null;
  sessionId: string | number;
  /** Incremented on each new description of the same session (re-INVITE). Default 1. */
  sessionVersion?: number;
  /** Default sendrecv; `negotiated.answerDirection` follows a hold (spreading the negotiation does it). */
  answerDirection?: Direction;
  /** The offer's streams, to answer every m= line (the others rejected with port 0, RFC 3264 §6). */
  streams?: OfferedStream[];
  streamIndex?: number;
};

/** Our answer: one G.711 payload type, telephone-event 0-16 when the offer had it, 20 ms packets. */
export function answerSdp(p: AnswerParams): string {
  const formats = p.dtmfPayloadType === null ? [p.payloadType] : [p.payloadType, p.dtmfPayloadType];
  const audio = [
    `m=audio ${p.port} RTP/AVP ${formats.join(' ')}`,
    `a=rtpmap:${p.payloadType} ${CODEC[p.payloadType].name}/8000`,
    ...(p.dtmfPayloadType === null
      ? []
      : [`a=rtpmap:${p.dtmfPayloadType} telephone-event/8000`, `a=fmtp:${p.dtmfPayloadType} 0-16`]),
    'a=ptime:20',
    `a=${p.answerDirection ?? 'sendrecv'}`,
  ];
  const media: string[] = [];
  if (p.streams && p.streamIndex !== undefined) {
    p.streams.forEach((s, i) => {
      if (i === p.streamIndex) media.push(...audio);
      else media.push(`m=${s.type} 0 ${s.protocol} ${s.payloads.split(/\s+/)[0] || '0'}`);
    });
  } else {
    media.push(...audio);
  }
  return lines([...header(p.address, p.sessionId, p.sessionVersion ?? 1), ...media]);
}

export type OfferParams = {
  address: string;
  port: number;
  sessionId: string | number;
  sessionVersion?: number;
  /** The law listed first (the other follows). Default µ-law. */
  prefer?: Law;
  /** Default 101. */
  dtmfPayloadType?: number;
};

/** Our offer for an outgoing call (bridging to a secretariat): both laws and telephone-event. */
export function offerSdp(p: OfferParams): string {
  const dtmf = p.dtmfPayloadType ?? 101;
  const laws: Law[] = p.prefer === 'alaw' ? ['alaw', 'ulaw'] : ['ulaw', 'alaw'];
  const pts = laws.map((law) => PAYLOAD_TYPE[law]);
  return lines([
    ...header(p.address, p.sessionId, p.sessionVersion ?? 1),
    `m=audio ${p.port} RTP/AVP ${[...pts, dtmf].join(' ')}`,
    ...pts.map((pt) => `a=rtpmap:${pt} ${CODEC[pt].name}/8000`),
    `a=rtpmap:${dtmf} telephone-event/8000`,
    `a=fmtp:${dtmf} 0-16`,
    'a=ptime:20',
    'a=sendrecv',
  ]);
}

function header(address: string, sessionId: string | number, version: number): string[] {
  const ip = isIPv4(address) ? 'IP4' : address.includes(':') ? 'IP6' : 'IP4';
  return ['v=0', `o=- ${sessionId} ${version} IN ${ip} ${address}`, 's=-', `c=IN ${ip} ${address}`, 't=0 0'];
}

function lines(list: string[]): string {
  return `${list.join('\r\n')}\r\n`;
}
