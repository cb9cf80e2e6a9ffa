// Test helpers: a raw UDP peer that speaks SIP by hand (a fake trunk or registrar), short timers.
import { createSocket, type Socket } from 'node:dgram';
import { newBranch, newTag, tagOf } from './addresses.ts';
import type { Call, CallEndReason } from './dialog/call.ts';
import {
  getHeader,
  type Header,
  parseMessage,
  type SipMessage,
  type SipRequest,
  type SipResponse,
  serializeMessage,
} from './message.ts';
import type { SipTimers } from './transactions.ts';
import type { Endpoint } from './transport.ts';
import { startUserAgent, type UserAgent } from './user-agent.ts';

/** Timers ten times faster than RFC 3261's, so that retransmissions and timeouts fit in a test. */
export const fastTimers: SipTimers = { t1: 50, t2: 400, t4: 500 };

export function testSdp(address: string, port: number): string {
  return [
    'v=0',
    `o=- 1 1 IN IP4 ${address}`,
    's=-',
    `c=IN IP4 ${address}`,
    't=0 0',
    `m=audio ${port} RTP/AVP 0 8 101`,
    'a=rtpmap:0 PCMU/8000',
    'a=rtpmap:8 PCMA/8000',
    'a=rtpmap:101 telephone-event/8000',
    'a=sendrecv',
    '',
  ].join('\r\n');
}

type Received = { message: SipMessage; from: Endpoint };

/** A UDP socket that records what it receives and lets a test wait for a given message. */
export class RawPeer {
  readonly received: Received[] = [];
  private readonly waiters: { match: (r: Received) => boolean; resolve: (r: Received) => void }[] = [];
  private readonly consumed = new Set<Received>();
  /** Called for every message (a fake registrar answers from here). */
  handler: ((message: SipMessage, from: Endpoint) => void) | null = null;

  private constructor(
    private readonly socket: Socket,
    readonly address: Endpoint,
  ) {
    socket.on('message', (data, rinfo) => {
      const entry = { message: parseMessage(data), from: { address: rinfo.address, port: rinfo.port } };
      this.received.push(entry);
      this.handler?.(entry.message, entry.from);
      const index = this.waiters.findIndex((w) => w.match(entry));
      if (index >= 0) {
        this.consumed.add(entry);
        this.waiters.splice(index, 1)[0]!.resolve(entry);
      }
    });
  }

  static async open(host: string): Promise<RawPeer> {
    const socket = createSocket('udp4');
    await new Promise<void>((resolve) => socket.bind(0, host, resolve));
    const { address, port } = socket.address();
    return new RawPeer(socket, { address, port });
  }

  send(message: SipMessage | string, to: Endpoint): void {
    const data = typeof message === 'string' ? Buffer.from(message) : serializeMessage(message);
    this.socket.send(data, to.port, to.address);
  }

  /** The next not-yet-consumed message matching, already received or to come. */
  next(match: (message: SipMessage) => boolean, timeoutMs = 3000): Promise<Received> {
    const test = (r: Received) => match(r.message);
    const already = this.received.find((r) => !this.consumed.has(r) && test(r));
    if (already) {
      this.consumed.add(already);
      return Promise.resolve(already);
    }
    return new Promise((resolve, reject) => {
      const waiter = {
        match: test,
        resolve: (r: Received) => {
          clearTimeout(timer);
          resolve(r);
        },
      };
      const timer = setTimeout(() => {
        this.waiters.splice(this.waiters.indexOf(waiter), 1);
        reject(new Error('RawPeer: nothing matching arrived in time'));
      }, timeoutMs);
      this.waiters.push(waiter);
    });
  }

  nextRequest(
    method: string,
    timeoutMs?: number,
    where: (request: SipRequest) => boolean = () => true,
  ): Promise<{ message: SipRequest; from: Endpoint }> {
    return this.next((m) => m.kind === 'request' && m.method === method && where(m), timeoutMs) as Promise<{
      message: SipRequest;
      from: Endpoint;
    }>;
  }

  nextResponse(
    status: number,
    method?: string,
    timeoutMs?: number,
  ): Promise<{ message: SipResponse; from: Endpoint }> {
    return this.next(
      (m) =>
        m.kind === 'response' &&
        m.status === status &&
        (!method || (getHeader(m, 'CSeq') ?? '').endsWith(` ${method}`)),
      timeoutMs,
    ) as Promise<{ message: SipResponse; from: Endpoint }>;
  }

  count(match: (message: SipMessage) => boolean): number {
    return this.received.filter((r) => match(r.message)).length;
  }

  close(): Promise<void> {
    return new Promise((resolve) => this.socket.close(() => resolve()));
  }
}

export function delay(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}

/** Wait until the predicate holds (polling), or fail after timeoutMs. */
export async function eventually(predicate: () => boolean, timeoutMs = 3000): Promise<void> {
  const start = Date.now();
  while (!predicate()) {
    if (Date.now() - start > timeoutMs) throw new Error('condition not met in time');
    await delay(10);
  }
}

