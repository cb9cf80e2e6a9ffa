// SIP transactions over an unreliable transport (RFC 3261 §17, RFC 6026): retransmissions,
// absorbing duplicates, and the ACK of non-2xx final responses.
import { parseCSeq, parseVia } from './addresses.ts';
import { getHeader, getHeaders, type SipRequest, type SipResponse } from './message.ts';
import { type Endpoint, responseDestination, type SipLogger, type UdpTransport } from './transport.ts';

/** T1 (RTT estimate), T2 (cap for non-INVITE retransmits), T4 (max network lifetime), in ms. */
export type SipTimers = { t1: number; t2: number; t4: number };

export const defaultTimers: SipTimers = { t1: 500, t2: 4000, t4: 5000 };

export type ClientCallbacks = {
  onProvisional?: (response: SipResponse) => void;
  onFinal: (response: SipResponse) => void;
  /** A retransmitted 2xx to an INVITE: the dialog must send its ACK again (§13.2.2.4). */
  onRetransmitted2xx?: (response: SipResponse) => void;
  /** Timer B or F fired: no final response. */
  onTimeout: () => void;
};

/** Timers of one transaction, cleared together when it ends. */
export class TimerSet {
  private readonly handles = new Set<NodeJS.Timeout>();

  after(ms: number, run: () => void): void {
    const handle = setTimeout(() => {
      this.handles.delete(handle);
      run();
    }, ms);
    this.handles.add(handle);
  }

  clear(): void {
    for (const handle of this.handles) clearTimeout(handle);
    this.handles.clear();
  }
}

function branchOf(message: SipRequest | SipResponse): string {
  const top = getHeaders(message, 'Via')[0];
  return (top ? parseVia(top)?.params.branch : undefined) ?? '';
}

function sentByOf(message: SipRequest): string {
  const top = getHeaders(message, 'Via')[0];
  const via = top ? parseVia(top) : null;
  return via ? `${via.host}:${via.port ?? 5060}` : '';
}

export class ServerTransaction {
  readonly timers = new TimerSet();
  lastResponse: SipResponse | null = null;
  /** Called once when an ACK confirms a non-2xx final response (INVITE only). */
  onAck: (() => void) | null = null;
  /** Called when a CANCEL matches this INVITE before its final response. */
  onCancel: (() => void) | null = null;

  constructor(
    private readonly layer: TransactionLayer,
    readonly key: string,
    readonly request: SipRequest,
    readonly source: Endpoint,
  ) {}

  get isInvite(): boolean {
    return this.request.method === 'INVITE';
  }

  get isFinal(): boolean {
    return (this.lastResponse?.status ?? 0) >= 200;
  }

  respond(response: SipResponse): void {
    if (this.isFinal) return; // one final response per transaction (§17.2)
    this.lastResponse = response;
    this.resend();
    if (response.status < 200) return;
    const { t1, t2 } = this.layer.timers;
    if (this.isInvite && response.status >= 300) {
      // Timer G: retransmit the final response until the ACK comes; timer H: give up.
      const retransmit = (interval: number) =>
        this.timers.after(interval, () => {
          this.resend();
          retransmit(Math.min(interval * 2, t2));
        });
      retransmit(t1);
    }
    // Timers H / J, and RFC 6026's "Accepted" state for 2xx: keep absorbing retransmissions.
    this.timers.after(64 * t1, () => this.layer.forget(this));
  }

  resend(): void {
    if (this.lastResponse)
      this.layer.transport.send(this.lastResponse, responseDestination(this.request, this.source));
  }

  /** An ACK for a non-2xx final response (same branch): stop retransmitting (timer I). */
  acknowledge(): void {
    if (this.lastResponse === null || this.lastResponse.status < 300) return;
    this.timers.clear();
    this.timers.after(this.layer.timers.t4, () => this.layer.forget(this));
    const onAck = this.onAck;
    this.onAck = null;
    onAck?.();
  }
}

export class ClientTransaction {
  readonly timers = new TimerSet();
  private state: 'calling' | 'proceeding' | 'done' = 'calling';
  private ack: SipRequest | null = null;

  constructor(
    private readonly layer: TransactionLayer,
    readonly key: string,
    readonly request: SipRequest,
    readonly destination: Endpoint,
    private readonly callbacks: ClientCallbacks,
  ) {}

  get isInvite(): boolean {
    return this.request.method === 'INVITE';
  }

  start(): void {
    const { t1, t2 } = this.layer.timers;
    this.send();
    const retransmit = (interval: number) =>
      this.timers.after(interval, () => {
        if (this.state === 'done' || (this.isInvite && this.state === 'proceeding')) return;
        this.send();
        // Timer A doubles without bound; timer E is capped at T2, and held at T2 once proceeding.
        const next = this.isInvite
          ? interval * 2
          : this.state === 'proceeding'
            ? t2
            : Math.min(interval * 2, t2);
        retransmit(next);
      });
    retransmit(t1);
    this.timers.after(64 * t1, () => {
      // Timer B (INVITE, before any response) or F (non-INVITE, before a final response).
      if (this.state === 'done' || (this.isInvite && this.state === 'proceeding')) return;
      this.state = 'done';
      this.layer.forget(this);
      this.callbacks.onTimeout();
    });
  }

