// Dialog state (RFC 3261 §12): the identifiers, CSeq counters, remote target and route set that
// every request inside a call is built from.
import { formatUri, parseNameAddr, parseUri } from '../addresses.ts';
import type { DigestCredentials } from '../digest.ts';
import type { Header, SipMessage, SipRequest } from '../message.ts';
import type { ServerTransaction, SipTimers, TransactionLayer } from '../transactions.ts';
import { type Endpoint, resolveUri, type SipLogger } from '../transport.ts';

/** What a call needs from its user agent. */
export interface CallHost {
  readonly transactions: TransactionLayer;
  readonly timers: SipTimers;
  readonly log: SipLogger;
  /** The address written in Via, Contact and our default From. */
  readonly publicAddress: string;
  /** Our Contact, `<sip:user@public-address:port>`. */
  readonly contact: string;
  readonly userAgent: string;
  readonly credentials: DigestCredentials | undefined;
  /** A top Via for a new client transaction (fresh branch, rport asked). */
  newVia(): Header;
  /** Send outside any transaction (ACK for 2xx). */
  send(message: SipMessage, to: Endpoint): void;
  /** Index a dialog so that in-dialog requests reach the call; unindex it when the call ends. */
  adopt(key: string, handler: DialogHandler): void;
  release(key: string): void;
}

export interface DialogHandler {
  /**
   * A request inside the dialog, with its server transaction (null for an ACK to a 2xx, which has
   * none). Retransmissions never get here: the transaction layer absorbs them.
   */
  onRequest(request: SipRequest, tx: ServerTransaction | null): void;
  /** End politely (the user agent is stopping). */
  hangup(): Promise<void>;
  /** End without signalling. */
  abandon(): void;
}

export const allowedMethods = 'INVITE, ACK, CANCEL, BYE, OPTIONS, REFER, NOTIFY, INFO';

export class Dialog {
  constructor(
    readonly callId: string,
    readonly localTag: string,
    public remoteTag: string,
    /** Our From (outgoing) or To (incoming) header value, with our tag. */
    readonly local: string,
    /** Their header value, with their tag. */
    readonly remote: string,
    /** Their Contact URI: where in-dialog requests go. */
    public remoteTarget: string,
    /** Record-Route values in the order requests visit them (loose routing only). */
    readonly routeSet: string[],
    public localSeq: number,
    public remoteSeq: number | null,
  ) {}

  get key(): string {
    return `${this.callId}|${this.localTag}`;
  }

  /** A new in-dialog request (§12.2.1.1) with the next CSeq. */
  request(host: CallHost, method: string, headers: Header[] = [], body = ''): SipRequest {
    this.localSeq += 1;
    return {
      kind: 'request',
      method,
      uri: this.remoteTarget,
      headers: [
        host.newVia(),
        ...this.routeSet.map((value) => ({ name: 'Route', value })),
        { name: 'Max-Forwards', value: '70' },
        { name: 'From', value: this.local },
        { name: 'To', value: this.remote },
        { name: 'Call-ID', value: this.callId },
        { name: 'CSeq', value: `${this.localSeq} ${method}` },
        { name: 'Contact', value: host.contact },
        { name: 'User-Agent', value: host.userAgent },
        ...headers,
      ],
      body,
    };
  }

  /** The ACK for a 2xx (§13.2.2.4): its own branch, the INVITE's CSeq number. */
  ack(host: CallHost, inviteSeq: number, headers: Header[] = []): SipRequest {
    const request = this.request(host, 'ACK', headers);
    this.localSeq -= 1;
    const cseq = request.headers.find((h) => h.name === 'CSeq');
    if (cseq) cseq.value = `${inviteSeq} ACK`;
    return request;
  }

  /** The first route when there is one (loose routing), else the remote target. */
  destination(): Promise<Endpoint> {
    const first = this.routeSet[0];
    const uri = first ? parseNameAddr(first)?.uri : parseUri(this.remoteTarget);
    if (!uri) return Promise.reject(new Error(`sip: unroutable target ${this.remoteTarget}`));
    return resolveUri(uri);
  }
}

/** A Contact header value's URI, as a string. */
export function contactUri(value: string | undefined): string | null {
  const addr = value ? parseNameAddr(value) : null;
  return addr ? formatUri(addr.uri) : null;
}
