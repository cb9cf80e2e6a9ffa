// The SIP user agent: one UDP socket, the transaction layer, incoming calls, outgoing calls and
// registrations. Requests outside a dialog are answered here; those inside go to their call.
import { EventEmitter } from 'node:events';
import { newBranch, newTag, parseCSeq, parseNameAddr, parseUri, tagOf, targetUri } from './addresses.ts';
import { Call } from './dialog/call.ts';
import { Dialing, type DialOptions } from './dialog/dial.ts';
import { allowedMethods, type CallHost, contactUri, type DialogHandler } from './dialog/dialog.ts';
import type { DigestCredentials } from './digest.ts';
import {
  buildResponse,
  getHeader,
  getHeaders,
  type Header,
  type SipMessage,
  type SipRequest,
} from './message.ts';
import {
  type RegisterHost,
  type RegisterOptions,
  Registration,
  type RegistrationFailure,
} from './register.ts';
import { defaultTimers, type ServerTransaction, type SipTimers, TransactionLayer } from './transactions.ts';
import {
  type Endpoint,
  type SipLogger,
  silentLogger,
  type TransportOptions,
  UdpTransport,
} from './transport.ts';

export type UserAgentOptions = {
  /** Address and port to bind (port 0: any free port, see `ua.address`). */
  host: string;
  port: number;
  /** The address written in Via and Contact (default: the bound address). */
  publicAddress?: string;
  /** Sent as User-Agent / Server (default 'Tremplin'). */
  userAgent?: string;
  /** Answers 401/407 challenges to the INVITE, BYE and REFER we send. */
  credentials?: DigestCredentials;
  /** User part of our Contact (default: the credentials' username, else 'tremplin'). */
  contactUser?: string;
  log?: SipLogger;
  /** RFC 3261 timers in ms (default T1 500, T2 4000, T4 5000); tests shorten them. */
  timers?: Partial<SipTimers>;
  /** Tests only: drop incoming messages as if lost. */
  dropIncoming?: TransportOptions['dropIncoming'];
};

export type UserAgentEvents = {
  /** A new incoming call: answer it with ring()/answer()/reject() (480 when nobody listens). */
  invite: [call: Call];
  registered: [info: { registrar: string; expires: number }];
  'registration-failed': [failure: RegistrationFailure & { registrar: string }];
};

export class UserAgent extends EventEmitter<UserAgentEvents> implements CallHost, RegisterHost {
  readonly transactions: TransactionLayer;
  readonly timers: SipTimers;
  readonly log: SipLogger;
  readonly userAgent: string;
  readonly credentials: DigestCredentials | undefined;
  readonly publicAddress: string;
  readonly contact: string;
  private readonly dialogs = new Map<string, DialogHandler>();
  private readonly registrations = new Set<Registration>();
  private readonly dialings = new Set<Dialing>();
  private stopped = false;

  constructor(
    private readonly transport: UdpTransport,
    options: UserAgentOptions,
  ) {
    super();
    this.timers = { ...defaultTimers, ...options.timers };
    this.log = options.log ?? silentLogger;
    this.userAgent = options.userAgent ?? 'Tremplin';
    this.credentials = options.credentials;
    this.publicAddress = options.publicAddress ?? transport.local.address;
    this.contact = this.contactFor(options.contactUser ?? options.credentials?.username ?? 'tremplin');
    this.transactions = new TransactionLayer(transport, this.timers, this.log);
    transport.on('message', (message, from) => this.onMessage(message, from));
  }

  /** The bound address and port. */
  get address(): Endpoint {
    return this.transport.local;
  }

  /** Calls with a dialog in progress (offered, answered or established). */
  get activeCalls(): number {
    return this.dialogs.size;
  }

  newVia(): Header {
    return {
      name: 'Via',
      value: `SIP/2.0/UDP ${this.publicAddress}:${this.address.port};rport;branch=${newBranch()}`,
    };
  }

  contactFor(user: string): string {
    return `<sip:${user}@${this.publicAddress}:${this.address.port}>`;
  }

  send(message: SipMessage, to: Endpoint): void {
    this.transport.send(message, to);
  }

  adopt(key: string, handler: DialogHandler): void {
    this.dialogs.set(key, handler);
  }

  release(key: string): void {
    this.dialogs.delete(key);
  }

  /** Register to a registrar and keep the binding fresh until `stop()`. */
  register(options: RegisterOptions): Registration {
    const registration = new Registration(this, options);
    const registrar = options.registrar;
    registration.on('registered', (info) => this.emit('registered', { registrar, ...info }));
    registration.on('registration-failed', (failure) =>
      this.emit('registration-failed', { registrar, ...failure }),
    );
    this.registrations.add(registration);
    registration.start();
    return registration;
  }

