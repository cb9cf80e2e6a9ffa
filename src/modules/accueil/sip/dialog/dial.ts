// Outgoing calls (RFC 3261 §13.2, §9.1): the INVITE, its provisional and final responses, the ACK
// for a 2xx, digest challenges, and CANCEL before the answer.
import { EventEmitter } from 'node:events';
import { formatUri, newCallId, newTag, parseNameAddr, parseUri, type SipUri, tagOf } from '../addresses.ts';
import { getHeader, getHeaders, type Header, type SipRequest, type SipResponse } from '../message.ts';
import { authorize, requestWithAuth } from '../requests.ts';
import { type Endpoint, resolveUri } from '../transport.ts';
import { Call } from './call.ts';
import { allowedMethods, type CallHost, contactUri, Dialog } from './dialog.ts';

export type DialOptions = {
  /**
   * Who we call as: a name-addr (`"Accueil" <sip:+33494000000@host>`), a SIP URI, or a user or
   * number (then `sip:<it>@<public address>`). Default: our Contact's user at our public address.
   */
  from?: string;
  /** Extra headers for the INVITE (P-Asserted-Identity, Diversion…). */
  headers?: Header[];
  /**
   * Send the INVITE to this URI's host instead of the target's (outbound proxy, trunk address);
   * a bare number then becomes `sip:<number>@<proxy host:port>`.
   */
  proxy?: string;
  /** CANCEL when nobody has answered within this many ms (default 120 000). */
  timeoutMs?: number;
};

export type DialFailure = 'rejected' | 'cancelled' | 'timeout';

/** The call was not answered: `status` is the final response (487 when we cancelled, 408 on timeout). */
export class DialError extends Error {
  constructor(
    readonly status: number,
    readonly reason: string,
    readonly failure: DialFailure,
  ) {
    super(`sip: call not answered (${status} ${reason}, ${failure})`);
  }
}

type DialingEvents = {
  /** A provisional response: 180 ringing, 183 session progress… */
  progress: [status: number, reason: string];
};

export class Dialing extends EventEmitter<DialingEvents> {
  readonly callId: string;
  /** Resolves with the established call (our ACK sent); rejects with a DialError. */
  readonly answered: Promise<Call>;
  private resolve!: (call: Call) => void;
  private reject!: (error: DialError) => void;
  private readonly fromValue: string;
  private readonly target: SipUri;
  private invite: SipRequest | null = null;
  private destination: Endpoint | null = null;
  private seq = 1;
  private authAttempts = 0;
  private provisional = false;
  private lastProgress = 0;
  private cancelRequested = false;
  private cancelSent = false;
  private settled = false;
  private ack: { request: SipRequest; to: Endpoint } | null = null;
  private readonly noAnswer: NodeJS.Timeout;

  constructor(
    private readonly host: CallHost,
    target: SipUri,
    private readonly sdp: string,
    private readonly options: DialOptions,
  ) {
    super();
    this.target = target;
    this.callId = newCallId(host.publicAddress);
    this.fromValue = `${fromAddress(options.from, host)};tag=${newTag()}`;
    this.answered = new Promise<Call>((resolve, reject) => {
      this.resolve = resolve;
      this.reject = reject;
    });
    // The caller may never look at `answered` if it cancels: don't let that crash the process.
    this.answered.catch(() => {});
    this.noAnswer = setTimeout(() => this.cancel('timeout'), options.timeoutMs ?? 120_000);
    const proxy = options.proxy ? parseUri(options.proxy) : null;
    resolveUri(proxy ?? target).then(
      (destination) => {
        this.destination = destination;
        if (!this.cancelRequested) this.sendInvite(null);
      },
      () => this.settle(new DialError(404, 'Not Found', 'rejected')),
    );
  }

  /** Give up before the answer: CANCEL (sent once a provisional response shows the INVITE arrived). */
  cancel(failure: DialFailure = 'cancelled'): void {
    if (this.settled) return;
    this.cancelRequested = true;
    this.settle(
      failure === 'timeout'
        ? new DialError(408, 'Request Timeout', 'timeout')
        : new DialError(487, 'Request Terminated', 'cancelled'),
    );
    if (this.provisional) this.sendCancel();
  }