export function nextCall(ua: UserAgent): Promise<Call> {
  return new Promise((resolve) => ua.once('invite', resolve));
}

export function endOf(call: Call): Promise<CallEndReason> {
  return new Promise((resolve) => call.once('ended', resolve));
}

/** A response to a request a raw peer received (Via, From, To, Call-ID, CSeq copied). */
export function replyTo(
  request: SipRequest,
  status: number,
  reason: string,
  extra: Header[] = [],
  toTag?: string,
): SipResponse {
  const headers = request.headers
    .filter((h) => ['Via', 'From', 'To', 'Call-ID', 'CSeq'].includes(h.name))
    .map((h) =>
      h.name === 'To' && toTag && !h.value.includes('tag=') ? { ...h, value: `${h.value};tag=${toTag}` } : h,
    );
  return { kind: 'response', status, reason, headers: [...headers, ...extra], body: '' };
}

export const voiceSdp = testSdp('127.0.0.1', 20000);
export const callerSdp = testSdp('127.0.0.2', 30000);

/**
 * The voice server's user agent on 127.0.0.1 and a hand-driven trunk on 127.0.0.2 (a raw peer that
 * says OK to BYEs unless its handler is replaced).
 */
export async function startTrunkFixture(
  options: { credentials?: { username: string; password: string } } = {},
) {
  const voice = await startUserAgent({
    host: '127.0.0.1',
    port: 0,
    contactUser: 'accueil',
    timers: fastTimers,
    ...options,
  });
  const peer = await RawPeer.open('127.0.0.2');
  peer.handler = (message, from) => {
    if (message.kind === 'request' && message.method === 'BYE') peer.send(replyTo(message, 200, 'OK'), from);
  };
  return {
    voice,
    peer,
    voiceUri: `sip:accueil@127.0.0.1:${voice.address.port}`,
    async stop() {
      await voice.stop();
      await peer.close();
    },
  };
}

/** A call placed by hand from a raw peer (a trunk), so that a test controls every datagram. */
export class TrunkCall {
  readonly callId = `${newTag()}@127.0.0.2`;
  readonly fromTag = newTag();
  seq = 1;
  toTag: string | null = null;
  readonly invite: SipRequest;

  constructor(
    private readonly fixture: { voice: UserAgent; peer: RawPeer; voiceUri: string },
    body = callerSdp,
  ) {
    this.invite = this.request('INVITE', [{ name: 'Content-Type', value: 'application/sdp' }], body);
  }

  request(method: string, headers: Header[] = [], body = '', branch = newBranch()): SipRequest {
    const { peer, voiceUri } = this.fixture;
    return {
      kind: 'request',
      method,
      uri: voiceUri,
      headers: [
        { name: 'Via', value: `SIP/2.0/UDP 127.0.0.2:${peer.address.port};rport;branch=${branch}` },
        { name: 'From', value: `"Jean Dupont" <sip:+33612345678@127.0.0.2>;tag=${this.fromTag}` },
        { name: 'To', value: `<${voiceUri}>${this.toTag ? `;tag=${this.toTag}` : ''}` },
        { name: 'Call-ID', value: this.callId },
        { name: 'CSeq', value: `${method === 'ACK' ? 1 : this.seq} ${method}` },
        { name: 'Contact', value: `<sip:trunk@127.0.0.2:${peer.address.port}>` },
        { name: 'Max-Forwards', value: '70' },
        ...headers,
      ],
      body,
    };
  }

  /** The INVITE's branch, for a CANCEL or a non-2xx ACK (same transaction). */
  get inviteBranch(): string {
    return /branch=([^;]+)/.exec(getHeader(this.invite, 'Via') ?? '')?.[1] ?? '';
  }

  /** The next request in the dialog (CSeq + 1). */
  next(method: string, headers: Header[] = [], body = ''): SipRequest {
    this.seq += 1;
    return this.request(method, headers, body);
  }

  /** The ACK for a 2xx: a new branch, the CSeq number of the INVITE acknowledged. */
  ack(seq = 1): SipRequest {
    const ack = this.request('ACK');
    ack.headers = ack.headers.map((h) => (h.name === 'CSeq' ? { name: 'CSeq', value: `${seq} ACK` } : h));
    return ack;
  }

  send(request: SipRequest): void {
    this.fixture.peer.send(request, this.fixture.voice.address);
  }

  /** Place the call, let the voice server answer it, and wait for its 200. */
  async answered(answerSdp = voiceSdp): Promise<{ call: Call; ok: SipResponse }> {
    const incoming = nextCall(this.fixture.voice);
    this.send(this.invite);
    const call = await incoming;
    call.answer(answerSdp);
    const ok = (await this.fixture.peer.nextResponse(200, 'INVITE')).message;
    this.toTag = tagOf(getHeader(ok, 'To'));
    return { call, ok };
  }

  /** answered() then the ACK, until the call is established. */
  async established(): Promise<Call> {
    const { call } = await this.answered();
    this.send(this.ack());
    await eventually(() => call.state === 'established');
    return call;
  }
}