  /**
   * Call someone: a SIP URI, or a number that goes to `options.proxy` (the trunk). Await
   * `dialing.answered` for the call. Throws on a target that makes no URI.
   */
  dial(target: string, sdp: string, options: DialOptions = {}): Dialing {
    const proxy = options.proxy ? parseUri(options.proxy) : null;
    const proxyHost = proxy ? `${proxy.host}${proxy.port === null ? '' : `:${proxy.port}`}` : null;
    const uri = /^(sips?|tel):/i.test(target) || proxyHost ? targetUri(target, proxyHost ?? '') : null;
    if (!uri || (uri.scheme === 'tel' && !proxy))
      throw new Error(`sip: cannot dial ${target} (a SIP URI, or a number and a proxy)`);
    const dialing = new Dialing(this, uri, sdp, options);
    this.dialings.add(dialing);
    const done = () => this.dialings.delete(dialing);
    dialing.answered.then(done, done);
    return dialing;
  }

  /**
   * Cancel pending calls, hang up the others (1 s at most) and unregister, then close the socket.
   * New calls meanwhile get 503.
   */
  async stop(): Promise<void> {
    if (this.stopped) return;
    this.stopped = true;
    for (const dialing of this.dialings) dialing.cancel();
    const calls = [...this.dialogs.values()];
    const patience = new Promise<void>((resolve) => setTimeout(resolve, 1000).unref());
    await Promise.all([
      Promise.race([Promise.all(calls.map((call) => call.hangup())), patience]),
      ...[...this.registrations].map((r) => r.stop()),
    ]);
    for (const call of calls) call.abandon();
    this.transactions.close();
    await this.transport.close();
  }

  private onMessage(message: SipMessage, from: Endpoint): void {
    if (message.kind === 'response') {
      if (!this.transactions.handleResponse(message)) this.log.debug({ from }, 'sip: stray response dropped');
      return;
    }
    this.onRequest(message, from);
  }

  private onRequest(request: SipRequest, from: Endpoint): void {
    const callId = getHeader(request, 'Call-ID');
    const cseq = parseCSeq(getHeader(request, 'CSeq'));
    const fromValue = getHeader(request, 'From');
    const toValue = getHeader(request, 'To');
    const tx = this.transactions.receiveRequest(request, from);
    if (tx === null) return; // a retransmission, answered again by its transaction
    const malformed =
      !callId ||
      !cseq ||
      cseq.method !== request.method ||
      !parseNameAddr(fromValue ?? '') ||
      !parseNameAddr(toValue ?? '');
    if (malformed) {
      if (tx !== 'ack') this.respond(tx, 400);
      return;
    }
    if (request.method === 'CANCEL' && tx !== 'ack') {
      this.onCancel(request, tx);
      return;
    }
    const toTag = tagOf(toValue);
    if (toTag) {
      const handler = this.dialogs.get(`${callId}|${toTag}`);
      if (handler) handler.onRequest(request, tx === 'ack' ? null : tx);
      else if (tx !== 'ack') this.respond(tx, 481);
      return;
    }
    if (tx === 'ack') return; // an ACK for a call already forgotten
    switch (request.method) {
      case 'INVITE':
        if (this.stopped) this.respond(tx, 503);
        else this.onInvite(request, tx);
        return;
      case 'OPTIONS':
        this.respond(tx, 200, [
          { name: 'Allow', value: allowedMethods },
          { name: 'Accept', value: 'application/sdp' },
        ]);
        return;
      case 'BYE':
      case 'NOTIFY':
      case 'INFO':
      case 'REFER':
        this.respond(tx, 481);
        return;
      default:
        this.respond(tx, 405, [{ name: 'Allow', value: allowedMethods }]);
    }
  }

  private onInvite(request: SipRequest, tx: ServerTransaction): void {
    if (!contactUri(getHeader(request, 'Contact'))) {
      this.respond(tx, 400, [], 'Missing Contact');
      return;
    }
    // We implement no option tags (100rel, timer…): a caller that requires one gets 420 (§8.2.2.3).
    const required = getHeaders(request, 'Require');
    if (required.length > 0) {
      this.respond(tx, 420, [{ name: 'Unsupported', value: required.join(', ') }]);
      return;
    }
    // 100 Trying at once so the trunk stops retransmitting while the application decides (§17.2.1).
    tx.respond(buildResponse(request, 100));
    const call = Call.incoming(this, request, tx);
    if (this.listenerCount('invite') === 0) call.reject(480);
    else this.emit('invite', call);
  }

  /** §9.2: 200 to the CANCEL, and the call answers its INVITE with 487. */
  private onCancel(request: SipRequest, tx: ServerTransaction): void {
    const invite = this.transactions.inviteFor(request);
    if (!invite) {
      this.respond(tx, 481);
      return;
    }
    this.respond(tx, 200);
    if (!invite.isFinal) invite.onCancel?.();
  }

  private respond(tx: ServerTransaction, status: number, headers: Header[] = [], reason?: string): void {
    tx.respond(
      buildResponse(tx.request, status, reason, {
        toTag: newTag(),
        headers: [{ name: 'Server', value: this.userAgent }, ...headers],
      }),
    );
  }
}

/** Bind a UDP socket and start a user agent on it. */
export async function startUserAgent(options: UserAgentOptions): Promise<UserAgent> {
  const transport = await UdpTransport.open({
    host: options.host,
    port: options.port,
    ...(options.log ? { log: options.log } : {}),
    ...(options.dropIncoming ? { dropIncoming: options.dropIncoming } : {}),
  });
  return new UserAgent(transport, options);
}