  private send(): void {
    this.layer.transport.send(this.request, this.destination);
  }

  receive(response: SipResponse): void {
    if (response.status < 200) {
      if (this.state === 'calling') this.state = 'proceeding';
      if (this.state !== 'done') this.callbacks.onProvisional?.(response);
      return;
    }
    if (this.state === 'done') {
      // A retransmitted final response: re-ACK a non-2xx ourselves, hand a 2xx to the dialog.
      if (this.ack) this.layer.transport.send(this.ack, this.destination);
      else if (this.isInvite && response.status < 300) this.callbacks.onRetransmitted2xx?.(response);
      return;
    }
    this.state = 'done';
    this.timers.clear();
    if (this.isInvite && response.status >= 300) {
      this.ack = nonSuccessAck(this.request, response);
      this.layer.transport.send(this.ack, this.destination);
    }
    // Timers D / K, and RFC 6026's "Accepted" state: absorb retransmissions for a while.
    const linger = this.isInvite ? 64 * this.layer.timers.t1 : this.layer.timers.t4;
    this.timers.after(linger, () => this.layer.forget(this));
    this.callbacks.onFinal(response);
  }
}

/** §17.1.1.3: the ACK for a non-2xx final response belongs to the INVITE's transaction. */
function nonSuccessAck(invite: SipRequest, response: SipResponse): SipRequest {
  const cseq = parseCSeq(getHeader(invite, 'CSeq'));
  const pick = (name: string) => invite.headers.filter((h) => h.name === name);
  return {
    kind: 'request',
    method: 'ACK',
    uri: invite.uri,
    headers: [
      ...pick('Via').slice(0, 1),
      ...pick('Route'),
      { name: 'Max-Forwards', value: '70' },
      ...pick('From'),
      { name: 'To', value: getHeader(response, 'To') ?? getHeader(invite, 'To') ?? '' },
      { name: 'Call-ID', value: getHeader(invite, 'Call-ID') ?? '' },
      { name: 'CSeq', value: `${cseq?.seq ?? 1} ACK` },
    ],
    body: '',
  };
}

export class TransactionLayer {
  private readonly servers = new Map<string, ServerTransaction>();
  private readonly clients = new Map<string, ClientTransaction>();

  constructor(
    readonly transport: UdpTransport,
    readonly timers: SipTimers,
    readonly log: SipLogger,
  ) {}

  /** Start a client transaction; the request must carry a top Via with a fresh branch. */
  sendRequest(request: SipRequest, destination: Endpoint, callbacks: ClientCallbacks): ClientTransaction {
    const key = `${branchOf(request)}|${request.method}`;
    const tx = new ClientTransaction(this, key, request, destination, callbacks);
    this.clients.set(key, tx);
    tx.start();
    return tx;
  }

  /** Deliver a response to its client transaction; false when none matches (stray, dropped). */
  handleResponse(response: SipResponse): boolean {
    const method = parseCSeq(getHeader(response, 'CSeq'))?.method ?? '';
    const tx = this.clients.get(`${branchOf(response)}|${method}`);
    if (!tx) return false;
    tx.receive(response);
    return true;
  }

  /**
   * Match a request to a server transaction. A retransmission is absorbed here (the last response
   * goes out again) and yields null; an ACK for a non-2xx final response likewise. Otherwise a new
   * transaction is returned (ACKs for 2xx get none: they are end-to-end, handled by the dialog).
   */
  receiveRequest(request: SipRequest, source: Endpoint): ServerTransaction | 'ack' | null {
    const method = request.method === 'ACK' ? 'INVITE' : request.method;
    const key = `${branchOf(request)}|${sentByOf(request)}|${method}`;
    const existing = this.servers.get(key);
    if (request.method === 'ACK') {
      if (existing?.isFinal && (existing.lastResponse?.status ?? 0) >= 300) {
        existing.acknowledge();
        return null;
      }
      return 'ack';
    }
    if (existing) {
      existing.resend();
      return null;
    }
    const tx = new ServerTransaction(this, key, request, source);
    this.servers.set(key, tx);
    return tx;
  }

  /** The INVITE server transaction a CANCEL refers to (same branch and sent-by, §9.2). */
  inviteFor(cancel: SipRequest): ServerTransaction | undefined {
    return this.servers.get(`${branchOf(cancel)}|${sentByOf(cancel)}|INVITE`);
  }

  forget(tx: ServerTransaction | ClientTransaction): void {
    tx.timers.clear();
    if (tx instanceof ServerTransaction) {
      if (this.servers.get(tx.key) === tx) this.servers.delete(tx.key);
    } else if (this.clients.get(tx.key) === tx) this.clients.delete(tx.key);
  }

  close(): void {
    for (const tx of [...this.servers.values(), ...this.clients.values()]) tx.timers.clear();
    this.servers.clear();
    this.clients.clear();
  }
}