  private sendInvite(challenge: SipResponse | null): void {
    const request: SipRequest = {
      kind: 'request',
      method: 'INVITE',
      uri: formatUri(this.target),
      headers: [
        this.host.newVia(),
        { name: 'Max-Forwards', value: '70' },
        { name: 'From', value: this.fromValue },
        { name: 'To', value: `<${formatUri(this.target)}>` },
        { name: 'Call-ID', value: this.callId },
        { name: 'CSeq', value: `${this.seq} INVITE` },
        { name: 'Contact', value: this.host.contact },
        { name: 'Allow', value: allowedMethods },
        { name: 'User-Agent', value: this.host.userAgent },
        { name: 'Content-Type', value: 'application/sdp' },
        ...(this.options.headers ?? []),
      ],
      body: this.sdp,
    };
    if (challenge && this.host.credentials) authorize(request, challenge, this.host.credentials);
    this.invite = request;
    this.provisional = false;
    this.cancelSent = false;
    this.host.transactions.sendRequest(request, this.destination!, {
      onProvisional: (response) => this.onProvisional(response),
      onFinal: (response) => this.onFinal(response),
      onRetransmitted2xx: () => {
        if (this.ack) this.host.send(this.ack.request, this.ack.to);
      },
      onTimeout: () => this.settle(new DialError(408, 'Request Timeout', 'timeout')),
    });
  }

  private onProvisional(response: SipResponse): void {
    this.provisional = true;
    if (this.cancelRequested) this.sendCancel();
    // 100 is hop-by-hop; a provisional repeated (our INVITE was retransmitted) is news once.
    else if (response.status > 100 && response.status !== this.lastProgress) {
      this.lastProgress = response.status;
      this.emit('progress', response.status, response.reason);
    }
  }

  private onFinal(response: SipResponse): void {
    if (response.status >= 200 && response.status < 300) {
      void this.onSuccess(response);
      return;
    }
    const challenged = response.status === 401 || response.status === 407;
    if (challenged && this.host.credentials && this.authAttempts < 2 && !this.cancelRequested) {
      // The transaction layer has ACKed the 401/407; try again with credentials and the next CSeq.
      this.authAttempts += 1;
      this.seq += 1;
      this.sendInvite(response);
      return;
    }
    this.settle(
      new DialError(response.status, response.reason, this.cancelRequested ? 'cancelled' : 'rejected'),
    );
  }

  private async onSuccess(response: SipResponse): Promise<void> {
    const invite = this.invite!;
    const dialog = new Dialog(
      this.callId,
      tagOf(this.fromValue) ?? '',
      tagOf(getHeader(response, 'To')) ?? '',
      this.fromValue,
      getHeader(response, 'To') ?? '',
      contactUri(getHeader(response, 'Contact')) ?? formatUri(this.target),
      getHeaders(response, 'Record-Route').reverse(),
      this.seq,
      null,
    );
    try {
      const to = await dialog.destination();
      this.ack = { request: dialog.ack(this.host, this.seq), to };
      this.host.send(this.ack.request, to);
    } catch (error) {
      this.host.log.warn({ err: error, callId: this.callId }, 'sip: cannot route the ACK');
    }
    if (this.settled) {
      // Cancelled, but the callee answered first (§9.1): confirm, then hang up at once.
      const to = this.ack?.to;
      if (to)
        void requestWithAuth(
          this.host.transactions,
          () => dialog.request(this.host, 'BYE'),
          to,
          this.host.credentials,
        );
      return;
    }
    this.settled = true;
    clearTimeout(this.noAnswer);
    this.resolve(Call.outgoing(this.host, invite, dialog, response.body));
  }

  private sendCancel(): void {
    const invite = this.invite;
    if (!invite || this.cancelSent || !this.destination) return;
    this.cancelSent = true;
    const pick = (name: string) => invite.headers.filter((h) => h.name === name);
    const cancel: SipRequest = {
      kind: 'request',
      method: 'CANCEL',
      uri: invite.uri,
      headers: [
        ...pick('Via').slice(0, 1),
        ...pick('Route'),
        { name: 'Max-Forwards', value: '70' },
        ...pick('From'),
        ...pick('To'),
        ...pick('Call-ID'),
        { name: 'CSeq', value: `${this.seq} CANCEL` },
        { name: 'User-Agent', value: this.host.userAgent },
      ],
      body: '',
    };
    this.host.transactions.sendRequest(cancel, this.destination, { onFinal: () => {}, onTimeout: () => {} });
  }

  private settle(error: DialError): void {
    if (this.settled) return;
    this.settled = true;
    clearTimeout(this.noAnswer);
    this.reject(error);
  }
}

/** Our From without its tag: a name-addr as given, a URI in brackets, or a user at our address. */
function fromAddress(from: string | undefined, host: CallHost): string {
  if (from && parseNameAddr(from) && from.includes('<')) return from.replace(/;\s*tag=[^;]*/i, '');
  if (from && /^(sips?|tel):/i.test(from)) return `<${from}>`;
  const user = from ?? parseNameAddr(host.contact)?.uri.user ?? 'tremplin';
  return `<sip:${user}@${host.publicAddress}>`;
}
